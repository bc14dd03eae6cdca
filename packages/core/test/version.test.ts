import semver from "semver";
import { describe, expect, it } from "vitest";
import {
  compareVersions,
  isPrerelease,
  newestReleaseVersion,
  resolveVersion,
  tagForVersion,
  VersionError,
  versionFromTag,
} from "../src/index.js";

const sha = "1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b";

describe("resolveVersion from a tag", () => {
  it("strips the prefix", () => {
    expect(resolveVersion({ ref: "refs/tags/v1.4.2", sha })).toBe("1.4.2");
    expect(resolveVersion({ ref: "refs/tags/v2.0.0-rc.1", sha })).toBe("2.0.0-rc.1");
    expect(resolveVersion({ ref: "refs/tags/release-3.1.0", sha, tagPrefix: "release-" })).toBe(
      "3.1.0",
    );
    expect(resolveVersion({ ref: "refs/tags/3.1.0", sha, tagPrefix: "" })).toBe("3.1.0");
  });

  it.each(["v1.2", "vfoo", "v01.2.3", "v1.2.3.4", "1.2.3", "v 1.2.3"])(
    "refuses the tag %s and says what to do",
    (tag) => {
      const run = () => resolveVersion({ ref: `refs/tags/${tag}`, sha });
      expect(run).toThrow(VersionError);
      expect(run).toThrow(/tag releases as v/);
    },
  );
});

describe("resolveVersion from a branch", () => {
  it("gives a prerelease with the short SHA in the prerelease part", () => {
    const version = resolveVersion({ ref: "refs/heads/feature/X_1", sha, runNumber: 12 });
    expect(version).toBe("0.0.0-feature-x-1.12.sha-1a2b3c4");
    expect(semver.prerelease(version)).toContain("sha-1a2b3c4");
    expect(isPrerelease(version)).toBe(true);
  });

  it("sorts after the last release and before its next patch", () => {
    const version = resolveVersion({
      ref: "refs/heads/main",
      sha,
      runNumber: 12,
      baseVersion: "1.4.2",
    });
    expect(version).toBe("1.4.3-main.12.sha-1a2b3c4");
    expect(compareVersions(version, "1.4.2")).toBeGreaterThan(0);
    expect(compareVersions(version, "1.4.3")).toBeLessThan(0);
  });

  it("sorts after a prerelease base", () => {
    const version = resolveVersion({ ref: "refs/heads/main", sha, baseVersion: "1.5.0-rc.1" });
    expect(version).toBe("1.5.0-rc.1.main.sha-1a2b3c4");
    expect(compareVersions(version, "1.5.0-rc.1")).toBeGreaterThan(0);
  });

  it("orders later runs of a branch higher", () => {
    const a = resolveVersion({ ref: "refs/heads/main", sha, runNumber: 9 });
    const b = resolveVersion({ ref: "refs/heads/main", sha: `0${sha.slice(1)}`, runNumber: 10 });
    expect(compareVersions(a, b)).toBeLessThan(0);
  });

  it("keeps identifiers valid for odd refs", () => {
    const zeroSha = `0123456${sha.slice(7)}`;
    expect(resolveVersion({ ref: "refs/pull/7/merge", sha: zeroSha })).toBe(
      "0.0.0-pr-7.sha-0123456",
    );
    expect(resolveVersion({ ref: "refs/heads/0123", sha })).toBe("0.0.0-branch-0123.sha-1a2b3c4");
    expect(resolveVersion({ ref: "", sha })).toBe("0.0.0-detached.sha-1a2b3c4");
    expect(resolveVersion({ ref: "refs/heads/___", sha })).toBe("0.0.0-detached.sha-1a2b3c4");
    const long = resolveVersion({ ref: `refs/heads/${"x".repeat(300)}`, sha });
    expect(semver.valid(long)).toBe(long);
  });

  it("refuses a short or bad SHA", () => {
    expect(() => resolveVersion({ ref: "refs/heads/main", sha: "abc" })).toThrow(VersionError);
    expect(() => resolveVersion({ ref: "refs/heads/main", sha, runNumber: -1 })).toThrow(
      VersionError,
    );
  });
});

describe("newestReleaseVersion", () => {
  it("is the highest release among the prefixed tags, prereleases and other tags ignored", () => {
    const tags = ["v1.10.0", "v1.9.3", "v2.0.0-rc.1", "v1.10.1-main.3.sha-1a2b3c4", "latest", "v1"];
    expect(newestReleaseVersion(tags)).toBe("1.10.0");
    expect(newestReleaseVersion(["release-1.2.0", "v9.0.0"], "release-")).toBe("1.2.0");
    expect(newestReleaseVersion(["v0.0.0-main.1.sha-1a2b3c4"])).toBeUndefined();
    expect(newestReleaseVersion([])).toBeUndefined();
  });

  it("makes a branch build after it sort above it", () => {
    const base = newestReleaseVersion(["v1.0.0", "v1.1.0"]);
    expect(base).toBe("1.1.0");
    const version = resolveVersion({
      ref: "refs/heads/main",
      sha,
      runNumber: 4,
      baseVersion: base,
    });
    expect(version).toBe(`1.1.1-main.4.sha-${sha.slice(0, 7)}`);
    expect(semver.gt(version, "1.1.0")).toBe(true);
  });
});

describe("resolveVersion with an explicit version", () => {
  it("validates strict SemVer", () => {
    expect(resolveVersion({ ref: "refs/heads/main", sha, explicit: "2.0.0+build.5" })).toBe(
      "2.0.0+build.5",
    );
    for (const bad of ["v1.2.3", "1.2", " 1.2.3", "1.2.3-01", "latest"]) {
      expect(() => resolveVersion({ ref: "refs/heads/main", sha, explicit: bad })).toThrow(
        /is not a SemVer version/,
      );
    }
  });

  it("refuses an explicit version that contradicts the tag", () => {
    expect(() => resolveVersion({ ref: "refs/tags/v1.0.0", sha, explicit: "1.0.1" })).toThrow(
      /conflicts with tag "v1.0.0"/,
    );
    expect(resolveVersion({ ref: "refs/tags/v1.0.0", sha, explicit: "1.0.0" })).toBe("1.0.0");
  });
});

describe("helpers", () => {
  it("maps versions and tags both ways", () => {
    expect(tagForVersion("1.2.3")).toBe("v1.2.3");
    expect(tagForVersion("1.2.3", "app/")).toBe("app/1.2.3");
    expect(versionFromTag("v1.2.3")).toBe("1.2.3");
    expect(() => versionFromTag("x1.2.3")).toThrow(/does not start with the tag prefix "v"/);
    expect(() => tagForVersion("1.2")).toThrow(VersionError);
    expect(() => tagForVersion("1.2.3", "bad prefix")).toThrow(/tag prefix/);
  });

  it("compares by SemVer precedence", () => {
    expect(compareVersions("1.10.0", "1.9.0")).toBeGreaterThan(0);
    expect(compareVersions("1.0.0-rc.1", "1.0.0")).toBeLessThan(0);
    expect(compareVersions("1.0.0+a", "1.0.0+b")).toBe(0);
    expect(isPrerelease("1.0.0")).toBe(false);
  });
});
