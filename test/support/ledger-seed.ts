import {
  type BadMark,
  type DeploymentState,
  FASTDEPLOY_TASK,
  type FastDeployPayload,
  type LedgerEntry,
} from "@fastdeploy/core";
import { payloadWithIndex } from "@fastdeploy/github";
import { type Sandbox, seedDeployment } from "@fastdeploy/sandbox";

/** One deployment of a scripted ledger history, oldest first. */
export interface LedgerStep {
  version: string;
  at: Date;
  /** Default: success. */
  outcome?: "success" | "failure" | "error";
  digest?: string;
  releaseId?: number;
  rollbackFrom?: string;
  committedAt?: Date;
  approvedBy?: string[];
  /** Interleave one of GitHub's own job deployments (task deploy, empty payload) first. */
  jobDeployment?: boolean;
}

const WALK: Record<NonNullable<LedgerStep["outcome"]>, DeploymentState[]> = {
  success: ["queued", "in_progress", "success"],
  failure: ["queued", "in_progress", "failure"],
  error: ["queued", "error"],
};

/** A stand-in digest for versions that were never really built. */
export const fakeDigest = (version: string) =>
  `sha256:${Buffer.from(version).toString("hex").padEnd(64, "0").slice(0, 64)}`;

/**
 * Writes a FastDeploy history straight into the sandbox (no HTTP), carrying the ledger index
 * forward (live + bad → payloadWithIndex) exactly as distribute and rollback write it, so
 * the ledger's bounded queries behave as they would on a real history. Returns the ids.
 */
export function seedLedger(
  sandbox: Sandbox,
  repository: string,
  environment: string,
  steps: readonly LedgerStep[],
  options: { production?: boolean } = {},
): number[] {
  const production = options.production ?? /^prod(uction)?$/i.test(environment);
  let live: LedgerEntry | undefined;
  let bad: BadMark[] = [];
  const ids: number[] = [];
  for (const step of steps) {
    const at = step.at.toISOString().replace(/\.\d{3}Z$/, "Z");
    if (step.jobDeployment) {
      seedDeployment(sandbox.state, repository, {
        ref: "main",
        environment,
        task: "deploy",
        statuses: WALK.success,
        production_environment: production,
        created_at: at,
      });
    }
    const core: Omit<FastDeployPayload, "bad" | "good"> = {
      version: step.version,
      digest: step.digest ?? fakeDigest(step.version),
      release_id: step.releaseId ?? 1,
      targets: [environment],
      approval: step.approvedBy
        ? { approvers: step.approvedBy.map((login) => ({ login, comment: "", at })) }
        : null,
      ...(step.rollbackFrom ? { rollback: { from: step.rollbackFrom, reason: "scripted" } } : {}),
      ...(step.committedAt ? { committed_at: step.committedAt.toISOString() } : {}),
    };
    const payload = payloadWithIndex({ environment, live, bad }, core, at);
    const [record] = seedDeployment(sandbox.state, repository, {
      ref: `v${step.version}`,
      environment,
      task: FASTDEPLOY_TASK,
      payload: { fastdeploy: payload } as unknown as Record<string, unknown>,
      statuses: WALK[step.outcome ?? "success"],
      production_environment: production,
      created_at: at,
    });
    ids.push(record!.id);
    bad = payload.bad ?? bad;
    if ((step.outcome ?? "success") === "success") {
      live = {
        deploymentId: record!.id,
        environment,
        version: step.version,
        digest: core.digest,
        state: "success",
        createdAt: at,
        ref: `v${step.version}`,
        payload,
      };
    }
  }
  return ids;
}
