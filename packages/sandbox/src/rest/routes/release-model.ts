import semver from "semver";
import { nodeId, simpleUser } from "../objects.js";
import { repoSettings } from "../state.js";
import { HttpError, type RepoState, type RouteContext } from "../types.js";
import { gitSlice, resolveCommitish, sha1 } from "./git-model.js";

/** Releases and their assets in the `releases` slice, and their JSON shapes. */

export type MakeLatest = "true" | "false" | "legacy";

export interface StoredRelease {
  id: number;
  tag_name: string;
  target_commitish: string;
  name: string | null;
  body: string | null;
  draft: boolean;
  prerelease: boolean;
  immutable: boolean;
  make_latest: MakeLatest;
  created_at: string;
  published_at: string | null;
  updated_at: string;
  author: string;
}

export interface StoredAsset {
  id: number;
  release_id: number;
  name: string;
  label: string | null;
  content_type: string;
  size: number;
  digest: string | null;
  /** "open" while uploading, and forever after an interrupted upload (delete it and retry). */
  state: "uploaded" | "open";
  download_count: number;
  uploader: string;
  created_at: string;
  updated_at: string;
  /** Blob file name inside ctx.blobDir. */
  blob: string;
}

export interface ReleaseSlice {
  releases: StoredRelease[];
  assets: StoredAsset[];
  /** The release explicitly marked latest (make_latest), if any. */
  latestId: number | null;
}

export function releaseSlice(repo: RepoState): ReleaseSlice {
  repo.releases ??= { releases: [], assets: [], latestId: null } satisfies ReleaseSlice;
  return repo.releases as ReleaseSlice;
}

/** A release the actor may see: drafts only with push access. */
export function findRelease(ctx: RouteContext, id: string | number): StoredRelease {
  const release = releaseSlice(ctx.repo).releases.find((r) => r.id === Number(id));
  if (!release || (release.draft && ctx.canPush === false)) throw new HttpError(404, "Not Found");
  return release;
}

export function findAsset(ctx: RouteContext, id: string | number): StoredAsset {
  const asset = releaseSlice(ctx.repo).assets.find((a) => a.id === Number(id));
  if (!asset) throw new HttpError(404, "Not Found");
  findRelease(ctx, asset.release_id);
  return asset;
}

/** GitHub's answer to asset changes on an immutable release. */
export function assertMutable(release: StoredRelease): void {
  if (release.immutable) {
    throw new HttpError(422, "Cannot modify an asset of an immutable release.", [
      { resource: "Release", code: "custom", field: "immutable", message: "release is immutable" },
    ]);
  }
}

/** Drafts have no tag yet; GitHub names their pages `untagged-<hash>`. */
export function untaggedName(release: StoredRelease): string {
  return `untagged-${sha1(`release ${release.id}`).slice(0, 20)}`;
}

type Urls = Pick<RouteContext, "apiUrl" | "uploadsUrl" | "serverUrl" | "state">;

export function assetJson(ctx: Urls, repo: RepoState, asset: StoredAsset) {
  const release = releaseSlice(repo).releases.find((r) => r.id === asset.release_id);
  const tag = release && !release.draft ? release.tag_name : release ? untaggedName(release) : "";
  const full = `${repo.owner}/${repo.name}`;
  return {
    url: `${ctx.apiUrl}/repos/${full}/releases/assets/${asset.id}`,
    browser_download_url: `${ctx.serverUrl}/${full}/releases/download/${encodeURI(tag)}/${encodeURIComponent(asset.name)}`,
    id: asset.id,
    node_id: nodeId("RA", asset.id),
    name: asset.name,
    label: asset.label,
    state: asset.state,
    content_type: asset.content_type,
    size: asset.size,
    digest: asset.digest,
    download_count: asset.download_count,
    created_at: asset.created_at,
    updated_at: asset.updated_at,
    uploader: simpleUser(ctx, asset.uploader),
  };
}

