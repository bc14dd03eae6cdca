import { describe, expect, it } from "vitest";
import { checkRequiredChecks, checkReview } from "../src/index.js";

describe("checkReview", () => {
  const run = { environment: "prod", actor: "carol" };
  it("passes an approval by someone other than the actor", () => {
    expect(
      checkReview(run, [{ login: "alice", state: "approved", comment: "" }], {
        requireReview: true,
      }),
    ).toEqual({
      allowed: true,
    });
  });
  it("refuses a self-approval alone, or no approval at all", () => {
    const self = checkReview(run, [{ login: "carol", state: "approved", comment: "" }], {
      requireReview: true,
    });
    expect(self).toMatchObject({
      allowed: false,
      code: "review",
      message: expect.stringContaining("other than carol"),
    });
    expect(checkReview(run, [], { requireReview: true })).toMatchObject({
      message: expect.stringContaining("nobody approved"),
    });
    expect(checkReview(run, [], { requireReview: false })).toEqual({ allowed: true });
  });
  it("refuses a rejection that no approval followed, even without require-review", () => {
    const reviews = [{ login: "bob", state: "rejected" as const, comment: "not on a Friday" }];
    expect(checkReview(run, reviews, { requireReview: false })).toMatchObject({
      message: 'bob rejected this run for prod: "not on a Friday"',
    });
  });
  it("passes a re-run approved after an earlier attempt was rejected, in either order", () => {
    const rejected = { login: "bob", state: "rejected" as const, comment: "not on a Friday" };
    const approved = { login: "dave", state: "approved" as const, comment: "Monday now" };
    for (const reviews of [
      [rejected, approved],
      [approved, rejected],
    ]) {
      expect(checkReview(run, reviews, { requireReview: true })).toEqual({ allowed: true });
    }
  });
});

describe("checkRequiredChecks", () => {
  const sha = "a".repeat(40);
  it("needs every named check passed, by check run or status", () => {
    expect(checkRequiredChecks(sha, [], [])).toEqual({ allowed: true });
    const checks = [
      { name: "ci", result: "passed" as const },
      { name: "ci", result: "failed" as const },
    ];
    expect(checkRequiredChecks(sha, ["ci"], checks)).toMatchObject({
      message: expect.stringContaining("ci failed"),
    });
  });
});
