import { describe, expect, it } from "vitest";
import {
  checkBadVersion,
  checkLiveVersion,
  checkPromotionOrder,
  checkReleaseTag,
  evaluateDeploy,
  type FreezeWindow,
  parseFreezeTime,
} from "../src/index.js";

const D1 = `sha256:${"1".repeat(64)}`;
const D2 = `sha256:${"2".repeat(64)}`;

describe("promotion order", () => {
  const target = { environment: "prod", version: "1.5.0", digest: D1 };
  it("allows when every after environment holds the same version and digest", () => {
    const facts = {
      dev: [{ version: "1.5.0", digest: D1 }],
      qa: [{ version: "1.5.0", digest: D1 }],
    };
    expect(checkPromotionOrder(target, ["dev", "qa"], facts)).toEqual({ allowed: true });
  });
  it("names the missing environment and what to do", () => {
    const decision = checkPromotionOrder(target, ["dev", "qa"], {
      dev: [{ version: "1.5.0", digest: D1 }],
      qa: [{ version: "1.4.2", digest: D2 }],
    });
    expect(decision).toEqual({
      allowed: false,
      code: "promotion_order",
      message: `prod needs 1.5.0 (${D1}) to have succeeded in qa first; deploy it to qa, then retry`,
    });
  });
  it("refuses the same version with another digest (a rebuild is another artifact)", () => {
    const decision = checkPromotionOrder(target, ["qa"], {
      qa: [{ version: "1.5.0", digest: D2 }],
    });
    expect(decision.allowed).toBe(false);
    if (!decision.allowed) expect(decision.message).toContain(`another digest (${D2})`);
  });
  it("allows with no after environments", () => {
    expect(checkPromotionOrder(target, [], {}).allowed).toBe(true);
  });
});

describe("release tag", () => {
  it("passes a version built from its tag, also a tagged prerelease", () => {
    const ok = checkReleaseTag(
      { environment: "prod", version: "1.5.0", sourceRef: "refs/tags/v1.5.0" },
      { requireTag: true },
    );
    expect(ok.allowed).toBe(true);
    const rc = checkReleaseTag(
      { environment: "prod", version: "1.5.0-rc.1", sourceRef: "refs/tags/release-1.5.0-rc.1" },
      { requireTag: true, tagPrefix: "release-" },
    );
    expect(rc.allowed).toBe(true);
  });
  it("refuses a branch prerelease in production", () => {
    const decision = checkReleaseTag(
      { environment: "prod", version: "1.5.1-main.12.sha-1a2b3c4", sourceRef: "refs/heads/main" },
      { requireTag: true },
    );
    expect(decision).toMatchObject({ allowed: false, code: "release_tag" });
    if (!decision.allowed) expect(decision.message).toContain("built from refs/heads/main");
  });
  it("refuses a tag of another version and allows anything when not required", () => {
    const other = { environment: "prod", version: "1.5.0", sourceRef: "refs/tags/v1.4.0" };
    expect(checkReleaseTag(other, { requireTag: true }).allowed).toBe(false);
    expect(checkReleaseTag(other, { requireTag: false }).allowed).toBe(true);
  });
});

describe("no outdated deployments", () => {
  const live = { version: "1.5.0", digest: D1 };
  it("refuses an older version with a message", () => {
    const d = checkLiveVersion({ environment: "qa", version: "1.4.2", digest: D2 }, live);
    expect(d).toMatchObject({ allowed: false, code: "outdated" });
    if (!d.allowed) expect(d.message).toContain("qa runs 1.5.0, newer than 1.4.2");
  });
  it("compares SemVer precedence, not text", () => {
    const d = checkLiveVersion(
      { environment: "qa", version: "1.10.0", digest: D2 },
      { version: "1.9.0", digest: D1 },
    );
    expect(d.allowed).toBe(true);
    const pre = checkLiveVersion({ environment: "qa", version: "1.5.0-rc.1", digest: D2 }, live);
    expect(pre.allowed).toBe(false);
  });
  it("allows a downgrade for a rollback or allow-downgrade", () => {
    const older = { environment: "qa", version: "1.4.2", digest: D2 };
    expect(checkLiveVersion(older, live, { rollback: true }).allowed).toBe(true);
    expect(checkLiveVersion(older, live, { allowDowngrade: true }).allowed).toBe(true);
  });
  it("reports already_deployed for the same version and digest unless force", () => {
    const same = { environment: "qa", version: "1.5.0", digest: D1 };
    expect(checkLiveVersion(same, live)).toMatchObject({
      allowed: false,
      code: "already_deployed",
    });
    expect(checkLiveVersion(same, live, { force: true })).toMatchObject({
      allowed: true,
      override: { rule: "already-deployed" },
    });
    expect(checkLiveVersion({ ...same, digest: D2 }, live).allowed).toBe(true);
  });
  it("allows anything when nothing runs", () => {
    expect(
      checkLiveVersion({ environment: "qa", version: "0.0.1", digest: D1 }, undefined).allowed,
    ).toBe(true);
  });
});