export function releaseJson(ctx: Urls, repo: RepoState, release: StoredRelease) {
  const full = `${repo.owner}/${repo.name}`;
  const url = `${ctx.apiUrl}/repos/${full}/releases/${release.id}`;
  const page = release.draft ? untaggedName(release) : release.tag_name;
  const slice = releaseSlice(repo);
  return {
    url,
    html_url: `${ctx.serverUrl}/${full}/releases/tag/${encodeURI(page)}`,
    assets_url: `${url}/assets`,
    upload_url: `${ctx.uploadsUrl}/repos/${full}/releases/${release.id}/assets{?name,label}`,
    tarball_url: release.draft ? null : `${ctx.apiUrl}/repos/${full}/tarball/${release.tag_name}`,
    zipball_url: release.draft ? null : `${ctx.apiUrl}/repos/${full}/zipball/${release.tag_name}`,
    id: release.id,
    node_id: nodeId("RE", release.id),
    tag_name: release.tag_name,
    target_commitish: release.target_commitish,
    name: release.name,
    body: release.body,
    draft: release.draft,
    prerelease: release.prerelease,
    immutable: release.immutable,
    created_at: release.created_at,
    published_at: release.published_at,
    updated_at: release.updated_at,
    author: simpleUser(ctx, release.author),
    assets: slice.assets
      .filter((a) => a.release_id === release.id)
      .map((a) => assetJson(ctx, repo, a)),
  };
}

/** Newest first, as GitHub lists releases. */
export function byNewest(a: StoredRelease, b: StoredRelease): number {
  return b.created_at.localeCompare(a.created_at) || b.id - a.id;
}

const eligibleForLatest = (r: StoredRelease) => !r.draft && !r.prerelease;

/** The release GET /releases/latest answers with. */
export function latestRelease(slice: ReleaseSlice): StoredRelease | undefined {
  const explicit = slice.releases.find((r) => r.id === slice.latestId && eligibleForLatest(r));
  if (explicit) return explicit;
  return [...slice.releases]
    .filter((r) => eligibleForLatest(r) && r.make_latest !== "false")
    .sort(byNewest)[0];
}

/** Applies `make_latest` once a release is published (or edited while published). */
export function applyMakeLatest(slice: ReleaseSlice, release: StoredRelease): void {
  if (!eligibleForLatest(release)) {
    if (slice.latestId === release.id) slice.latestId = null;
    return;
  }
  if (release.make_latest === "true") slice.latestId = release.id;
  else if (release.make_latest === "false" && slice.latestId === release.id) slice.latestId = null;
  else if (release.make_latest === "legacy") {
    // Legacy: the highest semantic version wins, then the newest.
    const best = slice.releases.filter(eligibleForLatest).sort((a, b) => {
      const va = semver.coerce(a.tag_name);
      const vb = semver.coerce(b.tag_name);
      return (va && vb ? semver.rcompare(va, vb) : 0) || byNewest(a, b);
    })[0];
    slice.latestId = best?.id ?? null;
  }
}

/** A published release with this tag already exists: GitHub's already_exists 422. */
export function assertTagFree(slice: ReleaseSlice, tag: string, except?: number): void {
  if (slice.releases.some((r) => !r.draft && r.tag_name === tag && r.id !== except)) {
    throw new HttpError(422, "Validation Failed", [
      { resource: "Release", code: "already_exists", field: "tag_name" },
    ]);
  }
}

/** Git's ref-name rules, as far as GitHub's tag_name check applies them. */
export function assertValidTagName(tag: string): void {
  const bad =
    tag === "" ||
    /[\s~^:?*[\\\x00-\x1f\x7f]/.test(tag) ||
    tag.includes("..") ||
    tag.includes("@{") ||
    tag.startsWith("/") ||
    tag.endsWith("/") ||
    tag.endsWith(".") ||
    tag.endsWith(".lock");
  if (bad) {
    throw new HttpError(422, "Validation Failed", [
      { resource: "Release", code: "invalid", field: "tag_name" },
    ]);
  }
}

/**
 * Creates `refs/tags/<tag>` at target_commitish when the tag does not exist yet; what GitHub
 * does when a release is published (never for a draft).
 */
export function ensureTag(repo: RepoState, release: StoredRelease): void {
  const git = gitSlice(repo);
  if (git.refs[`refs/tags/${release.tag_name}`]) return;
  const sha = resolveCommitish(repo, release.target_commitish);
  if (!sha) {
    throw new HttpError(422, "Validation Failed", [
      { resource: "Release", code: "invalid", field: "target_commitish" },
    ]);
  }
  git.refs[`refs/tags/${release.tag_name}`] = sha;
}

export function publish(repo: RepoState, release: StoredRelease, now: string): void {
  const slice = releaseSlice(repo);
  assertTagFree(slice, release.tag_name, release.id);
  ensureTag(repo, release);
  release.draft = false;
  release.published_at = now;
  release.immutable = repoSettings(repo).immutableReleases;
  applyMakeLatest(slice, release);
}
