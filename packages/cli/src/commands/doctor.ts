import { DEFAULT_CONFIG_PATH, loadConfig } from "@fastdeploy/core";
import { EXIT_FAILURE, EXIT_OK } from "../errors.js";
import { type Io, printJson } from "../io.js";
import { connect, flag, type ParsedArgs, readLocalConfig, stringOption } from "../options.js";
import { runDoctorChecks } from "./doctor-checks.js";
import { configTemplate } from "./init-files.js";

export const DOCTOR_OPTIONS = {
  dir: { type: "string" },
} as const;

/**
 * `fastdeploy doctor`: checks the repository against the config in the working directory (or
 * the environments `init` would write when there is none) and lists each missing piece with
 * its fix. Exit 1 when anything is missing.
 */
export async function doctorCommand(parsed: ParsedArgs, io: Io): Promise<number> {
  const { client, repo } = connect(parsed, io, "doctor");
  const dir = stringOption(parsed, "dir") ?? io.cwd;
  const local = await readLocalConfig(parsed, dir);
  const configFile = stringOption(parsed, "config") ?? DEFAULT_CONFIG_PATH;
  if (!local) {
    io.stderr(
      `No ${configFile} here; checking the environments fastdeploy init would create (dev, qa, prod).\n`,
    );
  }
  const config =
    local ??
    loadConfig(
      configTemplate({
        environments: ["dev", "qa", "prod"],
        path: ["dist"],
        deployCommand: "true",
        branch: "main",
      }),
    );
  const json = flag(parsed, "json");
  const report = await runDoctorChecks(client, repo, config.environments, config.tagPrefix, (m) =>
    io.stderr(`${m}…\n`),
  );
  const ok = report.findings.length === 0;
  if (json) {
    printJson(io, { ok, ...report });
    return ok ? EXIT_OK : EXIT_FAILURE;
  }
  io.stdout(`Doctor for ${report.repository}\n\n`);
  for (const line of report.passed) io.stdout(`  ok       ${line}\n`);
  for (const f of report.findings) {
    io.stdout(`  MISSING  ${f.problem}\n           fix: ${f.fix}\n`);
  }
  io.stdout(
    ok
      ? "\nEverything FastDeploy needs is in place.\n"
      : `\n${report.findings.length} missing piece${report.findings.length === 1 ? "" : "s"}.\n`,
  );
  return ok ? EXIT_OK : EXIT_FAILURE;
}
