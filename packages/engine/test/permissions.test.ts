// The permission arithmetic behind each job's token, on tokens from GitHub's own parser.
import { NoOperationTraceWriter, parseWorkflow } from "@actions/workflow-parser";
import type { MappingToken } from "@actions/workflow-parser/templates/tokens/mapping-token";
import { describe, expect, it } from "vitest";
import {
  capPermissions,
  ceilingViolation,
  effectivePermissions,
  parsePermissions,
  restrictedDefault,
} from "../src/permissions.js";

function permissionsToken(yaml: string) {
  const parsed = parseWorkflow(
    {
      name: "w.yml",
      content: `on: push\npermissions: ${yaml}\njobs:\n  a:\n    runs-on: x\n    steps: [{ run: echo }]\n`,
    },
    new NoOperationTraceWriter(),
  );
  return (parsed.value as MappingToken).find("permissions");
}

describe("permissions", () => {
  it("sets every scope not named to none, and knows read-all, write-all and {}", () => {
    const named = parsePermissions(permissionsToken("{ contents: write, id-token: write }"));
    expect(named).toMatchObject({
      contents: "write",
      "id-token": "write",
      deployments: "none",
      packages: "none",
    });
    expect(parsePermissions(permissionsToken("read-all"))).toMatchObject({
      contents: "read",
      deployments: "read",
      "id-token": "none",
    });
    expect(parsePermissions(permissionsToken("write-all"))).toMatchObject({
      contents: "write",
      "id-token": "write",
      models: "read",
    });
    expect(new Set(Object.values(parsePermissions(permissionsToken("{}")) ?? {}))).toEqual(
      new Set(["none"]),
    );
    expect(parsePermissions(undefined)).toBeUndefined();
  });

  it("takes the job's, else the workflow's, else the inherited default (GitHub's restricted one)", () => {
    const job = parsePermissions(permissionsToken("{ deployments: write }"));
    const workflow = parsePermissions(permissionsToken("read-all"));
    expect(effectivePermissions(job, workflow, restrictedDefault())).toBe(job);
    expect(effectivePermissions(undefined, workflow, restrictedDefault())).toBe(workflow);
    expect(effectivePermissions(undefined, undefined, restrictedDefault())).toMatchObject({
      contents: "read",
      packages: "read",
      actions: "none",
    });
  });

  it("words a request above the caller's grant as GitHub does, and caps a grant to a ceiling", () => {
    const ceiling = { ...restrictedDefault(), deployments: "write" as const };
    const asks = { ...restrictedDefault(), contents: "write" as const };
    expect(ceilingViolation("promote", asks, ceiling)).toBe(
      "The nested job 'promote' is requesting 'contents: write', but is only allowed 'contents: read'.",
    );
    expect(ceilingViolation("promote", restrictedDefault(), ceiling)).toBeUndefined();
    expect(capPermissions(asks, ceiling)).toMatchObject({ contents: "read", deployments: "none" });
  });
});
