import {
  type DeploymentState,
  type FastDeployPayload,
  type Manifest,
  waveStatusDescription,
} from "@fastdeploy/core";
import {
  type DeploymentHandle,
  type DeploymentLedger,
  type LedgerSnapshot,
  type PayloadCore,
  payloadWithIndex,
} from "@fastdeploy/github";
import { runStepEnvironment } from "./command-environment.js";
import {
  deployTargets,
  type RunShell,
  type TargetResult,
  type TargetRun,
} from "./distribute-targets.js";
import { DistributeError } from "./distribute-types.js";
import type { Log } from "./ports.js";
import { deployWaves, neverStarted, type WaveResult } from "./rollout-waves.js";

/**
 * One deployment in the ledger, start to finish: create it (ref = the release tag, payload
 * with the carried index), `in_progress` with the run's URL, the fan-out, then exactly one
 * final status. Used for the requested version, for the automatic rollback after a failure,
 * and for an undeploy, so all three leave the same kind of record.
 *
 * The ledger never reads success for a deploy that did not fully succeed, and never stays
 * `in_progress`: an unexpected error after creation is recorded as `error` before it is
 * rethrown (and the action's post step covers a run killed outright).
 */

/**
 * A release whose manifest and SHA256SUMS are verified, with its archive arriving: what a
 * pass deploys. Its commands run only once `extracted` is fulfilled.
 */
export interface VerifiedRelease {
  version: string;
  digest: string;
  releaseId: number;
  tag: string;
  releaseUrl: string;
  manifest: Manifest;
  /** The extracted artifact (the commands' working directory). */
  dir: string;
  archive: string;
  manifestFile: string;
  /**
   * Fulfilled once the archive's bytes match SHA256SUMS and the manifest and are extracted
   * into `dir`; rejected with a DistributeError ("verification") otherwise, nothing extracted.
   */
  extracted: Promise<void>;
  /** Stops the archive's download and extraction when it is not needed (or the run ends). */
  close(): Promise<void>;
}

export type PassOutcome = "success" | "failure" | "cancelled";

export interface PassResult {
  deploymentId: number;
  outcome: PassOutcome;
  targets: TargetResult[];
  /** The rollout's waves; empty when every target went in one pass. */
  waves: WaveResult[];
  /** The targets that received the version (what an automatic rollback puts back). */
  touched: string[];
  /** Why it did not succeed, in one line. */
  reason?: string;
}

export interface PassInput {
  environment: string;
  release: VerifiedRelease;
  snapshot: LedgerSnapshot;
  payload: Omit<PayloadCore, "version" | "digest" | "release_id" | "targets">;
  command: string;
  targets: readonly string[];
  parallel: number;
  timeoutMs: number;
  health?: TargetRun["health"];
  production: boolean;
  logUrl?: string;
  environmentUrl?: string;
  /** FASTDEPLOY_PREVIOUS_VERSION: what the targets ran before this pass. */
  previousVersion: string;
  /** The time the payload records for a new bad mark. */
  at: Date;
  /** Deploy in these waves, baking after each; `carried` targets already run it healthy. */
  rollout?: { waves: string[][]; bakeMs: number; carried: number };
}

export interface PassPorts {
  ledger: DeploymentLedger;
  log: Log;
  runShell: RunShell;
  env: NodeJS.ProcessEnv;
  signal?: AbortSignal;
  /** Told when a deployment is left open (`in_progress`) and when it reaches a final state. */
  onDeployment?: (deploymentId: number, open: boolean) => void;
}

export async function runPass(input: PassInput, ports: PassPorts): Promise<PassResult> {
  const { release, environment } = input;
  const payload: FastDeployPayload = payloadWithIndex(
    input.snapshot,
    {
      version: release.version,
      digest: release.digest,
      release_id: release.releaseId,
      targets: [...input.targets],
      ...input.payload,
    },
    input.at.toISOString(),
  );
  const what = input.payload.undeploy ? "Undeploying" : "Deploying";
  const handle = await ports.ledger.createDeployment({
    ref: release.tag,
    environment,
    payload,
    production: input.production,
    transient: false,
    description: `${what} ${release.version}${input.payload.rollback ? ` (rollback from ${input.payload.rollback.from})` : ""}`,
  });
  ports.onDeployment?.(handle.id, true);
  const log = input.logUrl ? { log_url: input.logUrl } : {};
  try {
    // The archive may still be arriving: the record goes in_progress meanwhile, and nothing
    // runs until its bytes are verified and extracted and the record says in_progress.
    const [progress, bytes] = await Promise.allSettled([
      handle.setStatus("in_progress", {
        ...log,
        description: `${what} ${release.version} to ${count(input.targets.length)}`,
      }),
      untilExtracted(release, ports.signal),
    ]);
    if (progress.status === "rejected") throw progress.reason;
    if (bytes.status === "rejected") throw bytes.reason;
    const run = {
      command: input.command,
      parallel: input.parallel,
      cwd: release.dir,
      env: commandEnvironment(ports.env, input, handle.id),
      timeoutMs: input.timeoutMs,
      ...(input.health ? { health: input.health } : {}),
      ...(ports.signal ? { signal: ports.signal } : {}),
    };
    const { rollout } = input;
    const heading = `${what} ${release.version} to ${environment}: ${count(input.targets.length)}, ${input.parallel} at a time`;
    const fanned = rollout
      ? await ports.log.group(`${heading}, in ${rollout.waves.length} waves`, () =>
          deployWaves(
            {
              ...run,
              ...rollout,
              onWaveHealthy: (record) =>
                handle.setStatus("in_progress", {
                  ...log,
                  description: waveStatusDescription(record, release.version),
                }),
            },
            ports,
          ),
        )
      : await ports.log.group(heading, async () => {
          const targets = await deployTargets({ ...run, targets: input.targets }, ports);
          const touched = targets.filter((t) => !neverStarted(t)).map((t) => t.target);
          return { targets, waves: [], touched };
        });
    const result = finish(handle.id, fanned);
    await finalStatus(handle, result, input);
    ports.onDeployment?.(handle.id, false);
    return result;
  } catch (error) {
    await recordError(handle, error, input, ports);
    throw error;
  }
}

