import { describe, expect, it } from "vitest";
import { chooseRollbackTarget, type DeploymentState, type LedgerEntry } from "../src/index.js";

const digest = (n: number) => `sha256:${String(n).padStart(64, "0")}`;
let nextId = 1000;

function entry(
  version: string,
  state: DeploymentState,
  extra: Partial<LedgerEntry["payload"]> = {},
): LedgerEntry {
  const id = nextId--;
  return {
    deploymentId: id,
    environment: "prod",
    version,
    digest: digest(Number(version.replace(/\D/g, ""))),
    state,
    createdAt: new Date(Date.UTC(2026, 0, 1) + id * 60_000).toISOString(),
    payload: {
      version,
      digest: digest(Number(version.replace(/\D/g, ""))),
      release_id: 1,
      targets: ["prod"],
      approval: null,
      ...extra,
    },
  };
}

describe("chooseRollbackTarget", () => {
  it("picks the newest other version that succeeded before the live one", () => {
    // newest first: a failed 1.6.0 attempt, live 1.5.0 (redeployed), then 1.4.2 (inactive) and 1.4.1
    const history = [
      entry("1.6.0", "failure"),
      entry("1.5.0", "success"),
      entry("1.5.0", "inactive"),
      entry("1.4.2", "inactive"),
      entry("1.4.1", "inactive"),
    ];
    const choice = chooseRollbackTarget(history, { to: "previous" });
    expect(choice).toMatchObject({
      allowed: true,
      from: { version: "1.5.0", deploymentId: history[1]!.deploymentId },
      to: { version: "1.4.2", digest: history[3]!.digest, deploymentId: history[3]!.deploymentId },
    });
  });

  it("skips versions marked bad: rollbacks' from, carried lists and extra marks", () => {
    const history = [
      entry("1.4.0", "success", { rollback: { from: "1.4.2", reason: "errors" } }),
      entry("1.4.2", "inactive"),
      entry("1.4.1", "inactive"),
      entry("1.4.0", "inactive"),
      entry("1.3.9", "inactive"),
    ];
    expect(chooseRollbackTarget(history, { to: "previous" })).toMatchObject({
      to: { version: "1.4.1" },
    });
    const more = chooseRollbackTarget(history, {
      to: "previous",
      bad: [{ version: "1.4.1", reason: "x" }],
    });
    expect(more).toMatchObject({ to: { version: "1.3.9" } });
  });

  it("never counts failed or never-finished deployments as known good", () => {
    const history = [
      entry("1.5.0", "success"),
      entry("1.4.9", "failure"),
      entry("1.4.8", "error"),
      entry("1.4.7", "in_progress"),
      entry("1.4.6", "inactive"),
    ];
    expect(chooseRollbackTarget(history, { to: "previous" })).toMatchObject({
      to: { version: "1.4.6" },
    });
  });

  it("answers from the live deployment's carried good list without older entries", () => {
    const live = entry("1.5.0", "success", {
      good: [
        { version: "1.5.0", digest: digest(150), deployment_id: 7 },
        { version: "1.4.2", digest: digest(142), deployment_id: 6 },
        { version: "1.4.1", digest: digest(141), deployment_id: 5 },
      ],
      bad: [{ version: "1.4.2", reason: "old incident" }],
    });
    expect(chooseRollbackTarget([live], { to: "previous" })).toMatchObject({
      to: { version: "1.4.1", digest: digest(141), deploymentId: 5 },
    });
  });

  it("says when there is nothing to roll back to or from", () => {
    expect(chooseRollbackTarget([entry("1.0.0", "success")], { to: "previous" })).toMatchObject({
      allowed: false,
      code: "rollback_target",
    });
    expect(chooseRollbackTarget([entry("1.0.0", "failure")], { to: "previous" })).toMatchObject({
      allowed: false,
      message: expect.stringContaining("nothing runs in prod"),
    });
    expect(chooseRollbackTarget([], { to: "previous" })).toMatchObject({ allowed: false });
    const undeployed = [entry("1.0.0", "success", { undeploy: true }), entry("1.0.0", "inactive")];
    expect(chooseRollbackTarget(undeployed, { to: "previous" })).toMatchObject({ allowed: false });
  });

  it("reads an inactive newest success as live (GitHub's job deployments inactivate ours)", () => {
    const history = [
      entry("1.6.0", "failure"),
      entry("1.5.0", "inactive"),
      entry("1.4.0", "inactive"),
    ];
    expect(chooseRollbackTarget(history, { to: "previous" })).toMatchObject({
      from: { version: "1.5.0" },
      to: { version: "1.4.0" },
    });
  });

  it("takes an explicit version, with its digest when it ran here", () => {
    const history = [entry("1.5.0", "success"), entry("1.4.0", "inactive")];
    expect(chooseRollbackTarget(history, { to: "1.4.0" })).toMatchObject({
      allowed: true,
      to: { version: "1.4.0", digest: history[1]!.digest },
    });
    expect(chooseRollbackTarget(history, { to: "1.3.0" })).toEqual({
      allowed: true,
      from: {
        version: "1.5.0",
        digest: history[0]!.digest,
        deploymentId: history[0]!.deploymentId,
      },
      to: { version: "1.3.0" },
    });
    expect(chooseRollbackTarget(history, { to: "1.5.0" })).toMatchObject({ allowed: false });
    expect(chooseRollbackTarget(history, { to: "v1.4" })).toMatchObject({ allowed: false });
  });

  it("holds an explicit bad version unless forced with a reason", () => {
    const history = [
      entry("1.4.0", "success", { bad: [{ version: "1.5.0", reason: "crash" }] }),
      entry("1.5.0", "inactive"),
    ];
    expect(chooseRollbackTarget(history, { to: "1.5.0" })).toMatchObject({ code: "bad_version" });
    expect(
      chooseRollbackTarget(history, { to: "1.5.0", force: true, reason: "fixed config" }),
    ).toMatchObject({
      allowed: true,
      override: { rule: "bad-version" },
    });
  });
});
