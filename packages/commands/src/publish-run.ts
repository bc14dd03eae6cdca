import {
  findTag,
  type Release,
  ReleaseGoneError,
  type ReleaseLookup,
  type ReleaseStore,
  ReleaseTagTakenError,
  TagMismatchError,
} from "@fastdeploy/github";
import type { PublishOptions, PublishPorts, PublishResult } from "./publish.js";
import { completeDraft, type DraftContext, withDigests } from "./publish-draft.js";
import type { PublishFile } from "./publish-files.js";
import { previousReleaseTag } from "./publish-notes.js";
import { contentDifferences, contentError, planAssets } from "./publish-plan.js";

/**
 * One publish, from lookup to outcome. Every run converges: identical content already
 * published is `already_published` without a write; a draft left by a crashed run is completed;
 * of two runs publishing one version at once, the first to publish wins and the other removes
 * its own draft and reports `already_published`; different content for a published version is
 * an error that changes nothing.
 */

/** Rounds of find-draft → upload → publish before giving up on a contended tag. */
const MAX_ROUNDS = 3;

export interface Resolved {
  version: string;
  tag: string;
  target: string;
  prerelease: boolean;
  makeLatest: boolean;
}

export type Outcome = Omit<PublishResult, "requests">;

/**
 * Starts a check now and reports its outcome when asked: the request overlaps others, its
 * error still surfaces where the check stood, and a rejection nobody asks for is not unhandled.
 */
function early(check: Promise<void>): () => Promise<void> {
  const settled = check.then(
    () => undefined,
    (error: unknown) => ({ error }),
  );
  return async () => {
    const failed = await settled;
    if (failed) throw failed.error;
  };
}

export class PublishRun {
  private notes: { body?: string } | undefined;
  /** The draft this run is completing, to remove if another run's release wins. */
  private working: Release | undefined;

  constructor(
    private readonly options: PublishOptions,
    private readonly ports: PublishPorts,
    private readonly store: ReleaseStore,
    private readonly r: Resolved,
    private readonly files: readonly PublishFile[],
  ) {}

  async execute(builtAt: string): Promise<Outcome> {
    const { log } = this.ports;
    const { tag } = this.r;
    for (let round = 1; ; round++) {
      // The tag is read while the releases are listed: two reads, one round trip.
      const tagCheck = early(this.checkTag(tag));
      const lookup = await log.group(`Find release ${tag}`, () => this.find(builtAt));
      if (lookup.published) return this.alreadyPublished(lookup.published, tagCheck);
      try {
        return await this.publishDraft(lookup, tagCheck);
      } catch (error) {
        // Whatever failed (our publish refused with already_exists, an upload refused because
        // the draft we were completing got published by another run, our draft deleted under
        // us), a release published meanwhile is the outcome both runs converge on.
        const winner = await this.store.getByTag(tag).catch(() => undefined);
        if (winner) return this.lostRace(winner);
        const contended =
          error instanceof ReleaseGoneError || error instanceof ReleaseTagTakenError;
        if (!contended || round >= MAX_ROUNDS) throw error;
        log.info(
          `Another run is publishing ${tag} at the same time (${error.message}); looking again.`,
        );
      }
    }
  }

  private async find(builtAt: string): Promise<ReleaseLookup> {
    const lookup = await this.store.find(this.r.tag, { since: builtAt });
    const { log } = this.ports;
    if (lookup.published) log.info(`Published release: ${lookup.published.htmlUrl}`);
    else log.info(`No published release holds ${this.r.tag}.`);
    if (lookup.drafts.length) {
      log.info(`Drafts for ${this.r.tag}: ${lookup.drafts.map((d) => d.id).join(", ")}.`);
    }
    return lookup;
  }

  /** The release exists: identical content is success without a write, anything else fails. */
  private async alreadyPublished(
    release: Release,
    tagCheck = early(this.checkTag(release.tagName)),
  ): Promise<Outcome> {
    await this.checkContent(release);
    await tagCheck();
    this.ports.log.info(`${release.tagName} is already published with identical assets.`);
    return this.outcome("already_published", release);
  }

  private async checkContent(release: Release): Promise<void> {
    const { github } = this.ports;
    const assets = await withDigests(github, this.options.repo, release.assets, this.files);
    const differences = contentDifferences(this.files, assets);
    if (differences.length) throw contentError(release.tagName, differences);
  }

  private draftContext(): DraftContext {
    return {
      github: this.ports.github,
      log: this.ports.log,
      store: this.store,
      repo: this.options.repo,
      tag: this.r.tag,
      files: this.files,
    };
  }

