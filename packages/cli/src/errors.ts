/**
 * Exit codes, documented in docs/cli.md: 0 success, 1 the command ran and failed (or found
 * problems), 2 the command line was wrong and nothing was done.
 */
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

/** A wrong command line: unknown command or option, missing or malformed argument. */
export class UsageError extends Error {
  override name = "UsageError";
  constructor(
    message: string,
    /** The command whose help to point at. */
    readonly command?: string,
  ) {
    super(message);
  }
}

/** The command ran and failed for a reason the message explains; exit 1. */
export class CliFailure extends Error {
  override name = "CliFailure";
}
