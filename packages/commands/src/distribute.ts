import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { join } from "node:path";
import {
  evaluateDeploy,
  type LedgerEntry,
  type SuccessFacts,
  tagForVersion,
} from "@fastdeploy/core";
import { DeploymentLedger, type LedgerSnapshot } from "@fastdeploy/github";
import { checkDistributeOptions } from "./distribute-options.js";
import { type PassResult, runPass, type VerifiedRelease } from "./distribute-pass.js";
import { type RecoveryRun, rollBack, tearDown } from "./distribute-recovery.js";
import { commitTime, markLatest, openVerifiedRelease } from "./distribute-release.js";
import { list, planRollout } from "./distribute-rollout.js";
import {
  DistributeError,
  type DistributeOptions,
  type DistributePorts,
  type DistributeResult,
} from "./distribute-types.js";
import type { Log } from "./ports.js";

export * from "./distribute-options.js";
export * from "./distribute-pass.js";
export * from "./distribute-release.js";
export * from "./distribute-targets.js";
export * from "./distribute-types.js";
export * from "./rollout-waves.js";

/**
 * distribute: the Distributor. Ships one published version to the targets of one environment
 * and records it in the deployment ledger:
 *
 * 1. open the release: its manifest and SHA256SUMS downloaded and checked against each other
 *    (a mismatch writes nothing), its archive still downloading, hashed and extracted as it
 *    comes;
 * 2. meanwhile read what runs there (one ledger snapshot), and apply the policies: already
 *    deployed (the archive's download then stops), freeze, release tag, promotion order,
 *    bad-version hold, no outdated deployments;
 * 3. one deployment: `in_progress` while the archive's last bytes arrive and are verified (a
 *    mismatch records failure and runs nothing), the command per target, health checks, then
 *    success, or failure and — with rollback-on-failure — a second deployment that puts the
 *    version that was live back and marks the failed one bad there.
 *
 * The rollback action calls this same function with `rollback: {from, reason}` and the
 * version to return to: it skips the promotion order and the downgrade rule, records the bad
 * mark, and does not roll a failed rollback back again.
 */

const DEFAULT_TARGET_TIMEOUT_MS = 30 * 60_000;

export async function distribute(
  options: DistributeOptions,
  ports: DistributePorts,
): Promise<DistributeResult> {
  // Awaited once the release and the ledger are in; until then (and if anything before
  // fails) its rejection must not go unhandled.
  ports.approval?.catch(() => {});
  checkDistributeOptions(options);
  const { log, github } = ports;
  const startRequests = github.requestCount();
  const tag = tagForVersion(options.version, options.tagPrefix);
  const ledger = ports.ledger ?? new DeploymentLedger(github, options.repo);
  await mkdir(ports.tempDir, { recursive: true });
  const workDir = await mkdtemp(join(ports.tempDir, "fastdeploy-distribute-"));
  const run = new Run(options, ports, ledger, workDir);
  try {
    // The environment's ledger is read while the release downloads: neither needs the other.
    // The release goes first: its lookup, downloads and extraction are the longer road.
    // The commit time is for a deploy's record; an undeploy records none.
    const releasing = run.release(options.version, tag, {
      prefetchCommitTime: !options.undeploy,
    });
    const snapshotting = ledger.environment(options.environment).snapshot();
    snapshotting.catch(() => {}); // a failed release is the error to report, not this one
    const release = await releasing;
    run.throwIfCancelled("before anything was deployed");
    const snapshot = await snapshotting;
    if (ports.approval) run.approval = await ports.approval;
    const result = await (options.undeploy
      ? run.undeploy(release, snapshot)
      : run.deploy(release, snapshot));
    return { ...result, requests: github.requestCount() - startRequests };
  } finally {
    // A download still under way (a release that was not deployed) stops before its files go.
    await run.closeReleases();
    await rm(workDir, { recursive: true, force: true }).catch(() => {
      log.debug(`Could not remove ${workDir}.`);
    });
  }
}

type Outcome = Omit<DistributeResult, "requests">;

/** One distribute run's state, so the phases can share it without long parameter lists. */
class Run implements RecoveryRun {
  readonly log: Log;
  /** Commit times being read, by commit (never rejected: commitTime is never fatal). */
  private readonly commitTimes = new Map<string, Promise<string | undefined>>();
  /** The releases opened, so their downloads can be stopped when the run ends. */
  private readonly opened: Promise<VerifiedRelease>[] = [];
  /** What the payload records as the approval: the options', or ports.approval once confirmed. */
  approval: DistributeOptions["approval"];

  constructor(
    readonly options: DistributeOptions,
    readonly ports: DistributePorts,
    readonly ledger: DeploymentLedger,
    private readonly workDir: string,
  ) {
    this.log = ports.log;
    this.approval = options.approval;
  }