  /** The tag, when it exists, must point at the target commit. */
  private async checkTag(tag: string): Promise<void> {
    const found = await findTag(this.ports.github, this.options.repo, tag);
    if (found && found.commit !== this.r.target) {
      throw new TagMismatchError(tag, found.commit, this.r.target);
    }
  }

  private async publishDraft(
    lookup: ReleaseLookup,
    tagCheck: () => Promise<void>,
  ): Promise<Outcome> {
    const { log } = this.ports;
    const { tag } = this.r;
    // Refuse before the first write when the tag exists elsewhere; when it is missing, GitHub
    // creates it at target_commitish as the draft is published.
    await tagCheck();
    const draft = await this.chooseDraft(lookup);
    const ready = await log.group(`Upload assets to draft ${draft.id}`, () =>
      completeDraft(this.draftContext(), draft),
    );
    if (this.options.draft) {
      log.info(`Left ${tag} as a draft: ${ready.htmlUrl}`);
      return this.outcome("draft", ready);
    }
    // A reused draft may carry notes of an earlier attempt: the publishing edit sets them again.
    const notes = await this.loadNotes(lookup);
    const published = await log.group(`Publish ${tag}`, () =>
      this.store.publish(ready, {
        target: this.r.target,
        prerelease: this.r.prerelease,
        makeLatest: this.r.makeLatest,
        ...notes,
      }),
    );
    log.info(`Published ${published.htmlUrl}`);
    // Other drafts for this tag are now duplicates: remove them. A run still filling one finds
    // its draft gone, looks again and reports already_published.
    for (const other of lookup.drafts.filter((d) => d.id !== ready.id)) {
      log.info(`Removing duplicate draft ${other.id}.`);
      await this.store.delete(other.id);
    }
    return this.outcome("published", published);
  }

  /** Another run published the tag first: the draft this run filled is a duplicate. */
  private async lostRace(winner: Release): Promise<Outcome> {
    const mine = this.working;
    if (mine && mine.id !== winner.id) {
      this.ports.log.info(
        `Another run published ${this.r.tag} first; removing draft ${mine.id}, now a duplicate.`,
      );
      await this.store.delete(mine.id);
    } else {
      this.ports.log.info(
        `Another run published ${this.r.tag} from the draft this run was completing.`,
      );
    }
    return this.alreadyPublished(winner);
  }

  /** The draft to fill: the leftover holding most of the wanted bytes, else a new one. */
  private async chooseDraft(lookup: ReleaseLookup): Promise<Release> {
    const score = (d: Release) => planAssets(this.files, d.assets).keep.size;
    const reuse = [...lookup.drafts].sort((a, b) => score(b) - score(a))[0];
    if (reuse) {
      this.ports.log.info(`Reusing draft ${reuse.id} left by an earlier run.`);
      this.working = reuse;
      return reuse;
    }
    const created = await this.store.createDraft({
      tag: this.r.tag,
      target: this.r.target,
      prerelease: this.r.prerelease,
      ...(await this.loadNotes(lookup)),
    });
    this.ports.log.info(`Created draft ${created.id}.`);
    this.working = created;
    return created;
  }

  /** The release body, computed once: generate-notes is a POST, so only when publishing. */
  private async loadNotes(lookup: ReleaseLookup): Promise<{ body?: string }> {
    if (this.notes) return this.notes;
    const notes = this.options.notes;
    if (notes === undefined || notes === "") {
      this.notes = {};
    } else if (notes === "auto") {
      const previousTag = await previousReleaseTag(
        this.ports.github,
        this.options.repo,
        this.store,
        lookup,
        this.r,
      );
      this.ports.log.info(
        `Release notes: generated by GitHub since ${previousTag ?? "the repository's start"}.`,
      );
      const generated = await this.store.generateNotes({
        tag: this.r.tag,
        target: this.r.target,
        ...(previousTag ? { previousTag } : {}),
      });
      this.notes = { body: generated.body };
    } else {
      this.notes = { body: notes };
    }
    return this.notes;
  }

  private outcome(status: Outcome["status"], release: Release): Outcome {
    return {
      status,
      version: this.r.version,
      tag: this.r.tag,
      commit: this.r.target,
      releaseId: release.id,
      releaseUrl: release.htmlUrl,
      prerelease: release.prerelease,
      assets: this.files.map((f) => {
        const asset = release.assets.find((a) => a.name === f.name);
        return { name: f.name, size: f.size, digest: f.digest, url: asset?.url ?? "" };
      }),
    };
  }
}
