// The harness starts a node24 action on Node 24, as the runner does, whatever node runs the
// tests: the `node` devDependency provides it (node_modules/node/bin/node).
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { REPO_ROOT, runAction } from "../src/runner/index.js";

describe("the node that starts an action", () => {
  const dir = mkdtempSync(join(tmpdir(), "node-runtime-action-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(
    join(dir, "action.yml"),
    "name: which node\ndescription: reports its runtime\nruns:\n  using: node24\n  main: index.js\n",
  );
  writeFileSync(
    join(dir, "index.js"),
    'require("node:fs").appendFileSync(process.env.GITHUB_OUTPUT, "node=" + process.version + "\\n");\n',
  );

  it("is Node 24 from the node package, not the node running the tests", async () => {
    expect(existsSync(join(REPO_ROOT, "node_modules/node/bin/node")), "run npm ci").toBe(true);
    const result = await runAction({ action: dir });
    expect(result.stderr).toBe("");
    expect(result.outputs.node).toMatch(/^v24\./);
  });
});
