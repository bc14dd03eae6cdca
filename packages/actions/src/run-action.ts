import * as core from "@actions/core";

/**
 * The one place an action turns an error into a failed step: a single `::error::` with the
 * message (what was wrong, what to do) and a non-zero exit, as the runner expects. Errors
 * that know the file and line at fault (config, manifest) become annotations on that line.
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
    if (
      error instanceof Error &&
      error.stack &&
      !(error as { name?: string }).name?.endsWith("Error")
    ) {
      core.debug(error.stack);
    }
  }
}
