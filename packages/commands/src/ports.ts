/**
 * The ports a command talks through, so the same command runs from an action (the
 * workflow log, @actions/artifact), the CLI (a terminal) and a test (memory).
 */
export interface Log {
  info(message: string): void;
  warning(message: string): void;
  debug(message: string): void;
  /** A collapsible phase of a long run (`::group::` in a workflow log). */
  group<T>(title: string, run: () => Promise<T>): Promise<T>;
}

/** Workflow artifacts of the current run (the build → publish hand-over). */
export interface WorkflowArtifacts {
  upload(
    name: string,
    files: string[],
    rootDirectory: string,
  ): Promise<{ id: number; size: number }>;
  /** Downloads the artifact `name` into `dest` and returns the paths written. */
  download(name: string, dest: string): Promise<string[]>;
}

export const quietLog: Log = {
  info: () => {},
  warning: () => {},
  debug: () => {},
  group: (_title, run) => run(),
};
