import {
  type EnvironmentConfig,
  type FastDeployConfig,
  FastDeployError,
  isValidVersion,
  type PayloadApproval,
} from "@fastdeploy/core";
import type { RepoRef } from "@fastdeploy/github";
import type { DistributeOptions } from "./distribute-types.js";

/**
 * From what a face was given (action inputs, CLI flags) and the config file to the engine's
 * options. Inputs override the environment's entry in the config, which overrides the
 * config's `deploy:` defaults, which override the built-in ones.
 */

export class DistributeOptionsError extends FastDeployError {
  override name = "DistributeOptionsError";
}

export interface DistributeInputs {
  environment: string;
  version: string;
  command?: string;
  targets?: string[];
  parallel?: number;
  healthUrl?: string;
  healthTimeoutSeconds?: number;
  targetTimeoutMs?: number;
  environmentUrl?: string;
  production?: boolean;
  /** Mark the release latest after a production deploy; default: production. */
  makeLatest?: boolean;
  after?: string[];
  rollbackOnFailure?: boolean;
  force?: boolean;
  allowDowngrade?: boolean;
  undeploy?: boolean;
  reason?: string;
  approval?: PayloadApproval | null;
  rollback?: { from: string; reason: string };
  logUrl?: string;
}

export const DEFAULT_PARALLEL = 4;
export const DEFAULT_HEALTH_TIMEOUT_SECONDS = 60;
const MAX_PARALLEL = 256;
/** The config file's rule for target names: they become env values, URL parts and log prefixes. */
const TARGET_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/** The config entry of an environment; GitHub environment names are case-insensitive. */
export function environmentConfig(
  config: FastDeployConfig,
  name: string,
): EnvironmentConfig | undefined {
  return config.environments.find((e) => e.name.toLowerCase() === name.toLowerCase());
}

export function resolveDistributeOptions(
  repo: RepoRef,
  config: FastDeployConfig,
  inputs: DistributeInputs,
): DistributeOptions {
  const env = environmentConfig(config, inputs.environment);
  const production =
    inputs.production ?? env?.production ?? /^prod(uction)?$/i.test(inputs.environment);
  const command = inputs.command ?? env?.command ?? config.deploy.command;
  if (!command?.trim()) {
    throw new DistributeOptionsError(
      `No ${inputs.undeploy ? "teardown" : "deploy"} command for ${inputs.environment}: set the command input, ` +
        "or deploy.command (or the environment's command) in .github/fastdeploy.yml.",
    );
  }
  const healthTimeout =
    inputs.healthTimeoutSeconds ??
    env?.healthTimeout ??
    config.deploy.healthTimeout ??
    DEFAULT_HEALTH_TIMEOUT_SECONDS;
  const healthUrl = inputs.healthUrl ?? env?.healthUrl;
  const environmentUrl = inputs.environmentUrl ?? env?.url;
  const options: DistributeOptions = {
    repo,
    environment: inputs.environment,
    version: inputs.version,
    command,
    targets: inputs.targets ?? env?.targets ?? [inputs.environment],
    parallel: inputs.parallel ?? env?.parallel ?? config.deploy.parallel ?? DEFAULT_PARALLEL,
    ...(healthUrl ? { healthUrl } : {}),
    healthTimeoutMs: healthTimeout * 1000,
    ...(inputs.targetTimeoutMs !== undefined ? { targetTimeoutMs: inputs.targetTimeoutMs } : {}),
    ...(environmentUrl ? { environmentUrl } : {}),
    production,
    makeLatest: inputs.makeLatest ?? production,
    // A production environment always deploys release tags (the config loader insists too).
    requireTag: production || (env?.requireTag ?? false),
    after: inputs.after ?? env?.after ?? [],
    freeze: env?.freeze ?? [],
    tagPrefix: config.tagPrefix,
    rollbackOnFailure: inputs.rollbackOnFailure ?? true,
    force: inputs.force ?? false,
    ...(inputs.reason ? { reason: inputs.reason } : {}),
    allowDowngrade: inputs.allowDowngrade ?? false,
    undeploy: inputs.undeploy ?? false,
    approval: inputs.approval ?? null,
    ...(inputs.rollback ? { rollback: inputs.rollback } : {}),
    ...(inputs.logUrl ? { logUrl: inputs.logUrl } : {}),
  };
  checkDistributeOptions(options);
  return options;
}

