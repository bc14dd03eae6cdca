import {
  type BadMark,
  type DeploymentState,
  FASTDEPLOY_TASK,
  type FastDeployPayload,
  type LedgerEntry,
} from "@fastdeploy/core";
import { REPO, useSandboxRepo } from "../../../test/support/sandbox-repo.js";
import type { Sandbox, SandboxOptions } from "../../sandbox/src/rest/index.js";
import { gitSlice } from "../../sandbox/src/rest/routes/git-model.js";
import { seedDeployment } from "../../sandbox/src/rest/routes/seed.js";
import { payloadWithIndex } from "../src/ledger-index.js";

export { REPO };
export const digestOf = (version: string) =>
  `sha256:${Buffer.from(version).toString("hex").padEnd(64, "0").slice(0, 64)}`;

/** A sandbox for the file, a fresh repository per test, and no OpenAPI violations allowed. */
export const useLedgerSandbox = (options: SandboxOptions = {}) =>
  useSandboxRepo("release", options);

/** Points `v<version>` at a commit, as publish would. */
export function tag(sandbox: Sandbox, version: string, sha: string): string {
  gitSlice(sandbox.repo(`${REPO.owner}/${REPO.repo}`)).refs[`refs/tags/v${version}`] = sha;
  return `v${version}`;
}

export interface Step {
  version: string;
  statuses: DeploymentState[];
  rollbackFrom?: string;
  /** Write the payload without the carried index, as an older writer would. */
  legacy?: boolean;
}

/**
 * Writes FastDeploy history straight into the sandbox, deployment by deployment, carrying the
 * index forward exactly as distribute does (live + bad → payloadWithIndex). `jobEvery` also
 * interleaves GitHub's own job deployments (task deploy, empty payload).
 */
export function seedHistory(
  sandbox: Sandbox,
  environment: string,
  steps: Step[],
  options: { sha: string; production?: boolean; jobEvery?: number; start?: number },
): void {
  const state = sandbox.state;
  const repo = `${REPO.owner}/${REPO.repo}`;
  let live: LedgerEntry | undefined;
  let bad: BadMark[] = [];
  const start = options.start ?? Date.UTC(2025, 0, 1);
  let minute = 0;
  const at = () => new Date(start + minute++ * 60_000).toISOString();
  steps.forEach((step, i) => {
    if (options.jobEvery && i % options.jobEvery === 0) {
      seedDeployment(state, repo, {
        ref: "main",
        sha: options.sha,
        environment,
        task: "deploy",
        statuses: ["queued", "in_progress", "success"],
        production_environment: options.production,
        created_at: at(),
      });
    }
    const core: FastDeployPayload = {
      version: step.version,
      digest: digestOf(step.version),
      release_id: 1,
      targets: [environment],
      approval: null,
      ...(step.rollbackFrom
        ? { rollback: { from: step.rollbackFrom, reason: "health check failed" } }
        : {}),
    };
    const payload = step.legacy ? core : payloadWithIndex({ environment, live, bad }, core);
    const [record] = seedDeployment(state, repo, {
      ref: `v${step.version}`,
      sha: options.sha,
      environment,
      task: FASTDEPLOY_TASK,
      payload: { fastdeploy: payload } as unknown as Record<string, unknown>,
      statuses: step.statuses,
      production_environment: options.production,
      created_at: at(),
    });
    if (step.rollbackFrom)
      bad = [{ version: step.rollbackFrom, reason: "health check failed" }, ...bad];
    if (step.statuses.at(-1) === "success") {
      live = {
        deploymentId: record!.id,
        environment,
        version: step.version,
        digest: core.digest,
        state: "success",
        createdAt: record!.created_at,
        payload,
      };
    }
  });
}

export const OK: DeploymentState[] = ["queued", "in_progress", "success"];
export const FAILED: DeploymentState[] = ["queued", "in_progress", "failure"];
export const ERRORED: DeploymentState[] = ["queued", "error"];