/** The release's bytes verified and extracted, or a cancellation while they arrive. */
function untilExtracted(release: VerifiedRelease, signal: AbortSignal | undefined): Promise<void> {
  if (!signal) return release.extracted;
  return new Promise((resolve, reject) => {
    const cancelled = () =>
      reject(
        new DistributeError(`Cancelled while ${release.tag} downloaded; nothing ran.`, "cancelled"),
      );
    if (signal.aborted) return cancelled();
    signal.addEventListener("abort", cancelled, { once: true });
    release.extracted
      .then(resolve, reject)
      .finally(() => signal.removeEventListener("abort", cancelled));
  });
}

function finish(
  deploymentId: number,
  fanned: Pick<PassResult, "targets" | "waves" | "touched">,
): PassResult {
  const { targets, waves } = fanned;
  const base = { deploymentId, ...fanned };
  if (targets.every((t) => t.status === "success" || t.status === "already_deployed")) {
    return { ...base, outcome: "success" };
  }
  const halted = waves.find((w) => w.status === "failed" || w.status === "cancelled");
  if (targets.some((t) => t.status === "cancelled") || halted?.status === "cancelled") {
    return { ...base, outcome: "cancelled", reason: "cancelled" };
  }
  if (halted?.failedTarget) {
    return {
      ...base,
      outcome: "failure",
      reason: `wave ${halted.wave} of ${waves.length}, ${halted.failedTarget}: ${halted.detail}`,
    };
  }
  const failed = targets.filter(
    (t) => !["success", "skipped", "already_deployed"].includes(t.status),
  );
  const first = failed[0];
  const reason = first
    ? `${first.target}: ${first.detail ?? first.status}${failed.length > 1 ? ` (and ${failed.length - 1} more)` : ""}`
    : "no target succeeded";
  return { ...base, outcome: "failure", reason };
}

async function finalStatus(handle: DeploymentHandle, result: PassResult, input: PassInput) {
  const log = input.logUrl ? { log_url: input.logUrl } : {};
  if (result.outcome === "success") {
    const verb = input.payload.undeploy ? "Undeployed" : "Deployed";
    await handle.setStatus("success", {
      ...log,
      ...(input.environmentUrl ? { environment_url: input.environmentUrl } : {}),
      description: `${verb} ${input.release.version} to ${count(input.targets.length)}`,
    });
    return;
  }
  const state: DeploymentState = result.outcome === "cancelled" ? "error" : "failure";
  await handle.setStatus(state, { ...log, description: result.reason ?? state });
}

/** Best effort: the original error matters more than a failure to record it. */
async function recordError(
  handle: DeploymentHandle,
  error: unknown,
  input: PassInput,
  ports: PassPorts,
) {
  if (handle.final) return;
  const message = error instanceof Error ? error.message : String(error);
  // Bytes that failed verification are the deploy's failure (nothing ran); anything else
  // unexpected, or a cancel, is an error.
  const state =
    error instanceof DistributeError && error.code === "verification" ? "failure" : "error";
  try {
    // A final state from any state that is not final (including a deployment whose first
    // status never got written), after any status still being written.
    await handle.settle(state, {
      ...(input.logUrl ? { log_url: input.logUrl } : {}),
      description: ports.signal?.aborted ? "cancelled" : message,
    });
    ports.onDeployment?.(handle.id, false);
  } catch (inner) {
    ports.log.warning(
      `Could not record error on deployment ${handle.id}: ${inner instanceof Error ? inner.message : String(inner)}`,
    );
  }
}

/**
 * The deploy command's environment for each target: what a `run:` step of the job would get
 * (runStepEnvironment: no inputs, no token, no runtime credentials), plus the FASTDEPLOY_*
 * variables. The shared part is read once: process.env is slow to walk, and a
 * fan-out asks for it once per target.
 */
export function commandEnvironment(
  base: NodeJS.ProcessEnv,
  input: Pick<PassInput, "environment" | "release" | "previousVersion">,
  deploymentId: number,
): (target: string) => NodeJS.ProcessEnv {
  const shared = runStepEnvironment(base);
  Object.assign(shared, {
    FASTDEPLOY_ENVIRONMENT: input.environment,
    FASTDEPLOY_VERSION: input.release.version,
    FASTDEPLOY_ARTIFACT_DIR: input.release.dir,
    FASTDEPLOY_ARCHIVE: input.release.archive,
    FASTDEPLOY_MANIFEST: input.release.manifestFile,
    FASTDEPLOY_PREVIOUS_VERSION: input.previousVersion,
    FASTDEPLOY_DEPLOYMENT_ID: String(deploymentId),
  });
  return (target) => ({ ...shared, FASTDEPLOY_TARGET: target });
}

const count = (n: number) => `${n} target${n === 1 ? "" : "s"}`;
