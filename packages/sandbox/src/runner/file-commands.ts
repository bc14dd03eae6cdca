// The runner's file commands (GITHUB_OUTPUT, GITHUB_ENV, GITHUB_STATE, GITHUB_PATH,
// GITHUB_STEP_SUMMARY): fresh files per step, parsed after the step ends. The parser mirrors
// actions/runner src/Runner.Worker/FileCommandManager.cs (L382-441) on Linux, where only "\n"
// ends a line; a "\r" stays part of the line exactly as it does on a Linux runner.
import { randomUUID } from "node:crypto";
import { mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** The runner refuses summaries larger than this (`AttachmentSizeLimit`). */
export const STEP_SUMMARY_LIMIT = 1024 * 1024;

/** A file-command parse error; the runner fails the step when it sees one. */
export class FileCommandError extends Error {
  override name = "FileCommandError";
}

export interface FileCommandPaths {
  GITHUB_OUTPUT: string;
  GITHUB_ENV: string;
  GITHUB_STATE: string;
  GITHUB_PATH: string;
  GITHUB_STEP_SUMMARY: string;
}

const PREFIXES: Record<keyof FileCommandPaths, string> = {
  GITHUB_OUTPUT: "set_output_",
  GITHUB_ENV: "set_env_",
  GITHUB_STATE: "save_state_",
  GITHUB_PATH: "add_path_",
  GITHUB_STEP_SUMMARY: "step_summary_",
};

/** Creates the empty per-step files in `$RUNNER_TEMP/_runner_file_commands/`. */
export function createFileCommandFiles(runnerTemp: string): FileCommandPaths {
  const dir = join(runnerTemp, "_runner_file_commands");
  mkdirSync(dir, { recursive: true });
  const paths = {} as FileCommandPaths;
  for (const [name, prefix] of Object.entries(PREFIXES) as [keyof FileCommandPaths, string][]) {
    const file = join(dir, `${prefix}${randomUUID()}`);
    writeFileSync(file, "");
    paths[name] = file;
  }
  return paths;
}

/** Reads one line the way the runner's ReadLine does: the line without "\n", or null at EOF. */
function readLine(
  text: string,
  cursor: { index: number },
): { line: string; newline: boolean } | null {
  if (cursor.index >= text.length) return null;
  const start = cursor.index;
  const lf = text.indexOf("\n", start);
  if (lf < 0) {
    cursor.index = text.length;
    return { line: text.slice(start), newline: false };
  }
  cursor.index = lf + 1;
  return { line: text.slice(start, lf), newline: true };
}

/**
 * Parses the key/value format of GITHUB_OUTPUT, GITHUB_ENV and GITHUB_STATE: `NAME=VALUE` or
 * `NAME<<DELIM` … `DELIM`; whichever of `=` and `<<` comes first on the line decides. Throws
 * FileCommandError with the runner's messages. Later pairs win, as in the runner's dictionary.
 */
export function parseKeyValueFile(text: string): [string, string][] {
  const pairs: [string, string][] = [];
  const cursor = { index: 0 };
  for (let read = readLine(text, cursor); read !== null; read = readLine(text, cursor)) {
    const { line } = read;
    if (line === "") continue;
    const equals = line.indexOf("=");
    const heredoc = line.indexOf("<<");
    if (equals >= 0 && (heredoc < 0 || equals < heredoc)) {
      const key = line.slice(0, equals);
      // The runner checks the whole line here (a bug), so it accepts `=v`; an empty name is
      // useless to every consumer, so the harness is stricter and reports it.
      if (key === "")
        throw new FileCommandError(`Invalid format '${line}'. Name must not be empty`);
      pairs.push([key, line.slice(equals + 1)]);
    } else if (heredoc >= 0 && (equals < 0 || heredoc < equals)) {
      const key = line.slice(0, heredoc);
      const delimiter = line.slice(heredoc + 2);
      if (key === "" || delimiter === "") {
        throw new FileCommandError(
          `Invalid format '${line}'. Name must not be empty and delimiter must not be empty`,
        );
      }
      const start = cursor.index;
      let end = cursor.index;
      let next = readLine(text, cursor);
      while (next?.line !== delimiter) {
        if (next === null) {
          throw new FileCommandError(`Invalid value. Matching delimiter not found '${delimiter}'`);
        }
        if (!next.newline)
          throw new FileCommandError("Invalid value. EOF marker missing new line.");
        end = cursor.index - 1;
        next = readLine(text, cursor);
      }
      pairs.push([key, end > start ? text.slice(start, end) : ""]);
    } else {
      throw new FileCommandError(`Invalid format '${line}'`);
    }
  }
  return pairs;
}

/** GITHUB_PATH: one directory per non-empty line; a repeated directory moves to the end. */
export function parsePathFile(text: string): string[] {
  const result: string[] = [];
  for (const raw of text.split("\n")) {
    const line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    if (line === "") continue;
    const seen = result.indexOf(line);
    if (seen >= 0) result.splice(seen, 1);
    result.push(line);
  }
  return result;
}

export interface FileCommandResults {
  outputs: Record<string, string>;
  env: Record<string, string>;
  state: Record<string, string>;
  path: string[];
  summary: string;
  /** Messages the runner reports as annotations (they do not fail the step). */
  warnings: string[];
  errors: string[];
  /** Parse errors: each fails the step, as `CommandResult = Failed` does in the runner. */
  failures: string[];
}

function readText(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return ""; // an action may delete its file; the runner skips a missing file too
  }
}

/** Processes every file command of a finished step, in the runner's order. */
export function processFileCommands(paths: FileCommandPaths): FileCommandResults {
  const results: FileCommandResults = {
    outputs: {},
    env: {},
    state: {},
    path: [],
    summary: "",
    warnings: [],
    errors: [],
    failures: [],
  };
  const keyValue = (file: string, apply: (key: string, value: string) => void) => {
    try {
      for (const [key, value] of parseKeyValueFile(readText(file))) apply(key, value);
    } catch (error) {
      results.failures.push((error as Error).message);
    }
  };
  keyValue(paths.GITHUB_ENV, (key, value) => {
    if (key.toUpperCase() === "NODE_OPTIONS") {
      results.warnings.push(
        "Can't store NODE_OPTIONS output parameter using '$GITHUB_ENV' command.",
      );
      return;
    }
    results.env[key] = value;
  });
  results.path = parsePathFile(readText(paths.GITHUB_PATH));
  keyValue(paths.GITHUB_OUTPUT, (key, value) => {
    results.outputs[key] = value;
  });
  keyValue(paths.GITHUB_STATE, (key, value) => {
    results.state[key] = value;
  });
  let size = 0;
  try {
    size = statSync(paths.GITHUB_STEP_SUMMARY).size;
  } catch {}
  if (size > STEP_SUMMARY_LIMIT) {
    results.errors.push(
      `$GITHUB_STEP_SUMMARY upload aborted, supports content up to a size of ${STEP_SUMMARY_LIMIT / 1024}k, got ${Math.floor(size / 1024)}k.`,
    );
  } else {
    results.summary = readText(paths.GITHUB_STEP_SUMMARY);
  }
  return results;
}
