import type { Log } from "@fastdeploy/commands";
import { TerminalPrompt } from "./terminal-prompt.js";

/**
 * Where a command writes: data and results on stdout (so `--json` output can be piped),
 * progress and warnings on stderr. Tests and the bin entry provide their own.
 */
export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** stdout is a terminal (so a person reads it: colours and pictures are welcome). */
  isTTY?: boolean;
  /** Asks a person and returns the answer; present only when someone sits at a terminal. */
  prompt?(question: string): Promise<string>;
}

export const processIo = (): Io => ({
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  env: process.env,
  cwd: process.cwd(),
  isTTY: process.stdout.isTTY === true,
  ...(process.stdin.isTTY && process.stderr.isTTY
    ? { prompt: new TerminalPrompt(process.stdin, process.stderr).ask }
    : {}),
});

/**
 * Colour on stdout: on a terminal, unless NO_COLOR is set (https://no-color.org: any non-empty
 * value) or TERM is dumb; FORCE_COLOR=1 asks for it on a pipe too.
 */
export function wantsColour(io: Io): boolean {
  if (io.env.NO_COLOR) return false;
  if (io.env.FORCE_COLOR && io.env.FORCE_COLOR !== "0") return true;
  return io.isTTY === true && io.env.TERM !== "dumb";
}

/** A command's Log port for a terminal: one progress line per message on stderr. */
export function progressLog(io: Io, options: { verbose?: boolean } = {}): Log {
  return {
    info: (m) => io.stderr(`${m}\n`),
    warning: (m) => io.stderr(`warning: ${m}\n`),
    debug: (m) => {
      if (options.verbose) io.stderr(`debug: ${m}\n`);
    },
    group: async (title, run) => {
      io.stderr(`${title}…\n`);
      return run();
    },
  };
}

/** Prints `value` as indented JSON on stdout. */
export function printJson(io: Io, value: unknown): void {
  io.stdout(`${JSON.stringify(value, null, 2)}\n`);
}