  async deploy(release: VerifiedRelease, snapshot: LedgerSnapshot): Promise<Outcome> {
    const { options } = this;
    const live = snapshot.live;
    const base = this.outcome(release, live);
    if (!options.force && live?.version === release.version && live.digest === release.digest) {
      return this.alreadyDeployed(base, live);
    }
    // The commit time (for lead-time metrics, never fatal): read while the release was
    // downloaded and verified when its target is the manifest's commit (FastDeploy publishes it there), else
    // now, while the rules are checked.
    const committing =
      this.commitTimes.get(release.manifest.source.commit) ??
      commitTime(options.repo, release.manifest.source.commit, this.ports);
    const successes: SuccessFacts =
      options.after.length && !options.rollback
        ? await this.ledger.promotionFacts(options.after, release.version, release.tag)
        : {};
    const verdict = evaluateDeploy(
      {
        environment: options.environment,
        version: release.version,
        digest: release.digest,
        sourceRef: release.manifest.source.ref,
        after: options.after,
        requireTag: options.requireTag || options.production,
        tagPrefix: options.tagPrefix,
        freeze: options.freeze,
        at: this.ports.now(),
        rollback: options.rollback !== undefined,
        allowDowngrade: options.allowDowngrade,
        force: options.force,
        ...(options.reason ? { reason: options.reason } : {}),
      },
      { successes, live, bad: snapshot.bad },
    );
    if (!verdict.allowed) {
      if (verdict.code === "already_deployed" && live) return this.alreadyDeployed(base, live);
      throw new DistributeError(`Refused: ${verdict.message}.`, verdict.code);
    }
    for (const o of verdict.overrides)
      this.log.warning(`force overrides the ${o.rule} rule: ${o.detail}.`);
    this.throwIfCancelled("before anything was deployed");

    const committedAt = await committing;
    const rollout = await planRollout(options, this.ledger, release, this.log);
    const pass = await this.pass(
      release,
      snapshot,
      {
        approval: this.approval,
        ...(rollout ? { rollout: rollout.payload } : {}),
        ...(options.rollback ? { rollback: options.rollback } : {}),
        ...(options.force
          ? {
              force: {
                reason: options.reason ?? "",
                overrides: verdict.overrides.map((o) => o.rule),
              },
            }
          : {}),
        ...(committedAt ? { committed_at: committedAt } : {}),
      },
      live?.version ?? "",
      true,
      rollout ? { rollout: rollout.run } : {},
    );
    const outcome = {
      ...base,
      overrides: verdict.overrides,
      deploymentId: pass.deploymentId,
      targets: pass.targets,
      waves: pass.waves,
    };
    if (pass.outcome === "success") {
      return { ...outcome, status: "deployed", madeLatest: await this.markLatest(release) };
    }
    if (pass.outcome === "cancelled") {
      return {
        ...outcome,
        status: "failed",
        cancelled: true,
        failure: `The deploy of ${release.version} to ${options.environment} was cancelled; the deployment records error.`,
      };
    }
    const failure = `${release.version} failed in ${options.environment}: ${pass.reason}`;
    if (!options.rollbackOnFailure || options.rollback || (!live && !options.undeployCommand)) {
      const why = options.rollback
        ? " (a failed rollback is not rolled back again)"
        : !options.rollbackOnFailure
          ? ` (rollback-on-failure is off; ${list(pass.touched)} received ${release.version}${options.rollout ? ", and a re-run continues the rollout" : ""})`
          : ` (nothing ran in ${options.environment} before, so there is nothing to roll back to; set undeploy-command in .github/fastdeploy.yml to tear ${list(pass.touched)} down)`;
      return { ...outcome, status: "failed", failure: `${failure}${why}.` };
    }
    if (!live) return tearDown(this, outcome, release, pass, snapshot, failure);
    return rollBack(this, outcome, pass, snapshot, live, failure);
  }

  async undeploy(release: VerifiedRelease, snapshot: LedgerSnapshot): Promise<Outcome> {
    const { options } = this;
    const live = snapshot.live;
    const base = this.outcome(release, live);
    if (!live) {
      this.log.info(`Nothing runs in ${options.environment}: already undeployed, nothing to do.`);
      return { ...base, status: "undeployed" };
    }
    if (live.version !== release.version && !options.force) {
      throw new DistributeError(
        `Refused: ${options.environment} runs ${live.version}, not ${release.version}; undeploy ${live.version}, ` +
          `or set force: true to run the teardown of ${release.version} anyway.`,
        "undeploy",
      );
    }
    const pass = await this.pass(
      release,
      snapshot,
      {
        approval: this.approval,
        undeploy: true,
        ...(options.force ? { force: { reason: options.reason ?? "", overrides: [] } } : {}),
      },
      live.version,
      false,
    );
    const outcome = {
      ...base,
      deploymentId: pass.deploymentId,
      targets: pass.targets,
      waves: pass.waves,
    };
    if (pass.outcome !== "success") {
      return {
        ...outcome,
        status: "failed",
        cancelled: pass.outcome === "cancelled",
        failure: `The teardown of ${release.version} in ${options.environment} failed: ${pass.reason}; ${live.version} may still run on some targets.`,
      };
    }
    // Outside production GitHub's auto_inactive has already retired the live deployment;
    // production deployments it never touches, so that one is retired here. The undeploy
    // record itself goes inactive too: nothing is active in the environment any more.
    if (options.production) {
      await this.ledger.setStatus(live.deploymentId, "inactive", {
        description: `Undeployed by deployment ${pass.deploymentId}`,
      });
    }
    await this.ledger.setStatus(pass.deploymentId, "inactive", {
      description: `${release.version} undeployed from ${options.environment}`,
    });
    return { ...outcome, status: "undeployed" };
  }

