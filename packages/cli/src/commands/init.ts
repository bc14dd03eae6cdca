import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { applyEnvironment, environmentSettings, resolveReviewers } from "@fastdeploy/commands";
import {
  ConfigError,
  DEFAULT_CONFIG_PATH,
  type FastDeployConfig,
  loadConfig,
} from "@fastdeploy/core";
import { CliFailure, EXIT_OK, UsageError } from "../errors.js";
import { type Io, printJson, progressLog } from "../io.js";
import {
  connect,
  flag,
  integerOption,
  listOption,
  type ParsedArgs,
  stringOption,
} from "../options.js";
import {
  configTemplate,
  starterWorkflows,
  type WriteOutcome,
  writeInitFile,
} from "./init-files.js";

export const INIT_OPTIONS = {
  dir: { type: "string" },
  environments: { type: "string" },
  name: { type: "string" },
  "build-command": { type: "string" },
  path: { type: "string" },
  "deploy-command": { type: "string" },
  branch: { type: "string" },
  reviewers: { type: "string" },
  "wait-timer": { type: "string" },
  force: { type: "boolean" },
  apply: { type: "boolean" },
  reusable: { type: "boolean" },
} as const;

const ENVIRONMENT_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,254}$/;
const DEFAULT_DEPLOY =
  'echo "Deploy $FASTDEPLOY_VERSION to $FASTDEPLOY_TARGET: replace this command in .github/fastdeploy.yml"';

/**
 * `fastdeploy init`: writes the config and the starter workflows into a repository directory
 * and, with --apply, creates or updates the environments and their protection rules.
 */
export async function initCommand(parsed: ParsedArgs, io: Io): Promise<number> {
  const dir = resolve(io.cwd, stringOption(parsed, "dir") ?? ".");
  const configFile = stringOption(parsed, "config") ?? DEFAULT_CONFIG_PATH;
  const force = flag(parsed, "force");
  const apply = flag(parsed, "apply");
  const waitTimer = integerOption(parsed, "wait-timer", "init", { min: 0, max: 43_200 });
  const reviewerNames = listOption(parsed, "reviewers") ?? [];
  const environments = listOption(parsed, "environments") ?? ["dev", "qa", "prod"];
  validateEnvironments(environments);

  const absoluteConfig = join(dir, configFile);
  const existing = await readOptional(absoluteConfig);
  const configText =
    existing !== undefined && !force
      ? existing
      : configTemplate({
          environments,
          ...(stringOption(parsed, "name") ? { name: stringOption(parsed, "name") } : {}),
          ...(stringOption(parsed, "build-command")
            ? { buildCommand: stringOption(parsed, "build-command") }
            : {}),
          path: listOption(parsed, "path") ?? ["dist"],
          deployCommand: stringOption(parsed, "deploy-command") ?? DEFAULT_DEPLOY,
          branch: stringOption(parsed, "branch") ?? "main",
        });
  const config = parseConfig(configText, configFile);
  if (config.environments.length === 0) {
    throw new CliFailure(
      `${configFile} lists no environments; add them (docs/configuration.md) or run init --force.`,
    );
  }
  const reviewed = config.environments.filter((e) => e.production || e.requireReview);
  if (apply && reviewed.length > 0 && reviewerNames.length === 0) {
    throw new UsageError(
      `${reviewed.map((e) => e.name).join(", ")} must be reviewed before deploys: pass --reviewers with user logins or org/team slugs`,
      "init",
    );
  }

  const files: Array<{ path: string; outcome: WriteOutcome }> = [];
  files.push(await writeInitFile(dir, absoluteConfig, configText, force));
  const kind = flag(parsed, "reusable") ? "reusable" : "self-contained";
  for (const file of starterWorkflows(
    config.environments.map((e) => e.name),
    kind,
  )) {
    files.push(await writeInitFile(dir, join(dir, file.path), file.text, force));
  }

  const applied: Awaited<ReturnType<typeof applyEnvironment>>[] = [];
  if (apply) {
    const log = progressLog(io, { verbose: flag(parsed, "verbose") });
    const { client, repo } = connect(parsed, io, "init");
    log.info(`Resolving reviewers of ${repo.owner}/${repo.repo}`);
    const reviewers = await resolveReviewers(client, reviewerNames);
    const { data } = await client.rest.repos.get({ ...repo });
    const settings = environmentSettings(config.environments, {
      tagPrefix: config.tagPrefix,
      defaultBranch: data.default_branch,
      ...(waitTimer !== undefined ? { waitTimer } : {}),
    });
    for (const env of settings) {
      applied.push(await applyEnvironment(client, repo, env, reviewers, log));
    }
  }

  if (flag(parsed, "json")) {
    printJson(io, { directory: dir, files, environments: applied });
    return EXIT_OK;
  }
  for (const f of files) {
    const note = f.outcome === "kept" ? " (exists with other content; --force replaces it)" : "";
    io.stdout(`${f.outcome.padEnd(9)} ${f.path}${note}\n`);
  }
  for (const env of applied) {
    const who = env.reviewers.length ? `reviewers ${env.reviewers.join(", ")}` : "no reviewers";
    io.stdout(
      `applied   environment ${env.name}: ${who}; deploys from ${env.policies.join(", ")}\n`,
    );
  }
  io.stdout(
    apply
      ? "\nNext: commit and push the files above, then run `fastdeploy doctor`.\n"
      : "\nNext: commit and push the files above, then run `fastdeploy init --apply --reviewers <logins>` to create the environments.\n",
  );
  return EXIT_OK;
}

function validateEnvironments(names: string[]): void {
  if (names.length === 0) throw new UsageError("--environments lists no environment", "init");
  for (const name of names) {
    if (!ENVIRONMENT_NAME.test(name)) {
      throw new UsageError(
        `environment "${name}" must be letters, digits, '.', '_' or '-' (at most 255)`,
        "init",
      );
    }
  }
  const lower = names.map((n) => n.toLowerCase());
  const twice = names.find((_, i) => lower.indexOf(lower[i] ?? "") !== i);
  if (twice) throw new UsageError(`environment "${twice}" is listed twice`, "init");
}

function parseConfig(text: string, file: string): FastDeployConfig {
  try {
    return loadConfig(text, file);
  } catch (error) {
    if (error instanceof ConfigError) throw new CliFailure(error.message);
    throw error;
  }
}

async function readOptional(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}
