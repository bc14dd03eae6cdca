import semver from "semver";
import { VersionError } from "./errors.js";

/**
 * Versions are strict SemVer 2.0.0. `semver.valid` alone is too lenient for a contract
 * (it accepts `v1.2.3` and surrounding spaces), so validation uses the grammar published at
 * semver.org and `semver` does the comparisons.
 */
const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;
const MAX_LENGTH = 256;
const SHA = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/i;
const TAG_PREFIX = /^[A-Za-z0-9._/-]{0,50}$/;

export function isValidVersion(version: string): boolean {
  return version.length <= MAX_LENGTH && SEMVER.test(version);
}

function checkVersion(version: string, what: string): string {
  if (!isValidVersion(version)) {
    throw new VersionError(
      `${what} "${version}" is not a SemVer version; use MAJOR.MINOR.PATCH with an optional ` +
        "-prerelease, e.g. 1.4.2 or 1.5.0-rc.1",
    );
  }
  return version;
}

/** SemVer precedence: negative, zero or positive. Build metadata is ignored, as SemVer says. */
export function compareVersions(a: string, b: string): number {
  return semver.compare(checkVersion(a, "version"), checkVersion(b, "version"));
}

export function isPrerelease(version: string): boolean {
  return semver.prerelease(checkVersion(version, "version")) !== null;
}

/**
 * The newest `<prefix><semver>` tag among `tags`: only versions below `below` when given, and
 * no prereleases when `stable`. Other tags are ignored.
 */
export function newestTaggedVersion(
  tags: Iterable<string>,
  prefix: string,
  only: { below?: string; stable?: boolean } = {},
): { tag: string; version: string } | undefined {
  let newest: { tag: string; version: string } | undefined;
  for (const tag of tags) {
    if (!tag.startsWith(prefix)) continue;
    const version = tag.slice(prefix.length);
    if (!isValidVersion(version)) continue;
    if (only.stable && isPrerelease(version)) continue;
    if (only.below !== undefined && compareVersions(version, only.below) >= 0) continue;
    if (!newest || compareVersions(version, newest.version) > 0) newest = { tag, version };
  }
  return newest;
}

/**
 * The newest release version (no prerelease part) among tag names `<prefix><version>`; other
 * tags are ignored. A branch build's prerelease follows it (`resolveVersion`'s `baseVersion`),
 * so it sorts above every release already deployed.
 */
export function newestReleaseVersion(tags: readonly string[], prefix = "v"): string | undefined {
  return newestTaggedVersion(tags, prefix, { stable: true })?.version;
}

/** A version as people type it: a leading `v` before the number is dropped (`v1.4.2` → `1.4.2`). */
export function versionFromInput(text: string): string {
  return text.trim().replace(/^v(?=\d)/, "");
}

/** The release tag of a version: `tagForVersion("1.4.2", "v")` is `v1.4.2`. */
export function tagForVersion(version: string, prefix = "v"): string {
  checkPrefix(prefix);
  return `${prefix}${checkVersion(version, "version")}`;
}

/** The version of a release tag (`v1.4.2` → `1.4.2`), or a `VersionError` saying what to do. */
export function versionFromTag(tag: string, prefix = "v"): string {
  checkPrefix(prefix);
  const name = tag.startsWith("refs/tags/") ? tag.slice("refs/tags/".length) : tag;
  if (!name.startsWith(prefix)) {
    throw new VersionError(
      `tag "${name}" does not start with the tag prefix "${prefix}"; tag releases as ` +
        `${prefix}1.2.3 or set tag-prefix in .github/fastdeploy.yml`,
    );
  }
  const version = name.slice(prefix.length);
  if (!isValidVersion(version)) {
    throw new VersionError(
      `tag "${name}" is not "${prefix}" followed by a SemVer version; tag releases as ` +
        `${prefix}MAJOR.MINOR.PATCH (e.g. ${prefix}1.2.0) or pass an explicit version`,
    );
  }
  return version;
}

