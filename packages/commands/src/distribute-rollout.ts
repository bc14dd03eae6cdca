import { type PayloadRollout, planWaves } from "@fastdeploy/core";
import type { DeploymentLedger } from "@fastdeploy/github";
import type { VerifiedRelease } from "./distribute-pass.js";
import type { DistributeOptions } from "./distribute-types.js";
import type { Log } from "./ports.js";

export interface RolloutPlan {
  /** What the deployment's payload records. */
  payload: PayloadRollout;
  /** What the pass runs: the targets of each wave, the bake, and how many to skip. */
  run: { waves: string[][]; bakeMs: number; carried: number };
}

/**
 * The waves of a deploy, and where an interrupted rollout of the same version left off: when
 * the newest FastDeploy deployment here is that rollout (same digest, same targets in the same
 * order, ended failure or error with nothing rolled back since), the targets its newest
 * healthy wave covers already run the version and are skipped. The ledger's `live()` read that
 * deployment's statuses already, so this costs no request.
 */
export async function planRollout(
  options: DistributeOptions,
  ledger: DeploymentLedger,
  release: VerifiedRelease,
  log: Log,
): Promise<RolloutPlan | undefined> {
  if (!options.rollout) return undefined;
  const waves = planWaves(options.targets, options.rollout.waves);
  let done = 0;
  const payload: PayloadRollout = {
    waves: waves.map((w) => {
      done += w.length;
      return done;
    }),
    bake_ms: options.rollout.bakeMs,
  };
  const newest = options.force
    ? undefined
    : await ledger.environment(options.environment).history.entry(0);
  const wave = newest?.lastWave;
  const resumable =
    newest &&
    wave &&
    (newest.state === "failure" || newest.state === "error") &&
    newest.payload.rollout &&
    !newest.payload.rollback &&
    !newest.payload.undeploy &&
    newest.version === release.version &&
    newest.digest === release.digest &&
    newest.payload.targets.join("\n") === options.targets.join("\n") &&
    wave.total === options.targets.length;
  const carried = resumable ? wave.done : 0;
  if (resumable) {
    payload.resumed = { deployment_id: newest.deploymentId, targets: carried };
    log.info(
      `Continuing the rollout of ${release.version} that deployment ${newest.deploymentId} left at wave ${wave.wave}: ` +
        `${list(options.targets.slice(0, carried))} already run it healthy and are skipped.`,
    );
  }
  return { payload, run: { waves, bakeMs: options.rollout.bakeMs, carried } };
}

/** `a, b and c`: the targets a message is about. */
export function list(targets: readonly string[]): string {
  if (targets.length <= 1) return targets[0] ?? "no target";
  if (targets.length > 10) {
    return `${targets.slice(0, 10).join(", ")} and ${targets.length - 10} more`;
  }
  return `${targets.slice(0, -1).join(", ")} and ${targets.at(-1)}`;
}
