import { FastDeployError } from "@fastdeploy/core";
import type { GitHubClient } from "./octokit.js";
import type { RepoRef } from "./release-assets.js";

/**
 * GitHub Releases as FastDeploy's artifact store: the few release operations publishing needs,
 * each one request, with GitHub's answers turned into typed outcomes. Two of GitHub's traps
 * shape it: get-release-by-tag never returns drafts (so drafts are found by listing), and
 * several drafts may share one tag while only one published release may hold it (422
 * `already_exists`, which is how two publishers of one version learn who won).
 */

export interface ReleaseAsset {
  id: number;
  name: string;
  size: number;
  /** `sha256:<hex>` as GitHub reports it; null on servers that do not compute digests. */
  digest: string | null;
  /** `uploaded` when complete; `starter`/`open` after an interrupted upload. */
  state: string;
  /** browser_download_url: what people and pull-based clients fetch. */
  url: string;
}

export interface Release {
  id: number;
  tagName: string;
  draft: boolean;
  prerelease: boolean;
  createdAt: string;
  htmlUrl: string;
  /** The RFC 6570 template `…/releases/{id}/assets{?name,label}` on the uploads host. */
  uploadUrl: string;
  targetCommitish: string;
  assets: ReleaseAsset[];
}

export interface ReleaseLookup {
  /** The published release holding the tag, if any. */
  published?: Release;
  /** Drafts for the tag (drafts have no tag yet, only its name), oldest first. */
  drafts: Release[];
  /** Every published release the listing saw, newest first (for the previous release). */
  seen: Release[];
  /** True when the listing reached its last page, so `seen` is every published release. */
  complete: boolean;
}

export interface DraftSpec {
  tag: string;
  /** Full commit SHA the tag is created at when the release is published. */
  target: string;
  name?: string;
  body?: string;
  prerelease: boolean;
}

export interface PublishSpec {
  target: string;
  prerelease: boolean;
  makeLatest: boolean;
  name?: string;
  body?: string;
}

/** A published release already holds the tag (GitHub's 422 `already_exists`). */
export class ReleaseTagTakenError extends FastDeployError {
  override name = "ReleaseTagTakenError";
  constructor(readonly tag: string) {
    super(`A published release already holds tag ${tag}.`);
  }
}

/** The release was deleted under us (by a concurrent publisher cleaning up duplicates). */
export class ReleaseGoneError extends FastDeployError {
  override name = "ReleaseGoneError";
  constructor(readonly releaseId: number) {
    super(`Release ${releaseId} no longer exists; it was deleted while this run worked on it.`);
  }
}

const PER_PAGE = 100;
/** Drafts are listed newest first; a draft for this build cannot predate the build by more. */
const CLOCK_SKEW_MS = 60 * 60 * 1000;

// biome-ignore lint/suspicious/noExplicitAny: Octokit's response types are wide unions.
type Json = any;

export function toReleaseAsset(data: Json): ReleaseAsset {
  return {
    id: data.id,
    name: data.name,
    size: data.size,
    digest: typeof data.digest === "string" && data.digest !== "" ? data.digest : null,
    state: data.state,
    url: data.browser_download_url,
  };
}

export function toRelease(data: Json): Release {
  return {
    id: data.id,
    tagName: data.tag_name,
    draft: data.draft,
    prerelease: data.prerelease,
    createdAt: data.created_at,
    htmlUrl: data.html_url,
    uploadUrl: data.upload_url,
    targetCommitish: data.target_commitish,
    assets: (data.assets ?? []).map(toReleaseAsset),
  };
}

export const statusOf = (error: unknown) => (error as { status?: number }).status;

/** GitHub's validation error for a tag that a published release holds. */
export function isAlreadyExists(error: unknown, resource: string): boolean {
  if (statusOf(error) !== 422) return false;
  const data = (error as { response?: { data?: Json } }).response?.data;
  return (data?.errors ?? []).some(
    (e: Json) => e?.code === "already_exists" && (!e.resource || e.resource === resource),
  );
}

export class ReleaseStore {
  constructor(
    private readonly client: GitHubClient,
    private readonly repo: RepoRef,
  ) {}