describe("bad-version hold", () => {
  const bad = [{ version: "1.5.0", reason: "health check failed" }];
  const target = { environment: "prod", version: "1.5.0" };
  it("refuses a version rolled back from here", () => {
    const d = checkBadVersion(target, bad);
    expect(d).toMatchObject({ allowed: false, code: "bad_version" });
    if (!d.allowed) expect(d.message).toContain("rolled back from in prod (health check failed)");
  });
  it("needs force and a reason, and says what was overridden", () => {
    expect(checkBadVersion(target, bad, { force: true })).toMatchObject({ code: "force_reason" });
    expect(checkBadVersion(target, bad, { force: true, reason: "  " })).toMatchObject({
      code: "force_reason",
    });
    expect(checkBadVersion(target, bad, { force: true, reason: "hotfix verified" })).toMatchObject({
      allowed: true,
      override: { rule: "bad-version" },
    });
  });
  it("ignores other versions", () => {
    expect(checkBadVersion({ environment: "prod", version: "1.5.1" }, bad).allowed).toBe(true);
  });
});

describe("evaluateDeploy", () => {
  const weekend: FreezeWindow = {
    from: parseFreezeTime("Fri 16:00")!,
    to: parseFreezeTime("Mon 08:00")!,
    timezone: "UTC",
  };
  const base = {
    environment: "prod",
    version: "1.5.0",
    digest: D1,
    sourceRef: "refs/tags/v1.5.0",
    after: ["qa"],
    requireTag: true,
    freeze: [weekend],
    at: new Date("2026-03-04T12:00:00Z"), // a Wednesday
  };
  const facts = {
    successes: { qa: [{ version: "1.5.0", digest: D1 }] },
    live: { version: "1.4.2", digest: D2 },
    bad: [],
  };
  it("allows a clean promotion with no overrides", () => {
    expect(evaluateDeploy(base, facts)).toEqual({ allowed: true, overrides: [] });
  });
  it("reports the first refusal", () => {
    const saturday = new Date("2026-03-07T12:00:00Z");
    expect(evaluateDeploy({ ...base, at: saturday }, facts)).toMatchObject({ code: "frozen" });
    expect(evaluateDeploy(base, { ...facts, successes: {} })).toMatchObject({
      code: "promotion_order",
    });
  });
  it("collects what force overrode, to record on the deployment", () => {
    const saturday = new Date("2026-03-07T12:00:00Z");
    const verdict = evaluateDeploy(
      { ...base, at: saturday, force: true, reason: "incident 42" },
      { ...facts, bad: [{ version: "1.5.0", reason: "slow" }] },
    );
    expect(verdict).toMatchObject({ allowed: true });
    if (verdict.allowed)
      expect(verdict.overrides.map((o) => o.rule)).toEqual(["freeze", "bad-version"]);
  });
  it("skips promotion order for a rollback but keeps the bad hold", () => {
    const rollback = { ...base, version: "1.4.0", rollback: true };
    const live = { version: "1.5.0", digest: D1 };
    expect(
      evaluateDeploy(
        { ...rollback, sourceRef: "refs/tags/v1.4.0" },
        { ...facts, successes: {}, live },
      ),
    ).toEqual({
      allowed: true,
      overrides: [],
    });
  });
});
