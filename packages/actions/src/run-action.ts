import * as core from "@actions/core";
import { FastDeployError } from "@fastdeploy/core";

/**
 * The one place an action turns an error into a failed step: a single `::error::` with the
 * message (what was wrong, what to do) and a non-zero exit, as the runner expects. Errors
 * that know the file and line at fault (config, manifest) become annotations on that line.
 * An error FastDeploy did not throw on purpose (a bug, a network failure) also logs its stack
 * as a debug line, shown when the run is re-run with debug logging.
 */
export async function runAction(main: () => Promise<void>): Promise<void> {
  try {
    await main();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const where = error as { file?: unknown; line?: unknown; column?: unknown };
    if (typeof where.file === "string" && typeof where.line === "number") {
      core.error(message, {
        file: where.file,
        startLine: where.line,
        ...(typeof where.column === "number" ? { startColumn: where.column } : {}),
      });
      process.exitCode = 1;
    } else {
      core.setFailed(message);
    }
    if (error instanceof Error && !(error instanceof FastDeployError) && error.stack) {
      core.debug(error.stack);
    }
  }
}
