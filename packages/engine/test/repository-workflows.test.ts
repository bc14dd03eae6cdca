// Every workflow file this repository ships (.github/workflows and the starters in workflows/)
// loads through the engine (GitHub's parser and converter, reusable workflows resolved from
// this checkout) and uses nothing the engine refuses, so each one can run locally.
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "@fastdeploy/sandbox";
import { describe, expect, it } from "vitest";
import { loadWorkflow } from "../src/load-workflow.js";
import { unsupportedFeatures } from "../src/preflight.js";

const sha = execFileSync("git", ["rev-parse", "HEAD"], { cwd: REPO_ROOT, encoding: "utf8" }).trim();
const files = [".github/workflows", "workflows"].flatMap((dir) =>
  readdirSync(join(REPO_ROOT, dir))
    .filter((name) => /\.ya?ml$/.test(name))
    .map((name) => `${dir}/${name}`),
);

// What the engine refuses on purpose, per file: the project's own release workflow mints a
// GitHub App token (actions/create-github-app-token) to move the major tag, and no local token
// could stand for an App's. test/workflow-files.test.ts checks the rest of that file.
const refusedOnPurpose: Record<string, RegExp> = {
  ".github/workflows/release.yml":
    /job 'major-tag': The local engine does not provide the action 'actions\/create-github-app-token@/,
};

describe("this repository's workflow files", () => {
  it("are found", () => {
    expect(files).toContain(".github/workflows/pipeline.yml");
    expect(files).toContain("workflows/release.yml");
  });

  it.each(files)("%s loads and needs nothing the engine refuses", async (file) => {
    const sources = { repoDir: REPO_ROOT, sha, actionsRoot: REPO_ROOT };
    const workflow = await loadWorkflow(file, readFileSync(join(REPO_ROOT, file), "utf8"), sources);
    expect(Object.keys(workflow.template.events ?? {}).length).toBeGreaterThan(0);
    const refused = unsupportedFeatures(workflow, workflow.template.jobs ?? [], sources);
    const known = refusedOnPurpose[file];
    if (known) expect(refused.some((m) => known.test(m))).toBe(true);
    expect(refused.filter((m) => !known?.test(m))).toEqual([]);
  });
});
