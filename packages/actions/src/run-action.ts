import * as core from "@actions/core";

/**
 * The one place an action turns an error into a failed step: a single `::error::` with the
 * message (what was wrong, what to do) and a non-zero exit, as the runner expects.
 */
export async function runAction(main: () => Promise<void>): Promise<void> {
  try {
    await main();
  } catch (error) {
    core.setFailed(error instanceof Error ? error.message : String(error));
  }
}
