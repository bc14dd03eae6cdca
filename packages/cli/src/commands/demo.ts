import { runDemo } from "../demo/run-demo.js";
import { EXIT_OK } from "../errors.js";
import { type Io, printJson } from "../io.js";
import { flag, type ParsedArgs, stringOption } from "../options.js";
import { statusTable } from "./status-table.js";

/**
 * `fastdeploy demo`: the whole pipeline on this machine, no GitHub account needed. The starter
 * workflows `fastdeploy init` writes run through the local engine against a local GitHub; one
 * line per change of a job goes to stderr, the final status table to stdout.
 */
export async function demoCommand(parsed: ParsedArgs, io: Io): Promise<number> {
  const started = Date.now();
  const dir = stringOption(parsed, "dir");
  const result = await runDemo({ log: (line) => io.stderr(`${line}\n`), ...(dir ? { dir } : {}) });
  if (flag(parsed, "json")) {
    printJson(io, result);
    return EXIT_OK;
  }
  io.stdout("\nWhat runs where, from the deployment ledger:\n\n");
  io.stdout(statusTable(result.status));
  io.stdout(`\nThe sample repository and its deployed targets are in ${result.dir}.\n`);
  io.stdout(`Demo finished in ${((Date.now() - started) / 1000).toFixed(1)} s.\n`);
  return EXIT_OK;
}
