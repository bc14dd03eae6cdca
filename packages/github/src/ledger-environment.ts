import {
  type BadMark,
  badMarks,
  chooseRollbackTarget,
  hasSucceeded,
  type LedgerEntry,
  liveEntry,
  type RollbackChoice,
  type RollbackOptions,
  type VersionDigest,
} from "@fastdeploy/core";
import { LedgerHistory } from "./ledger-history.js";
import type { LedgerSnapshot } from "./ledger-index.js";
import type { GitHubClient } from "./octokit.js";
import type { RepoRef } from "./release-assets.js";

/**
 * How many of the newest deployments `live()` reads one by one before it trusts the index
 * (`good[0]` of the newest deployment names the deployment that was live when it was made).
 */
const SCAN_BEFORE_INDEX = 5;

/**
 * The questions a command asks about one environment. Every query reads the shared lazy
 * history and stops as soon as it has its answer; with the carried index (ledger-index.ts)
 * each costs a handful of requests whatever the length of the history:
 *
 * | query | requests (index present) |
 * |---|---|
 * | `live()` | 1 page + 1 status per newest deployment until a success (≤ 5), or + 2 via the index |
 * | `bad()` / `isBad(v)` | 1 page (the newest deployment's payload) |
 * | `rollbackTarget()` / `lastKnownGood()` | `live()` + 0 |
 * | `successesOf(v, ref)` | 1 filtered list + 1 status per deployment of that ref |
 */
export class EnvironmentLedger {
  readonly history: LedgerHistory;
  private liveMemo: Promise<LedgerEntry | undefined> | undefined;
  private badMemo: Promise<BadMark[]> | undefined;

  constructor(
    client: GitHubClient,
    repo: RepoRef,
    readonly environment: string,
  ) {
    this.history = new LedgerHistory(client, repo, environment);
  }

  /**
   * What runs here now: the newest FastDeploy deployment that succeeded (`liveEntry`). Its
   * latest status may read inactive: GitHub's job deployment for the same environment marks
   * it so when the deploy job ends. Newer failures do not count; a succeeded undeploy means
   * nothing runs (undefined).
   */
  live(): Promise<LedgerEntry | undefined> {
    this.liveMemo ??= this.findLive();
    return this.liveMemo;
  }

  /** Every version marked bad here (rolled back from), newest mark first. */
  bad(): Promise<BadMark[]> {
    this.badMemo ??= this.findBad();
    return this.badMemo;
  }

  async isBad(version: string): Promise<BadMark | undefined> {
    return (await this.bad()).find((m) => m.version === version);
  }

  /** Live and bad marks together: what the policies and `payloadWithIndex` need. */
  async snapshot(): Promise<LedgerSnapshot> {
    const [live, bad] = await Promise.all([this.live(), this.bad()]);
    return { environment: this.environment, live, bad };
  }

  /**
   * The rollback target (see `chooseRollbackTarget`): answered from the live deployment's
   * `good` index when it can be, otherwise by reading older deployments one at a time until
   * one qualifies or the history ends.
   */
  async rollbackTarget(options: RollbackOptions): Promise<RollbackChoice> {
    const live = await this.live();
    const extra = await this.bad();
    if (!live) return chooseRollbackTarget([], { ...options, bad: extra });
    const history: LedgerEntry[] = [live];
    let choice = chooseRollbackTarget(history, { ...options, bad: extra });
    if (choice.allowed || choice.code !== "rollback_target" || options.to !== "previous") {
      return choice;
    }
    // The index did not answer: walk back from the live deployment.
    let i = this.history.indexOf(live.deploymentId);
    if (i < 0) i = await this.locate(live.deploymentId);
    if (i < 0) return choice;
    for (let k = i + 1; ; k++) {
      const e = await this.history.entry(k);
      if (!e) return choice;
      history.push(e);
      if (!hasSucceeded(e)) continue;
      choice = chooseRollbackTarget(history, { ...options, bad: extra });
      if (choice.allowed) return choice;
    }
  }

  /** The newest version that succeeded here before the live one and is not marked bad. */
  async lastKnownGood(): Promise<Required<VersionDigest & { deploymentId: number }> | undefined> {
    const choice = await this.rollbackTarget({ to: "previous" });
    if (!choice.allowed || !choice.to.digest || choice.to.deploymentId === undefined) {
      return undefined;
    }
    return {
      version: choice.to.version,
      digest: choice.to.digest,
      deploymentId: choice.to.deploymentId,
    };
  }

  /**
   * The (version, digest) pairs of `version` that succeeded here, for the promotion order.
   * `ref` is the release tag the deployments were created with (e.g. `v1.5.0`): GitHub filters
   * by it, so the cost does not depend on the history's length.
   */
  async successesOf(version: string, ref: string): Promise<VersionDigest[]> {
    const found: VersionDigest[] = [];
    for await (const page of this.history.pages({ ref })) {
      for (const d of page) {
        if (d.payload.version !== version) continue;
        if (found.some((f) => f.digest === d.payload.digest)) continue;
        const e = await this.history.withState(d);
        if (hasSucceeded(e)) found.push({ version, digest: e.digest });
      }
    }
    return found;
  }

  private async findLive(): Promise<LedgerEntry | undefined> {
    for (let i = 0; ; i++) {
      const e = await this.history.entry(i);
      if (!e) return undefined;
      if (e.state === "success" || e.state === "inactive") return liveEntry([e]);
      if (i + 1 === SCAN_BEFORE_INDEX) {
        const viaIndex = await this.liveFromIndex();
        if (viaIndex) return viaIndex;
      }
    }
  }

  /**
   * The newest deployment's `good[0]` was live when it was created; nothing newer succeeded
   * since (the newest ones were just read), so if it still reads success it is live.
   */
  private async liveFromIndex(): Promise<LedgerEntry | undefined> {
    const newest = await this.history.deployment(0);
    const hint = newest?.payload.good?.[0];
    if (!hint) return undefined;
    const d = await this.history.byId(hint.deployment_id);
    if (!d) return undefined;
    const e = await this.history.withState(d);
    return liveEntry([e]);
  }

  private async findBad(): Promise<BadMark[]> {
    // Pages only, no statuses: marks live in payloads. The newest deployment that carries a
    // `bad` list ends the walk; older writers' rollbacks are collected on the way.
    const seen: LedgerEntry[] = [];
    for (let i = 0; ; i++) {
      const d = await this.history.deployment(i);
      if (!d) break;
      seen.push({ ...d, version: d.payload.version, digest: d.payload.digest, state: undefined });
      if (d.payload.bad) break;
    }
    return badMarks(seen);
  }

  /** Reads pages until the deployment is loaded; its position, or -1. */
  private async locate(deploymentId: number): Promise<number> {
    for (let i = 0; ; i++) {
      const d = await this.history.deployment(i);
      if (!d) return -1;
      if (d.deploymentId === deploymentId) return i;
    }
  }
}
