import { describe, expect, it } from "vitest";
import {
  canTransition,
  classifyDeployment,
  FASTDEPLOY_TASK,
  hasSucceeded,
  isFinalState,
} from "../src/index.js";

const payload = {
  fastdeploy: {
    version: "1.5.0",
    digest: `sha256:${"a".repeat(64)}`,
    release_id: 12,
    targets: ["eu-1", "us-1"],
    approval: { approvers: [{ login: "alice", comment: "ok" }] },
    rollback: { from: "1.6.0", reason: "latency" },
    force: { reason: "incident", overrides: ["freeze"] },
    bad: [{ version: "1.6.0", reason: "latency" }, { nope: true }],
    good: [{ version: "1.4.0", digest: `sha256:${"b".repeat(64)}`, deployment_id: 3 }],
    committed_at: "2026-01-01T00:00:00Z",
  },
};

describe("classifyDeployment", () => {
  it("recognises FastDeploy's own deployments, object or JSON string payload", () => {
    const kind = classifyDeployment({ task: FASTDEPLOY_TASK, payload });
    expect(kind).toMatchObject({
      kind: "fastdeploy",
      payload: {
        version: "1.5.0",
        release_id: 12,
        rollback: { from: "1.6.0" },
        force: { overrides: ["freeze"] },
      },
    });
    if (kind.kind === "fastdeploy")
      expect(kind.payload.bad).toEqual([{ version: "1.6.0", reason: "latency" }]);
    expect(
      classifyDeployment({ task: FASTDEPLOY_TASK, payload: JSON.stringify(payload) }).kind,
    ).toBe("fastdeploy");
  });

  it("never takes GitHub's job deployments (task deploy, empty payload) for its own", () => {
    expect(classifyDeployment({ task: "deploy", payload: {} })).toMatchObject({ kind: "foreign" });
    // even a job deployment that somehow carries a FastDeploy-looking payload
    expect(classifyDeployment({ task: "deploy", payload }).kind).toBe("foreign");
    // and the right task with a missing or malformed payload
    expect(classifyDeployment({ task: FASTDEPLOY_TASK, payload: {} }).kind).toBe("foreign");
    expect(classifyDeployment({ task: FASTDEPLOY_TASK, payload: "{oops" }).kind).toBe("foreign");
    const badDigest = { fastdeploy: { ...payload.fastdeploy, digest: "md5:1" } };
    expect(classifyDeployment({ task: FASTDEPLOY_TASK, payload: badDigest })).toMatchObject({
      reason: expect.stringContaining("digest"),
    });
  });

  it("keeps an absent index apart from an empty one", () => {
    const bare = {
      fastdeploy: {
        version: "1.0.0",
        digest: `sha256:${"c".repeat(64)}`,
        release_id: 1,
        targets: [],
      },
    };
    const kind = classifyDeployment({ task: FASTDEPLOY_TASK, payload: bare });
    expect(kind).toMatchObject({ kind: "fastdeploy", payload: { approval: null } });
    if (kind.kind === "fastdeploy") {
      expect(kind.payload.bad).toBeUndefined();
      expect(kind.payload.good).toBeUndefined();
    }
  });
});

describe("deployment lifecycle", () => {
  it("walks queued → in_progress → success → inactive", () => {
    expect(canTransition(undefined, "queued")).toBe(true);
    expect(canTransition("queued", "in_progress")).toBe(true);
    expect(canTransition("in_progress", "success")).toBe(true);
    expect(canTransition("success", "inactive")).toBe(true);
    // A rollout adds one in_progress status per wave that baked healthy.
    expect(canTransition("in_progress", "in_progress")).toBe(true);
  });
  it("never turns a failure into a success", () => {
    expect(canTransition("failure", "success")).toBe(false);
    expect(canTransition("error", "in_progress")).toBe(false);
    expect(canTransition("queued", "success")).toBe(false);
    expect(canTransition(undefined, "success")).toBe(false);
    expect(canTransition("queued", "error")).toBe(true);
    expect(isFinalState("failure")).toBe(true);
    expect(isFinalState("in_progress")).toBe(false);
  });
  it("counts superseded successes, not undeploys, as having succeeded", () => {
    const p = { version: "1", digest: "d", release_id: 1, targets: [], approval: null };
    expect(hasSucceeded({ state: "inactive", payload: p })).toBe(true);
    expect(hasSucceeded({ state: "failure", payload: p })).toBe(false);
    expect(hasSucceeded({ state: "success", payload: { ...p, undeploy: true } })).toBe(false);
  });
});
