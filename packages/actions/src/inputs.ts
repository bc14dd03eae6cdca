import * as core from "@actions/core";
import { FastDeployError } from "@fastdeploy/core";

/**
 * Input parsing shared by every action. Values arrive as strings (the runner fills every
 * declared input, "" when it has no default), so "not given" means empty.
 */

export class InputError extends FastDeployError {
  override name = "InputError";
}

export function optionalInput(name: string): string | undefined {
  const value = core.getInput(name);
  return value === "" ? undefined : value;
}

export function requiredInput(name: string): string {
  const value = core.getInput(name);
  if (value === "")
    throw new InputError(`Input "${name}" is required: set it in the step's "with:".`);
  return value;
}

/** Strict YAML 1.2 booleans, as core.getBooleanInput, with a message that names the input. */
export function booleanInput(name: string): boolean | undefined {
  const value = core.getInput(name);
  if (value === "") return undefined;
  if (["true", "True", "TRUE"].includes(value)) return true;
  if (["false", "False", "FALSE"].includes(value)) return false;
  throw new InputError(`Input "${name}" must be true or false, got "${value}".`);
}

export function integerInput(
  name: string,
  range: { min: number; max: number },
): number | undefined {
  const value = core.getInput(name);
  if (value === "") return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < range.min || n > range.max) {
    throw new InputError(
      `Input "${name}" must be a whole number from ${range.min} to ${range.max}, got "${value}".`,
    );
  }
  return n;
}

/** A list given as newline/comma separated text or as a JSON array of strings. */
export function listInput(name: string): string[] | undefined {
  const value = core.getInput(name);
  if (value === "") return undefined;
  return parseList(value, name);
}

export function parseList(value: string, name: string): string[] {
  const trimmed = value.trim();
  if (trimmed.startsWith("[")) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(trimmed);
    } catch {
      throw new InputError(`Input "${name}" looks like JSON but does not parse: ${trimmed}`);
    }
    if (!Array.isArray(parsed) || !parsed.every((v) => typeof v === "string")) {
      throw new InputError(`Input "${name}" must be a JSON array of strings.`);
    }
    return parsed.map((v) => v.trim()).filter(Boolean);
  }
  return trimmed
    .split(/[\n,]/)
    .map((v) => v.trim())
    .filter(Boolean);
}

/** owner/name of the repository input, with a message when it is malformed. */
export function repositoryInput(): { owner: string; repo: string } {
  const value = core.getInput("repository") || process.env.GITHUB_REPOSITORY || "";
  const match = /^([\w.-]+)\/([\w.-]+)$/.exec(value);
  if (!match) {
    throw new InputError(`Input "repository" must be owner/name, got "${value}".`);
  }
  return { owner: match[1]!, repo: match[2]! };
}

/** The token input; masked at once so no later log line can print it. */
export function tokenInput(): string {
  const token = core.getInput("token");
  if (token === "") {
    // Spelled out in pieces so no linter mistakes the workflow expression for a template.
    const expression = ["$", "{{ github.token }}"].join("");
    throw new InputError(
      `Input "token" is empty: pass \`token: ${expression}\` or a token with the permissions in the action README.`,
    );
  }
  core.setSecret(token);
  return token;
}
