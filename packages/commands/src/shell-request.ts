/**
 * The pieces of a launcher request (see shell-pool.ts): the script a launcher sources in the
 * forked job, and the line splitter for the output it passes on.
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
// Set by the launcher itself (its start, its `cd`), so always restated to what was asked.
const RESTATED = ["SHLVL", "OLDPWD"];

/** Single quotes keep any byte but NUL (which no environment value holds) literal. */
export const quote = (value: string) => `'${value.replaceAll("'", `'\\''`)}'`;

export interface RequestFacts {
  command: string;
  cwd: string;
}

/**
 * The job's script: move to the cwd, turn the launcher's environment into the request's, and
 * exec the command's shell, so the job's pid (its process group) is the command's. Undefined
 * when the environment change needs a name bash cannot export.
 */
export function requestScript(
  facts: RequestFacts,
  base: NodeJS.ProcessEnv,
  env: NodeJS.ProcessEnv,
): string | undefined {
  const lines = [`cd -- ${quote(facts.cwd)} || exit 126`];
  const unset: string[] = [];
  for (const key of Object.keys(base)) {
    if (env[key] === undefined && !RESTATED.includes(key)) unset.push(key);
  }
  const changed = Object.entries(env).filter(
    ([key, value]) => value !== undefined && (base[key] !== value || RESTATED.includes(key)),
  );
  for (const key of [...unset, ...changed.map(([key]) => key)]) {
    if (!NAME.test(key) || SPECIAL.has(key)) return undefined;
  }
  for (const key of RESTATED) if (env[key] === undefined) unset.push(key);
  if (unset.length) lines.push(`unset -v ${unset.join(" ")}`);
  for (const [key, value] of changed) lines.push(`export ${key}=${quote(value!)}`);
  lines.push(`exec ${SHELL} ${quote(facts.command)}`);
  return `${lines.join("\n")}\n`;
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
