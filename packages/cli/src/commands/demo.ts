import { runDemo } from "@fastdeploy/sandbox";
import { EXIT_FAILURE, EXIT_OK } from "../errors.js";
import { type Io, printJson } from "../io.js";
import { flag, type ParsedArgs } from "../options.js";

/**
 * `fastdeploy demo`: the whole pipeline on this machine, no GitHub account needed. The same
 * bundled actions a workflow runs are started by the runner harness against the local GitHub
 * sandbox; progress goes to stderr, the final status table to stdout.
 */
export async function demoCommand(parsed: ParsedArgs, io: Io): Promise<number> {
  const started = Date.now();
  const dir = typeof parsed.values.dir === "string" ? parsed.values.dir : undefined;
  let result: Awaited<ReturnType<typeof runDemo>>;
  try {
    result = await runDemo({ log: (line) => io.stderr(`${line}\n`), ...(dir ? { dir } : {}) });
  } catch (error) {
    io.stderr(
      `fastdeploy demo failed: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    return EXIT_FAILURE;
  }
  if (flag(parsed, "json")) {
    printJson(io, result);
    return EXIT_OK;
  }
  const rows = [
    ["ENVIRONMENT", "VERSION", "DEPLOYED AT", "APPROVED BY", "NOTE"],
    ...Object.entries(result.status.environments ?? {}).map(([name, e]) => [
      name,
      e.version ?? "-",
      e.deployed_at ?? "-",
      e.approved_by?.join(", ") || "-",
      e.rollback ? `rolled back from ${e.rollback.from}` : "",
    ]),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length)));
  io.stdout("\nWhat runs where, from the deployment ledger:\n\n");
  for (const row of rows) {
    io.stdout(
      `  ${row
        .map((cell, i) => cell.padEnd(widths[i] ?? 0))
        .join("  ")
        .trimEnd()}\n`,
    );
  }
  io.stdout(`\nJob summaries of every step were written to ${result.dir}/summaries/:\n`);
  for (const file of result.summaries) io.stdout(`  ${file}\n`);
  io.stdout(`\nDemo finished in ${((Date.now() - started) / 1000).toFixed(1)} s.\n`);
  return EXIT_OK;
}
