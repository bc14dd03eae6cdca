import { execFileSync } from "node:child_process";
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { type ParseArgsConfig, parseArgs } from "node:util";
import { DEFAULT_CONFIG_PATH, type FastDeployConfig, loadConfig } from "@fastdeploy/core";
import {
  createGitHubClient,
  type GitHubClient,
  pacingFromEnv,
  type RepoRef,
} from "@fastdeploy/github";
import { UsageError } from "./errors.js";
import type { Io } from "./io.js";

export type OptionSpec = NonNullable<ParseArgsConfig["options"]>;
type Value = string | boolean | (string | boolean)[] | undefined;

/** Options every command accepts (docs/cli.md, "Global options"). */
export const GLOBAL_OPTIONS = {
  repo: { type: "string" },
  token: { type: "string" },
  "api-url": { type: "string" },
  config: { type: "string" },
  json: { type: "boolean" },
  verbose: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const satisfies OptionSpec;

export interface ParsedArgs {
  values: Record<string, Value>;
  positionals: string[];
}

/**
 * node:util parseArgs in strict mode with the global options added; its errors (unknown
 * option, missing value) become usage errors that name the command.
 */
export function parseCommand(
  command: string,
  args: string[],
  options: OptionSpec,
  positionals: { min: number; max: number; names: string },
): ParsedArgs {
  let parsed: ParsedArgs;
  try {
    parsed = parseArgs({
      args,
      options: { ...GLOBAL_OPTIONS, ...options },
      allowPositionals: true,
      strict: true,
    }) as ParsedArgs;
  } catch (error) {
    throw new UsageError((error as Error).message.split(". To specify")[0] ?? "", command);
  }
  if (parsed.values.help) return parsed;
  const count = parsed.positionals.length;
  if (count < positionals.min) {
    throw new UsageError(`missing ${positionals.names}`, command);
  }
  if (count > positionals.max) {
    const extra = parsed.positionals.slice(positionals.max).join(" ");
    throw new UsageError(`unexpected argument: ${extra}`, command);
  }
  return parsed;
}

export function stringOption(parsed: ParsedArgs, name: string): string | undefined {
  const value = parsed.values[name];
  return typeof value === "string" ? value : undefined;
}

export function flag(parsed: ParsedArgs, name: string): boolean {
  return parsed.values[name] === true;
}

/** A comma- or newline-separated list option. */
export function listOption(parsed: ParsedArgs, name: string): string[] | undefined {
  const value = stringOption(parsed, name);
  if (value === undefined) return undefined;
  return value
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** A whole number option within [min, max]. */
export function integerOption(
  parsed: ParsedArgs,
  name: string,
  command: string,
  range: { min: number; max: number },
): number | undefined {
  const value = stringOption(parsed, name);
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < range.min || n > range.max) {
    throw new UsageError(
      `--${name} must be a whole number from ${range.min} to ${range.max}, got "${value}"`,
      command,
    );
  }
  return n;
}

const REPO = /^([A-Za-z0-9-]{1,39})\/([A-Za-z0-9._-]{1,100})$/;

/**
 * The repository: --repo, then GITHUB_REPOSITORY (inside a workflow), then the `origin`
 * remote of the git checkout in the working directory.
 */
export function resolveRepo(parsed: ParsedArgs, io: Io, command: string): RepoRef {
  const given = stringOption(parsed, "repo") ?? io.env.GITHUB_REPOSITORY ?? originRepo(io.cwd);
  if (!given) {
    throw new UsageError(
      "which repository? Pass --repo owner/name (or run inside a clone with a GitHub origin)",
      command,
    );
  }
  const match = REPO.exec(given);
  if (!match) throw new UsageError(`--repo must be owner/name, got "${given}"`, command);
  return { owner: match[1] ?? "", repo: match[2] ?? "" };
}

function originRepo(cwd: string): string | undefined {
  try {
    const url = execFileSync("git", ["config", "--get", "remote.origin.url"], {
      cwd,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    }).trim();
    const match = /[:/]([^/:]+)\/([^/]+?)(?:\.git)?\/?$/.exec(url);
    return match ? `${match[1]}/${match[2]}` : undefined;
  } catch {
    return undefined;
  }
}

/** The token: --token, then GITHUB_TOKEN, then GH_TOKEN. It is never printed. */
export function resolveToken(parsed: ParsedArgs, io: Io, command: string): string {
  const token = stringOption(parsed, "token") || io.env.GITHUB_TOKEN || io.env.GH_TOKEN;
  if (!token) {
    throw new UsageError(
      "no GitHub token: pass --token, or set GITHUB_TOKEN or GH_TOKEN (e.g. GITHUB_TOKEN=$(gh auth token))",
      command,
    );
  }
  return token;
}

/** REST base URL: --api-url, then GITHUB_API_URL (GitHub Enterprise Server), then github.com. */
export function resolveApiUrl(parsed: ParsedArgs, io: Io): string {
  return stringOption(parsed, "api-url") ?? io.env.GITHUB_API_URL ?? "https://api.github.com";
}

export interface Remote {
  client: GitHubClient;
  repo: RepoRef;
  token: string;
}

/** The GitHub client and repository a remote command works on. */
export function connect(parsed: ParsedArgs, io: Io, command: string): Remote {
  const repo = resolveRepo(parsed, io, command);
  const token = resolveToken(parsed, io, command);
  let pacing: ReturnType<typeof pacingFromEnv>;
  try {
    pacing = pacingFromEnv(io.env);
  } catch (error) {
    throw new UsageError((error as Error).message, command);
  }
  const client = createGitHubClient({
    token,
    apiUrl: resolveApiUrl(parsed, io),
    userAgent: "fastdeploy-cli",
    warn: (m) => io.stderr(`warning: ${m}\n`),
    ...Object.fromEntries(Object.entries(pacing).filter(([, v]) => v !== undefined)),
  });
  return { client, repo, token };
}

/** The config file path (--config, default .github/fastdeploy.yml) under `dir`. */
export function configPath(parsed: ParsedArgs, dir: string): string {
  return resolve(dir, stringOption(parsed, "config") ?? DEFAULT_CONFIG_PATH);
}

/** Reads the local config file; undefined when it does not exist. */
export async function readLocalConfig(
  parsed: ParsedArgs,
  dir: string,
): Promise<FastDeployConfig | undefined> {
  const path = configPath(parsed, dir);
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  return loadConfig(text, stringOption(parsed, "config") ?? DEFAULT_CONFIG_PATH);
}
