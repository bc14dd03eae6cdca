import {
  type FastDeployConfig,
  FastDeployError,
  isValidVersion,
  type PolicyCode,
} from "@fastdeploy/core";
import { DeploymentLedger, type RepoRef } from "@fastdeploy/github";
import { type DistributePorts, type DistributeResult, distribute } from "./distribute.js";
import { type DistributeInputs, resolveDistributeOptions } from "./distribute-options.js";

/** The rollback cannot start (nothing to roll back, no usable target); nothing was deployed. */
export class RollbackError extends FastDeployError {
  override name = "RollbackError";
  constructor(
    message: string,
    readonly code?: PolicyCode,
  ) {
    super(message);
  }
}

/** What the face was given, besides the environment: how to deploy, as for distribute. */
export type RollbackDeployInputs = Omit<
  DistributeInputs,
  "environment" | "version" | "rollback" | "undeploy" | "after" | "approval" | "reason"
>;

export interface RollbackOptions {
  repo: RepoRef;
  config: FastDeployConfig;
  environment: string;
  /** `previous` (the newest good version before the live one) or a published version. */
  to: string;
  /** Recorded in the payload and on the bad mark of the version rolled back from. */
  reason?: string;
  deploy: RollbackDeployInputs;
}

export interface RollbackResult {
  from: string;
  to: string;
  reason: string;
  /** `rolled_back` when `to` is live, `failed` otherwise. */
  status: "rolled_back" | "failed";
  deploymentId?: number;
  distribute: DistributeResult;
}

export const DEFAULT_ROLLBACK_REASON = "manual rollback";

/**
 * Rolls an environment back through the distribute engine, so a rollback is verified,
 * fanned out to the targets and health checked like any deploy. The ledger picks the target
 * (`rollbackTarget`: for `previous`, the live deployment's carried `good` index answers in a
 * couple of requests however long the history) and the same ledger, with what it read, is
 * handed to distribute. The payload's `rollback: {from, reason}` marks `from` bad in the
 * environment, so a later distribute of it is refused without force.
 */
export async function rollback(
  options: RollbackOptions,
  ports: DistributePorts,
): Promise<RollbackResult> {
  const { environment, to } = options;
  if (to !== "previous" && !isValidVersion(to)) {
    throw new RollbackError(
      `to "${to}" is neither "previous" nor a SemVer version; give a published version such as 1.4.2, or previous.`,
    );
  }
  const reason = options.reason?.trim() || DEFAULT_ROLLBACK_REASON;
  // The runbook's override: force needs a reason a person wrote, recorded as force.reason.
  if (options.deploy.force && !options.reason?.trim()) {
    throw new RollbackError(
      "force needs a reason: say why the freeze or the bad mark may be overridden (reason input, or --reason), and run again.",
      "force_reason",
    );
  }
  const resolve = (version: string, from?: string) =>
    resolveDistributeOptions(options.repo, options.config, {
      ...options.deploy,
      environment,
      version,
      ...(from ? { rollback: { from, reason } } : {}),
      ...(options.deploy.force ? { reason } : {}),
    });
  // Bad deploy settings (no command, a malformed health URL) fail before any request; the
  // version is not known yet for `previous`, so a placeholder stands in for the check.
  resolve(to === "previous" ? "0.0.0" : to);

  const ledger = ports.ledger ?? new DeploymentLedger(ports.github, options.repo);
  const choice = await ports.log.group(`Choose the rollback target in ${environment}`, () =>
    ledger.environment(environment).rollbackTarget({ to }),
  );
  if (!choice.allowed) {
    throw new RollbackError(`Cannot roll back ${environment}: ${choice.message}.`, choice.code);
  }
  const from = choice.from.version;
  const target = choice.to.version;
  ports.log.info(`Rolling ${environment} back from ${from} to ${target} (${reason}).`);

  let result: DistributeResult;
  try {
    result = await distribute(resolve(target, from), { ...ports, ledger });
  } catch (error) {
    // distribute throws only before it deploys (missing release, failed verification, a
    // policy): say which rollback did not happen, keep distribute's advice.
    const message = error instanceof Error ? error.message : String(error);
    const code = (error as { code?: unknown }).code;
    throw new RollbackError(
      `Nothing was deployed: the rollback of ${environment} from ${from} to ${target} stopped. ${message}`,
      typeof code === "string" ? (code as PolicyCode) : undefined,
    );
  }
  return {
    from,
    to: target,
    reason,
    status: result.status === "deployed" ? "rolled_back" : "failed",
    ...(result.deploymentId !== undefined ? { deploymentId: result.deploymentId } : {}),
    distribute: result,
  };
}
