import { StringDecoder } from "node:string_decoder";

/**
 * The pieces of a launcher request (see shell-pool.ts): the script a slot sources in the
 * forked job, the reader that tells a slot's markers from its commands' output, and the line
 * splitter for that output.
 */

// The runner's own `run:` default, as in runShell.
const SHELL = "/bin/bash --noprofile --norc -eo pipefail -c";
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
// Names bash will not take from `export` (read-only or special to it): a request that must
// change one of them goes the spawn way.
const SPECIAL = new Set([
  "BASHOPTS",
  "SHELLOPTS",
  "BASH_VERSINFO",
  "BASHPID",
  "EUID",
  "PPID",
  "UID",
  "GROUPS",
  "FUNCNAME",
  "BASH_ARGV0",
  "BASH_SUBSHELL",
  "BASH_COMMAND",
  "DIRSTACK",
  "LINENO",
  "RANDOM",
  "SRANDOM",
  "SECONDS",
  "EPOCHREALTIME",
  "EPOCHSECONDS",
  "HISTCMD",
]);
// Set by a `cd`: restated to what was asked whenever the prelude changes directory. (SHLVL,
// which bash sets at its start, the launcher puts back once for all its slots.)
const AFTER_CD = "OLDPWD";

/** Single quotes keep any byte but NUL (which no environment value holds) literal. */
export const quote = (value: string) => `'${value.replaceAll("'", `'\\''`)}'`;

/**
 * ANSI-C quoting ($'...'): like quote, but the result is always one line, so a request with
 * a newline in a value still fits on the launcher's request line.
 */
export const lineQuote = (value: string) =>
  `$'${value.replace(/[\\'\x00-\x1f\x7f]/g, (c) =>
    c === "\\" || c === "'" ? `\\${c}` : `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`,
  )}'`;

/**
 * The SHLVL a job must hold for its command to see `level`: the job execs the command's bash,
 * and bash's `exec` lowers SHLVL by one first (anything but a whole number counts as 0), so a
 * spawned bash and a slot's command see the same.
 */
export const execLevel = (level: string | undefined) =>
  String((/^\d+$/.test(level ?? "") ? Number(level) : 0) + 1);

/** The file a slot sources to run a command: the runner's shell, as the job's own process. */
export const commandScript = (command: string) => `exec ${SHELL} ${quote(command)}\n`;

/**
 * A request's prelude, on one line: what turns the slot's working directory and environment
 * into the asked ones (a `cd`, `unset`s and `export`s), run in the forked job before the
 * command's script. Undefined when that needs a name bash cannot export.
 */
export function requestPrelude(
  cwd: string,
  slot: { cwd: string; env: NodeJS.ProcessEnv },
  env: NodeJS.ProcessEnv,
): string | undefined {
  const parts: string[] = [];
  const cd = cwd !== slot.cwd;
  if (cd) parts.push(`cd -- ${lineQuote(cwd)} || exit 126`);
  const base = slot.env;
  const restated = (key: string) => cd && key === AFTER_CD;
  const unset: string[] = [];
  for (const key of Object.keys(base)) {
    if (env[key] === undefined && base[key] !== undefined) unset.push(key);
  }
  const changed = Object.entries(env).filter(
    ([key, value]) => value !== undefined && (base[key] !== value || restated(key)),
  );
  for (const key of [...unset, ...changed.map(([key]) => key)]) {
    if (!NAME.test(key) || SPECIAL.has(key)) return undefined;
  }
  if (cd && env[AFTER_CD] === undefined && !unset.includes(AFTER_CD)) unset.push(AFTER_CD);
  if (unset.length) parts.push(`unset -v ${unset.join(" ")}`);
  for (const [key, value] of changed) {
    parts.push(`export ${key}=${lineQuote(key === "SHLVL" ? execLevel(value) : value!)}`);
  }
  return parts.join("; ") || ":";
}

/** Splits a stream into lines as readline does (\n, \r\n or \r), the last one unterminated. */
export class Lines {
  private rest = "";
  constructor(private readonly emit: (line: string) => void) {}

  push(chunk: string) {
    const text = this.rest + chunk;
    const pattern = /\r\n|\n|\r/g;
    let from = 0;
    for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
      // A \r at the very end may be the first half of a \r\n: wait for the next chunk.
      if (match[0] === "\r" && match.index === text.length - 1) break;
      this.emit(text.slice(from, match.index));
      from = match.index + match[0].length;
    }
    this.rest = text.slice(from);
  }

  end() {
    const rest = this.rest.endsWith("\r") ? this.rest.slice(0, -1) : this.rest;
    if (this.rest) this.emit(rest);
    this.rest = "";
  }
}

const EMPTY = Buffer.alloc(0);

/**
 * Reads one slot's socket: its commands' output, with the slot's own markers in between
 * (`\0<nonce> S <id> <pid>\n`, `\0<nonce> E <id> <status>[ D]\n`). A marker is in the same
 * stream as the output, written after the output it follows, so "everything before E belongs
 * to that command" holds without any timing. A NUL the command writes itself is output; only
 * the nonce, random per pool, makes a marker.
 */
export class MarkedStream {
  private pending: Buffer = EMPTY;
  private readonly decoder = new StringDecoder("utf8");

  constructor(
    private readonly marker: Buffer,
    private readonly on: { output(text: string): void; marker(fields: string[]): void },
  ) {}

  push(chunk: Buffer) {
    const data = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    this.pending = EMPTY;
    let from = 0;
    while (from < data.length) {
      const at = data.indexOf(0, from);
      if (at < 0) return this.text(data.subarray(from));
      if (at > from) this.text(data.subarray(from, at));
      const head = Math.min(data.length - at, this.marker.length);
      if (this.marker.compare(data, at, at + head, 0, head) !== 0) {
        this.text(data.subarray(at, at + 1));
        from = at + 1;
        continue;
      }
      const end = head === this.marker.length ? data.indexOf(0x0a, at + head) : -1;
      if (end < 0) {
        // A marker cut by the chunk boundary: wait for the rest.
        this.pending = Buffer.from(data.subarray(at));
        return;
      }
      this.on.marker(data.toString("latin1", at + head, end).split(" "));
      from = end + 1;
    }
  }

  /** Hands on a character cut short at the end of a command's output. */
  flush() {
    const rest = this.decoder.end();
    if (rest) this.on.output(rest);
  }

  private text(bytes: Buffer) {
    const text = this.decoder.write(bytes);
    if (text) this.on.output(text);
  }
}