export interface ResolveVersionOptions {
  /** `GITHUB_REF`, e.g. `refs/tags/v1.4.2`, `refs/heads/main`, `refs/pull/7/merge`. */
  ref: string;
  /** `GITHUB_SHA`, the full commit SHA. */
  sha: string;
  tagPrefix?: string;
  /** `GITHUB_RUN_NUMBER`: later runs of the same branch sort higher. */
  runNumber?: number;
  /** The `version` input; wins over the ref when given. */
  explicit?: string;
  /** The latest release; branch builds then sort after it (and before its next patch). */
  baseVersion?: string;
}

/**
 * The version of a build. A tag gives its version; any other ref gives a prerelease whose
 * prerelease part (not build metadata, which SemVer ignores for precedence) holds the branch,
 * the run number and the short SHA, e.g. `1.4.3-main.12.sha-1a2b3c4` after release 1.4.2.
 */
export function resolveVersion(options: ResolveVersionOptions): string {
  const prefix = options.tagPrefix ?? "v";
  const { ref, explicit } = options;
  const isTag = ref.startsWith("refs/tags/");
  if (explicit !== undefined && explicit !== "") {
    const version = checkVersion(explicit, "version input");
    if (isTag) {
      const tagged = versionFromTagOrUndefined(ref, prefix);
      if (tagged !== undefined && tagged !== version) {
        throw new VersionError(
          `version input "${version}" conflicts with tag "${ref.slice(10)}" (version ${tagged}); ` +
            "remove the version input or build from a matching tag",
        );
      }
    }
    return version;
  }
  if (isTag) return versionFromTag(ref, prefix);

  if (!SHA.test(options.sha)) {
    throw new VersionError(`commit "${options.sha}" is not a full commit SHA (40 or 64 hex)`);
  }
  const identifiers = [refSlug(ref)];
  if (options.runNumber !== undefined) {
    if (!Number.isSafeInteger(options.runNumber) || options.runNumber < 0) {
      throw new VersionError(`run number ${options.runNumber} must be a whole number >= 0`);
    }
    identifiers.push(String(options.runNumber));
  }
  // `sha-` keeps the identifier alphanumeric: a bare all-digit SHA with a leading 0 is invalid.
  identifiers.push(`sha-${options.sha.slice(0, 7).toLowerCase()}`);

  const base = options.baseVersion ? checkVersion(options.baseVersion, "base version") : "0.0.0";
  const parsed = semver.parse(base)!;
  const core = `${parsed.major}.${parsed.minor}.${parsed.patch}`;
  const version =
    parsed.prerelease.length > 0
      ? // after 1.5.0-rc.1 comes 1.5.0-rc.1.main...: more identifiers with the same prefix sort higher
        `${core}-${parsed.prerelease.join(".")}.${identifiers.join(".")}`
      : options.baseVersion
        ? `${semver.inc(core, "patch")}-${identifiers.join(".")}`
        : `${core}-${identifiers.join(".")}`;
  return checkVersion(version, "computed version");
}

function versionFromTagOrUndefined(ref: string, prefix: string): string | undefined {
  try {
    return versionFromTag(ref, prefix);
  } catch {
    return undefined;
  }
}

/** A SemVer identifier from a ref: `refs/heads/feature/X_1` → `feature-x-1`, PRs → `pr-7`. */
function refSlug(ref: string): string {
  const pull = /^refs\/pull\/(\d+)\//.exec(ref);
  if (pull) return `pr-${pull[1]}`;
  const name = ref.replace(/^refs\/(heads|remotes|tags)\//, "").replace(/^refs\//, "");
  const slug = name
    .toLowerCase()
    .replace(/[^0-9a-z]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40)
    .replace(/-+$/, "");
  if (slug === "") return "detached";
  // An all-digit identifier would be numeric (and invalid with a leading zero).
  return /^\d+$/.test(slug) ? `branch-${slug}` : slug;
}

function checkPrefix(prefix: string): void {
  if (!TAG_PREFIX.test(prefix)) {
    throw new VersionError(
      `tag prefix "${prefix}" must be at most 50 letters, digits, '.', '_', '/' or '-'`,
    );
  }
}
