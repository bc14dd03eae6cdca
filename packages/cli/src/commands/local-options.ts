import { resolve } from "node:path";
import { UsageError } from "../errors.js";
import type { Io } from "../io.js";
import { flag, integerOption, listOption, type ParsedArgs, stringOption } from "../options.js";

/**
 * The command lines of `fastdeploy local start` and `fastdeploy local run`, parsed into typed
 * settings. Nothing here loads the local GitHub: commands that talk to real GitHub must not.
 */

export const LOCAL_START_OPTIONS = {
  state: { type: "string" },
  port: { type: "string" },
  reviewers: { type: "string" },
} as const;

export const LOCAL_RUN_OPTIONS = {
  workflow: { type: "string" },
  ref: { type: "string" },
  input: { type: "string", multiple: true },
  approve: { type: "string", multiple: true },
  reject: { type: "string", multiple: true },
  actor: { type: "string" },
  state: { type: "string" },
  reviewers: { type: "string" },
} as const;

/** The events `local run` can start; the engine refuses the rest of GitHub's with a reason. */
export const LOCAL_EVENTS = ["push", "workflow_dispatch"] as const;
export type LocalEvent = (typeof LOCAL_EVENTS)[number];

export interface LocalGitHubSettings {
  /** The git repository to seed from: the working directory. */
  repoDir: string;
  /** `owner/name` in the local GitHub (--repo); default from the origin remote or directory. */
  repository?: string;
  /** The config file (--config), relative to the repository. */
  config?: string;
  /** --json: the result as JSON on stdout. */
  json?: boolean;
  /** Keep the local GitHub here between runs; undefined = a temporary one. */
  stateDir?: string;
  reviewers?: string[];
}

export interface LocalStartSettings extends LocalGitHubSettings {
  port?: number;
}

/** A review to post for an environment: who, and whether they approve or reject. */
export interface ReviewDecision {
  environment: string;
  login: string;
  state: "approved" | "rejected";
}

export interface LocalRunSettings extends LocalGitHubSettings {
  event: LocalEvent;
  /** `.github/workflows/x.yml`, relative to the repository. */
  workflow?: string;
  /** A full ref (`refs/heads/main`, `refs/tags/v1.0.0`), a branch or a tag. */
  ref?: string;
  inputs: Record<string, string>;
  /** In the order given: a refused review falls through to the next for the environment. */
  reviews: ReviewDecision[];
  actor?: string;
}

const LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;

function base(parsed: ParsedArgs, io: Io, command: string): LocalGitHubSettings {
  for (const remote of ["token", "api-url"]) {
    if (parsed.values[remote] !== undefined) {
      throw new UsageError(
        `--${remote} does not apply: ${command} starts its own local GitHub and its own tokens`,
        command,
      );
    }
  }
  const repository = stringOption(parsed, "repo");
  if (repository !== undefined && !/^[A-Za-z0-9-]{1,39}\/[A-Za-z0-9._-]{1,100}$/.test(repository)) {
    throw new UsageError(`--repo must be owner/name, got "${repository}"`, command);
  }
  const config = stringOption(parsed, "config");
  const state = stringOption(parsed, "state");
  if (state === "") throw new UsageError("--state needs a directory", command);
  const reviewers = listOption(parsed, "reviewers");
  for (const login of reviewers ?? []) checkLogin(login, "--reviewers", command);
  if (reviewers && reviewers.length === 0) {
    throw new UsageError("--reviewers lists no one; give user logins, comma separated", command);
  }
  return {
    repoDir: io.cwd,
    json: flag(parsed, "json"),
    ...(repository ? { repository } : {}),
    ...(config ? { config } : {}),
    ...(state ? { stateDir: resolve(io.cwd, state) } : {}),
    ...(reviewers ? { reviewers } : {}),
  };
}

export function localStartSettings(parsed: ParsedArgs, io: Io): LocalStartSettings {
  const port = integerOption(parsed, "port", "local start", { min: 1, max: 65_535 });
  return { ...base(parsed, io, "local start"), ...(port !== undefined ? { port } : {}) };
}

export function localRunSettings(parsed: ParsedArgs, io: Io): LocalRunSettings {
  const command = "local run";
  const event = parsed.positionals[0] ?? "";
  if (!(LOCAL_EVENTS as readonly string[]).includes(event)) {
    throw new UsageError(
      `event "${event}" cannot be run locally; give one of ${LOCAL_EVENTS.join(", ")}`,
      command,
    );
  }
  const workflow = stringOption(parsed, "workflow");
  if (workflow !== undefined && !/^(\.\/)?\.github\/workflows\/[^/]+\.ya?ml$/.test(workflow)) {
    throw new UsageError(
      `--workflow must be a file of .github/workflows (e.g. .github/workflows/rollback.yml), got "${workflow}"`,
      command,
    );
  }
  const inputs = pairs(parsed, "input", "k=v", command);
  if (event !== "workflow_dispatch" && Object.keys(inputs).length > 0) {
    throw new UsageError(
      "--input goes with workflow_dispatch: only dispatched runs take inputs",
      command,
    );
  }
  if (event === "workflow_dispatch" && workflow === undefined) {
    throw new UsageError(
      "workflow_dispatch starts one workflow: pass --workflow .github/workflows/<file>",
      command,
    );
  }
  const reviews = [
    ...reviewPairs(parsed, "approve", "approved"),
    ...reviewPairs(parsed, "reject", "rejected"),
  ];
  const actor = stringOption(parsed, "actor");
  if (actor !== undefined) checkLogin(actor, "--actor", command);
  const ref = stringOption(parsed, "ref");
  if (ref === "") throw new UsageError("--ref needs a branch, tag or full ref", command);
  return {
    ...base(parsed, io, command),
    event: event as LocalEvent,
    ...(workflow ? { workflow: workflow.replace(/^\.\//, "") } : {}),
    ...(ref ? { ref } : {}),
    inputs,
    reviews,
    ...(actor ? { actor } : {}),
  };
}

function reviewPairs(
  parsed: ParsedArgs,
  option: "approve" | "reject",
  state: ReviewDecision["state"],
): ReviewDecision[] {
  const given = pairs(parsed, option, "ENV=LOGIN", "local run", true);
  return Object.entries(given).flatMap(([environment, logins]) =>
    logins.split("\n").map((login) => {
      checkLogin(login, `--${option} ${environment}=`, "local run");
      return { environment, login, state };
    }),
  );
}

/**
 * `--name k=v` given any number of times. With `repeat`, one key may come several times
 * (its values joined by newlines, in order); otherwise a repeated key is an error.
 */
function pairs(
  parsed: ParsedArgs,
  option: string,
  shape: string,
  command: string,
  repeat = false,
): Record<string, string> {
  const raw = parsed.values[option];
  const values = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  const out: Record<string, string> = {};
  for (const value of values) {
    const text = String(value);
    const at = text.indexOf("=");
    const key = text.slice(0, at).trim();
    if (at <= 0 || !key) {
      throw new UsageError(`--${option} takes ${shape}, got "${text}"`, command);
    }
    const entry = text.slice(at + 1);
    if (out[key] !== undefined && !repeat) {
      throw new UsageError(`--${option} ${key} is given twice; give each once`, command);
    }
    out[key] = out[key] === undefined ? entry : `${out[key]}\n${entry}`;
  }
  return out;
}

function checkLogin(login: string, option: string, command: string): void {
  if (!LOGIN.test(login)) {
    throw new UsageError(
      `${option} needs a user login (letters, digits and '-'), got "${login}"`,
      command,
    );
  }
}