/** Refuses options no deploy could succeed with, before anything is downloaded. */
export function checkDistributeOptions(options: DistributeOptions): void {
  const fail = (message: string) => {
    throw new DistributeOptionsError(message);
  };
  if (!isValidVersion(options.version)) {
    fail(
      `version "${options.version}" is not a SemVer version; give the published version without ` +
        `the tag prefix, e.g. 1.4.2 for the release ${options.tagPrefix}1.4.2`,
    );
  }
  if (options.targets.length === 0) fail("targets is empty; list at least one target.");
  const seen = new Set<string>();
  for (const target of options.targets) {
    if (!TARGET_NAME.test(target)) {
      fail(
        `target "${target}" must be 1-100 letters, digits, '.', '_' or '-', starting with a letter or digit.`,
      );
    }
    if (seen.has(target)) fail(`target "${target}" is listed twice; list each target once.`);
    seen.add(target);
  }
  if (
    !Number.isInteger(options.parallel) ||
    options.parallel < 1 ||
    options.parallel > MAX_PARALLEL
  ) {
    fail(`parallel must be a whole number from 1 to ${MAX_PARALLEL}, got ${options.parallel}.`);
  }
  if (!(options.healthTimeoutMs > 0)) fail("health-timeout must be at least 1 second.");
  if (options.healthUrl !== undefined) {
    let ok = false;
    try {
      ok = /^https?:$/.test(new URL(options.healthUrl.replaceAll("{target}", "target")).protocol);
    } catch {}
    if (!ok)
      fail(`health-url "${options.healthUrl}" must be an http(s) URL (it may contain {target}).`);
  }
  if (options.undeploy && options.rollback) fail("undeploy and rollback cannot be combined.");
  if (options.rollback && !isValidVersion(options.rollback.from)) {
    fail(`rollback.from "${options.rollback.from}" is not a SemVer version.`);
  }
}

/**
 * The approve step's `record` output (JSON) as the payload's approval. Unknown fields are
 * dropped so the payload stays small; a malformed record is an error, not a silent null: a
 * deploy must not claim an approval it cannot show.
 */
export function parseApprovalRecord(text: string, source: string): PayloadApproval | null {
  const trimmed = text.trim();
  if (trimmed === "" || trimmed === "null") return null;
  const fail = (detail: string): never => {
    throw new DistributeOptionsError(
      `${source} is not an approval record (${detail}); pass the approve step's record output unchanged.`,
    );
  };
  let value: unknown;
  try {
    value = JSON.parse(trimmed);
  } catch {
    return fail("not JSON");
  }
  if (typeof value !== "object" || value === null || Array.isArray(value))
    return fail("not an object");
  const record = value as { approvers?: unknown; checks?: unknown };
  if (!Array.isArray(record.approvers)) return fail("approvers is not a list");
  const approvers = record.approvers.map((a, i) => {
    const login = typeof a === "string" ? a : (a as { login?: unknown })?.login;
    if (typeof login !== "string" || login === "") return fail(`approvers[${i}] has no login`);
    const { comment, at } = (typeof a === "object" && a ? a : {}) as {
      comment?: unknown;
      at?: unknown;
    };
    return {
      login,
      ...(typeof comment === "string" && comment ? { comment } : {}),
      ...(typeof at === "string" ? { at } : {}),
    };
  });
  const checks = Array.isArray(record.checks)
    ? record.checks.filter((c): c is string => typeof c === "string")
    : undefined;
  return { approvers, ...(checks?.length ? { checks } : {}) };
}
