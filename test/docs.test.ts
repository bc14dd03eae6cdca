// Action docs are generated from action.yml (scripts/docs.mjs); they must not drift, and
// regenerating them must keep what people wrote around the generated blocks.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { REPO_ROOT } from "../packages/sandbox/src/runner/index.js";

function docs(...args: string[]) {
  return spawnSync(process.execPath, [join(REPO_ROOT, "scripts/docs.mjs"), ...args], {
    cwd: REPO_ROOT,
    encoding: "utf8",
  });
}

describe("generated action docs", () => {
  it("match every action.yml (otherwise: run npm run docs)", () => {
    const result = docs("--check");
    expect(result.stdout + result.stderr, "run npm run docs and commit the result").toBe("");
    expect(result.status).toBe(0);
  });

  it("give every README a usage example that is valid YAML and uses the action", () => {
    for (const name of ["build", "publish", "distribute"]) {
      const readme = readFileSync(join(REPO_ROOT, "actions", name, "README.md"), "utf8");
      const usage = /## Usage\n\n```yaml\n([\s\S]*?)```/.exec(readme)?.[1] ?? "";
      const steps = parse(usage) as { uses: string }[];
      expect(steps[0]?.uses).toBe(`fastdeploy/fastdeploy/actions/${name}@v1`);
      expect(readme).toMatch(/## Permissions\n[\s\S]*permissions:\n/);
    }
  });
});

describe("scripts/docs.mjs", () => {
  const root = mkdtempSync(join(tmpdir(), "fastdeploy-docs-"));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const actionYml = (inputDescription: string) => `name: Demo
description: Does a demo thing.
inputs:
  size:
    description: ${inputDescription}
    required: true
outputs:
  result:
    description: What came out | piped.
runs:
  using: node24
  main: ../../dist/demo/index.js
`;

  it("creates missing files, reports drift with --check and keeps hand-written text", () => {
    mkdirSync(join(root, "actions/demo"), { recursive: true });
    writeFileSync(join(root, "actions/demo/action.yml"), actionYml("How big."));
    expect(docs("--root", root).status).toBe(0);
    const readmePath = join(root, "actions/demo/README.md");
    // biome aligns table columns; compare cells with runs of spaces collapsed.
    const read = (file: string) => readFileSync(file, "utf8").replace(/ {2,}/g, " ");
    const first = readFileSync(readmePath, "utf8");
    expect(read(readmePath)).toContain("| `size` | How big. | yes | |");
    expect(read(readmePath)).toContain("| `result` | What came out \\| piped. |");
    expect(read(join(root, "docs/actions/demo.md"))).toContain("How big.");

    writeFileSync(readmePath, first.replace("## Inputs", "A note written by hand.\n\n## Inputs"));
    writeFileSync(join(root, "actions/demo/action.yml"), actionYml("How large."));
    const check = docs("--check", "--root", root);
    expect(check.status).toBe(1);
    expect(check.stdout).toContain("out of date: actions/demo/README.md");
    expect(check.stdout).toContain("run npm run docs");

    expect(docs("--root", root).status).toBe(0);
    const second = read(readmePath);
    expect(second).toContain("A note written by hand.");
    expect(second).toContain("| `size` | How large. | yes | |");
    expect(second).not.toContain("How big.");
    expect(docs("--check", "--root", root).status).toBe(0);
  });
});
