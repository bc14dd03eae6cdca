import { isPrerelease, newestTaggedVersion } from "@fastdeploy/core";
import {
  type GitHubClient,
  listTagRefs,
  type ReleaseLookup,
  type ReleaseStore,
  type RepoRef,
} from "@fastdeploy/github";

/**
 * Release notes `auto`: GitHub's generated notes since the previous release. "Previous" is the
 * newest published release below this version by SemVer (for a stable version, the newest
 * stable one: notes for 2.0.0 run from 1.9.0, not from 2.0.0-rc.3), not the newest by date, so
 * a patch of an older line gets the notes of that line.
 */

/** The tag of the highest version below `version` among `tags` (`prefix` + SemVer). */
export function previousVersionTag(
  tags: Iterable<string>,
  version: string,
  prefix: string,
): string | undefined {
  return newestTaggedVersion(tags, prefix, { below: version, stable: !isPrerelease(version) })?.tag;
}

/** The tag prefix of `tag` when it is `<prefix><version>`, else undefined. */
export function tagPrefixOf(tag: string, version: string): string | undefined {
  return tag.endsWith(version) ? tag.slice(0, tag.length - version.length) : undefined;
}

const MAX_CANDIDATES = 2;

/**
 * Finds the previous release's tag cheaply: from the listing already fetched when it reached
 * the last page (no request), else from the tag refs (one request) with at most two
 * get-by-tag checks that a newer-looking tag really has a published release.
 */
export async function previousReleaseTag(
  client: GitHubClient,
  repo: RepoRef,
  store: ReleaseStore,
  lookup: ReleaseLookup,
  spec: { tag: string; version: string },
): Promise<string | undefined> {
  const prefix = tagPrefixOf(spec.tag, spec.version);
  if (prefix === undefined) return undefined; // let GitHub choose
  const published = new Set(lookup.seen.map((r) => r.tagName));
  const fromListing = previousVersionTag(published, spec.version, prefix);
  if (lookup.complete) return fromListing;
  const tags = (await listTagRefs(client, repo, prefix)).map((t) => t.name);
  let candidates = tags;
  for (let i = 0; i < MAX_CANDIDATES; i++) {
    const candidate = previousVersionTag(candidates, spec.version, prefix);
    if (!candidate || candidate === fromListing) return fromListing;
    if (published.has(candidate) || (await store.getByTag(candidate))) return candidate;
    candidates = candidates.filter((t) => t !== candidate);
  }
  return fromListing;
}