  /**
   * Open one version's release in the run's work directory: returned once its manifest and
   * SHA256SUMS are verified, with the archive downloading and being extracted (a pass awaits
   * its `extracted`). With `prefetchCommitTime`, the commit time of the release's target is
   * read while it downloads.
   */
  release(
    version: string,
    tag: string,
    { prefetchCommitTime = false } = {},
  ): Promise<VerifiedRelease> {
    const { repo, tagPrefix } = this.options;
    const onRelease = ({ commit }: { commit: string }) => {
      if (/^[0-9a-f]{40}$/.test(commit) && !this.commitTimes.has(commit)) {
        this.commitTimes.set(commit, commitTime(repo, commit, this.ports));
      }
    };
    const opening = this.log.group(`Download and verify ${tag}`, () =>
      openVerifiedRelease(
        {
          repo,
          version,
          tag,
          tagPrefix,
          workDir: this.workDir,
          ...(prefetchCommitTime ? { onRelease } : {}),
        },
        this.ports,
      ),
    );
    this.opened.push(opening);
    return opening;
  }

  /** Stops every archive download still under way and waits until each has. */
  async closeReleases(): Promise<void> {
    await Promise.all(
      this.opened.map((opening) =>
        opening.then(
          (release) => release.close(),
          () => {},
        ),
      ),
    );
  }

  /** Production runs the release marked latest. */
  markLatest(release: VerifiedRelease): Promise<boolean> {
    if (!this.options.production || !this.options.makeLatest) return Promise.resolve(false);
    return markLatest(this.options.repo, release, this.ports);
  }

  throwIfCancelled(when: string): void {
    if (this.ports.signal?.aborted) {
      throw new DistributeError(`Cancelled ${when}; the ledger is unchanged.`, "cancelled");
    }
  }

  pass(
    release: VerifiedRelease,
    snapshot: LedgerSnapshot,
    payload: Parameters<typeof runPass>[0]["payload"],
    previousVersion: string,
    healthChecked: boolean,
    only: {
      targets?: string[];
      command?: string;
      rollout?: { waves: string[][]; bakeMs: number; carried: number };
    } = {},
  ): Promise<PassResult> {
    const { options, ports } = this;
    const health =
      healthChecked && (options.healthUrl || options.healthCommand)
        ? {
            ...(options.healthUrl ? { url: options.healthUrl } : {}),
            ...(options.healthCommand ? { command: options.healthCommand } : {}),
            timeoutMs: options.healthTimeoutMs,
            ...(options.healthInitialDelayMs !== undefined
              ? { initialDelayMs: options.healthInitialDelayMs }
              : {}),
            ...(ports.fetch ? { fetch: ports.fetch } : {}),
          }
        : undefined;
    return runPass(
      {
        environment: options.environment,
        release,
        snapshot,
        payload,
        command: only.command ?? options.command,
        targets: only.targets ?? options.targets,
        ...(only.rollout ? { rollout: only.rollout } : {}),
        parallel: options.parallel,
        timeoutMs: options.targetTimeoutMs ?? DEFAULT_TARGET_TIMEOUT_MS,
        ...(health ? { health } : {}),
        production: options.production,
        ...(options.logUrl ? { logUrl: options.logUrl } : {}),
        ...(options.environmentUrl ? { environmentUrl: options.environmentUrl } : {}),
        previousVersion,
        at: ports.now(),
      },
      {
        ledger: this.ledger,
        log: this.log,
        runShell: ports.runShell,
        env: ports.env ?? process.env,
        ...(ports.signal ? { signal: ports.signal } : {}),
        ...(ports.onDeployment ? { onDeployment: ports.onDeployment } : {}),
      },
    );
  }

  private outcome(release: VerifiedRelease, live: LedgerEntry | undefined): Outcome {
    const { options } = this;
    return {
      status: "failed",
      environment: options.environment,
      version: release.version,
      tag: release.tag,
      digest: release.digest,
      releaseId: release.releaseId,
      releaseUrl: release.releaseUrl,
      ...(live ? { previousVersion: live.version } : {}),
      targets: [],
      waves: [],
      ...(options.environmentUrl ? { environmentUrl: options.environmentUrl } : {}),
      production: options.production,
      approval: this.approval,
      overrides: [],
      cancelled: false,
      madeLatest: false,
    };
  }

  private alreadyDeployed(base: Outcome, live: LedgerEntry): Outcome {
    this.log.info(
      `${this.options.environment} already runs ${live.version} (${live.digest}, deployment ${live.deploymentId}); ` +
        "nothing to do (set force: true to deploy it again).",
    );
    return { ...base, status: "already_deployed", deploymentId: live.deploymentId };
  }
}