  /**
   * The published release and the drafts for `tag`. Releases are listed newest first, so the
   * listing stops at the first page that reaches back before `since` (the build time: a draft
   * for this build cannot be older) and costs one request however long the history. Only when
   * it stopped early is the published release asked for by tag.
   */
  async find(tag: string, options: { since?: string } = {}): Promise<ReleaseLookup> {
    const since = options.since ? Date.parse(options.since) - CLOCK_SKEW_MS : Number.NaN;
    const lookup: ReleaseLookup = { drafts: [], seen: [], complete: false };
    for (let page = 1; ; page++) {
      const response = await this.client.rest.repos.listReleases({
        ...this.repo,
        per_page: PER_PAGE,
        page,
      });
      const releases = response.data.map(toRelease);
      for (const release of releases) {
        if (release.draft) {
          if (release.tagName === tag) lookup.drafts.push(release);
        } else {
          lookup.seen.push(release);
          if (release.tagName === tag && !lookup.published) lookup.published = release;
        }
      }
      const last = !/\brel="next"/.test(response.headers.link ?? "") || releases.length === 0;
      if (last) {
        lookup.complete = true;
        break;
      }
      const oldest = releases[releases.length - 1]!;
      if (Number.isFinite(since) && Date.parse(oldest.createdAt) < since) break;
    }
    if (!lookup.published && !lookup.complete) {
      lookup.published = await this.getByTag(tag);
    }
    lookup.drafts.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id - b.id);
    return lookup;
  }

  /** The published release for a tag (never a draft), or undefined. */
  async getByTag(tag: string): Promise<Release | undefined> {
    try {
      const response = await this.client.rest.repos.getReleaseByTag({ ...this.repo, tag });
      return toRelease(response.data);
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      throw error;
    }
  }

  /** Marks a published release latest: the one production runs, which pull-based clients follow. */
  async makeLatest(id: number): Promise<Release> {
    const response = await this.client.rest.repos.updateRelease({
      ...this.repo,
      release_id: id,
      make_latest: "true",
    });
    return toRelease(response.data);
  }

  async get(id: number): Promise<Release> {
    try {
      const response = await this.client.rest.repos.getRelease({ ...this.repo, release_id: id });
      return toRelease(response.data);
    } catch (error) {
      if (statusOf(error) === 404) throw new ReleaseGoneError(id);
      throw error;
    }
  }

  async createDraft(spec: DraftSpec): Promise<Release> {
    try {
      const response = await this.client.rest.repos.createRelease({
        ...this.repo,
        tag_name: spec.tag,
        target_commitish: spec.target,
        name: spec.name ?? spec.tag,
        ...(spec.body !== undefined ? { body: spec.body } : {}),
        draft: true,
        prerelease: spec.prerelease,
      });
      return toRelease(response.data);
    } catch (error) {
      if (isAlreadyExists(error, "Release")) throw new ReleaseTagTakenError(spec.tag);
      throw error;
    }
  }

  /**
   * Publishes a draft: GitHub creates the tag at `target` when it does not exist. Throws
   * `ReleaseTagTakenError` when another release was published with the tag first.
   */
  async publish(release: Release, spec: PublishSpec): Promise<Release> {
    try {
      const response = await this.client.rest.repos.updateRelease({
        ...this.repo,
        release_id: release.id,
        draft: false,
        target_commitish: spec.target,
        prerelease: spec.prerelease,
        // A string in the API ("true" | "false" | "legacy"), not a boolean.
        make_latest: spec.makeLatest ? "true" : "false",
        ...(spec.name !== undefined ? { name: spec.name } : {}),
        ...(spec.body !== undefined ? { body: spec.body } : {}),
      });
      return toRelease(response.data);
    } catch (error) {
      if (isAlreadyExists(error, "Release")) throw new ReleaseTagTakenError(release.tagName);
      if (statusOf(error) === 404) throw new ReleaseGoneError(release.id);
      throw error;
    }
  }

  /** Deletes a release (the tag stays, as on GitHub); a release already gone is fine. */
  async delete(id: number): Promise<void> {
    try {
      await this.client.rest.repos.deleteRelease({ ...this.repo, release_id: id });
    } catch (error) {
      if (statusOf(error) !== 404) throw error;
    }
  }

  async deleteAsset(id: number): Promise<void> {
    try {
      await this.client.rest.repos.deleteReleaseAsset({ ...this.repo, asset_id: id });
    } catch (error) {
      if (statusOf(error) !== 404) throw error;
    }
  }

  async listAssets(releaseId: number): Promise<ReleaseAsset[]> {
    try {
      const assets = await this.client.paginate(this.client.rest.repos.listReleaseAssets, {
        ...this.repo,
        release_id: releaseId,
        per_page: PER_PAGE,
      });
      return assets.map(toReleaseAsset);
    } catch (error) {
      if (statusOf(error) === 404) throw new ReleaseGoneError(releaseId);
      throw error;
    }
  }

  /** GitHub's generated notes for `tag` since `previousTag` (GitHub picks one when absent). */
  async generateNotes(spec: {
    tag: string;
    target: string;
    previousTag?: string;
  }): Promise<{ name: string; body: string }> {
    const response = await this.client.rest.repos.generateReleaseNotes({
      ...this.repo,
      tag_name: spec.tag,
      target_commitish: spec.target,
      ...(spec.previousTag ? { previous_tag_name: spec.previousTag } : {}),
    });
    return { name: response.data.name, body: response.data.body };
  }
}
