import { automaticRollbackReason, type LedgerEntry, tagForVersion } from "@fastdeploy/core";
import type { DeploymentLedger, LedgerSnapshot } from "@fastdeploy/github";
import type { PassInput, PassResult, VerifiedRelease } from "./distribute-pass.js";
import { list } from "./distribute-rollout.js";
import {
  type AutomaticRollback,
  DistributeError,
  type DistributeOptions,
  type DistributePorts,
  type DistributeResult,
} from "./distribute-types.js";
import type { Log } from "./ports.js";

/**
 * After a failed deploy: put back exactly the targets that received the version. With a
 * version live before, they get it again (a rollback deployment that marks the failed version
 * bad); after a first deploy there is nothing to go back to, so they are torn down with the
 * undeploy command (an undeploy record that marks it bad the same way).
 */

type Outcome = Omit<DistributeResult, "requests">;

/** What the recovery needs of a distribute run. */
export interface RecoveryRun {
  readonly options: DistributeOptions;
  readonly ports: DistributePorts;
  readonly ledger: DeploymentLedger;
  readonly log: Log;
  release(version: string, tag: string): Promise<VerifiedRelease>;
  markLatest(release: VerifiedRelease): Promise<boolean>;
  pass(
    release: VerifiedRelease,
    snapshot: LedgerSnapshot,
    payload: PassInput["payload"],
    previousVersion: string,
    healthChecked: boolean,
    only?: { targets?: string[]; command?: string },
  ): Promise<PassResult>;
}

/**
 * A first deploy that failed: nothing ran before, so the targets it reached are torn down
 * with the undeploy command, and the version is marked bad here by the teardown's record.
 */
export function tearDown(
  run: RecoveryRun,
  outcome: Outcome,
  release: VerifiedRelease,
  failed: PassResult,
  snapshot: LedgerSnapshot,
  failure: string,
): Promise<Outcome> {
  const { options } = run;
  const targets = list(failed.touched);
  return recover(run, outcome, failed, failure, {
    version: "",
    starting: `Nothing ran here before: tearing ${targets} down.`,
    done: `Undeployed from ${targets} (nothing ran there before); ${release.version} is marked bad in ${options.environment}.`,
    what: `The teardown of ${targets}`,
    attempt: (reason) =>
      run.pass(
        release,
        snapshot,
        { approval: null, undeploy: true, rollback: { from: release.version, reason } },
        release.version,
        false,
        { targets: failed.touched, command: options.undeployCommand! },
      ),
    succeeded: async (pass) => {
      await run.ledger.setStatus(pass.deploymentId, "inactive", {
        description: `${release.version} undeployed from ${options.environment}`,
      });
    },
  });
}

/** Puts back the version that was live before the failed deploy, marking the failed one bad. */
export function rollBack(
  run: RecoveryRun,
  outcome: Outcome,
  failed: PassResult,
  snapshot: LedgerSnapshot,
  live: LedgerEntry,
  failure: string,
): Promise<Outcome> {
  const { options } = run;
  let good: VerifiedRelease | undefined;
  return recover(run, outcome, failed, failure, {
    version: live.version,
    starting: `Rolling ${list(failed.touched)} back to ${live.version}, which ran there before.`,
    done: `Rolled back to ${live.version}, which is live again on ${list(failed.touched)}; ${outcome.version} is marked bad in ${options.environment}.`,
    what: `The rollback to ${live.version}`,
    attempt: async (reason, rollback) => {
      good = await run.release(
        live.version,
        live.ref ?? tagForVersion(live.version, options.tagPrefix),
      );
      rollback.releaseUrl = good.releaseUrl;
      if (good.digest !== live.digest) {
        throw new DistributeError(
          `the release of ${live.version} is ${good.digest} now, but ${live.digest} ran in ${options.environment}`,
          "verification",
        );
      }
      // No policy stands between a failed deploy and what ran just before it: the freeze,
      // the order and the holds were all satisfied when it went live.
      return run.pass(
        good,
        snapshot,
        {
          approval: null,
          rollback: { from: outcome.version, reason },
          ...(live.payload.committed_at ? { committed_at: live.payload.committed_at } : {}),
        },
        outcome.version,
        true,
        // Exactly the targets that received the failed version; the others never left `live`.
        { targets: failed.touched },
      );
    },
    succeeded: async () => {
      await run.markLatest(good!);
    },
  });
}

/**
 * The recovery both kinds share: one pass that puts the touched targets back, recorded as an
 * automatic rollback of the failed version; `rolled_back` when it succeeds, else `failed`
 * with what went wrong and where to look.
 */
async function recover(
  run: RecoveryRun,
  outcome: Outcome,
  failed: PassResult,
  failure: string,
  plan: {
    /** The version the targets go back to; "" for a teardown. */
    version: string;
    starting: string;
    done: string;
    what: string;
    attempt: (reason: string, rollback: AutomaticRollback) => Promise<PassResult>;
    succeeded: (pass: PassResult) => Promise<void>;
  },
): Promise<Outcome> {
  const reason = automaticRollbackReason(failed.reason ?? failure);
  run.log.warning(`${failure}. ${plan.starting}`);
  const rollback: AutomaticRollback = {
    version: plan.version,
    reason,
    outcome: "not_started",
    targets: [],
  };
  try {
    const pass = await plan.attempt(reason, rollback);
    Object.assign(rollback, {
      outcome: pass.outcome,
      deploymentId: pass.deploymentId,
      targets: pass.targets,
    });
    if (pass.outcome === "success") {
      await plan.succeeded(pass);
      return { ...outcome, status: "rolled_back", rollback, failure: `${failure}. ${plan.done}` };
    }
    rollback.detail = pass.reason;
  } catch (error) {
    rollback.detail = error instanceof Error ? error.message : String(error);
  }
  return {
    ...outcome,
    status: "failed",
    rollback,
    cancelled: run.ports.signal?.aborted ?? false,
    failure: `${failure}. ${plan.what} failed too (${rollback.detail}); check the targets of ${run.options.environment} now.`,
  };
}
