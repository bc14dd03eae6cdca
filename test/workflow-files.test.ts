// Every workflow file of this repository, for every trigger in its `on:`, through the local
// engine (GitHub's parser and expression evaluator, job tokens, environment reviews) against a
// real local GitHub, with the committed action bundles. The table of triggers is read from the
// files themselves: a new file, or a new trigger in one, without a row below fails this test.
//
// One local GitHub and one sample repository (tiny app, `echo` deploy commands) serve every
// run, in history order: three commits hold the three sets of files a user can have in
// .github/workflows (the self-contained starters, the reusable-workflow starters, the reusable
// workflows dispatched directly), and each run names its commit. Later rows build on the
// history earlier rows left (versions live, releases, tags), so run the file whole. The project's own ci.yml and
// release.yml are checked without running their jobs; docs/local-runs.md says why.
import { readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { DeploymentLedger } from "@fastdeploy/github";
import { REPO_ROOT, startLocalGitHub } from "@fastdeploy/sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import {
  type RunResult,
  seedFromGitRepository,
  TriggerError,
  type TriggerEvent,
} from "../packages/engine/src/index.js";
import { loadWorkflow } from "../packages/engine/src/load-workflow.js";
import { restrictedDefault } from "../packages/engine/src/permissions.js";
import { permissionViolations, unsupportedFeatures } from "../packages/engine/src/preflight.js";
import { pushStartsWorkflow } from "../packages/engine/src/triggers.js";
import {
  approvePending,
  type EngineKit,
  engineKit,
} from "../packages/engine/test/support/engine-kit.js";
import { GitRepo } from "./support/git-repo.js";
import { publishTestVersion, testClient } from "./support/published-version.js";
import { tempDir } from "./support/tree.js";

const REPO = { owner: "acme", repo: "shop" };
const source = (path: string) => readFileSync(join(REPO_ROOT, path), "utf8");

// ---- The table, from the files ---------------------------------------------------------------

/** `push:branch`, `push:tag`, `workflow_dispatch`, `workflow_call`, or another event's name. */
function triggersOf(path: string): string[] {
  const doc = parseYaml(source(path)) as { on: unknown };
  const on = doc.on;
  const events: Record<string, unknown> =
    typeof on === "string"
      ? { [on]: null }
      : Array.isArray(on)
        ? Object.fromEntries(on.map((e: string) => [e, null]))
        : (on as Record<string, unknown>);
  return Object.entries(events).flatMap(([event, config]) => {
    if (event !== "push") return [event];
    const push = (config ?? {}) as Record<string, unknown>;
    const branches = "branches" in push || "branches-ignore" in push;
    const tags = "tags" in push || "tags-ignore" in push;
    // GitHub: only one kind of filter means the other kind of ref never triggers.
    return [
      ...(branches || !tags ? ["push:branch"] : []),
      ...(tags || !branches ? ["push:tag"] : []),
    ];
  });
}

function workflowFiles(): string[] {
  const list = (dir: string) =>
    readdirSync(join(REPO_ROOT, dir))
      .filter((name) => /\.ya?ml$/.test(name))
      .map((name) => `${dir}/${name}`);
  return [...list("workflows"), ...list("workflows/reusable"), ...list(".github/workflows")];
}

const fromFiles = workflowFiles()
  .flatMap((file) => triggersOf(file).map((trigger) => `${file} × ${trigger}`))
  .sort();

// ---- The sample repository and its local GitHub ---------------------------------------------

const CONFIG = `name: shop
build:
  command: mkdir -p dist && echo "shop $FASTDEPLOY_VERSION" > dist/index.html
  path: dist
deploy:
  command: echo "deployed $FASTDEPLOY_VERSION to $FASTDEPLOY_ENVIRONMENT"
environments:
  - name: dev
  - name: qa
  - name: prod
    production: true
    require-review: true
`;

let kit: EngineKit;
let repo: GitRepo;
/** The commits holding each set of workflow files. */
const at = { selfContained: "", reusable: "", called: "" };
/** Every run so far, by row. */
const runs = new Map<string, RunResult>();

beforeAll(async () => {
  repo = new GitRepo(tempDir("fd-workflow-files-"));
  const starters = (dir: string) => ({
    ".github/workflows/release.yml": source(`${dir}/release.yml`),
    ".github/workflows/promote.yml": source(`${dir}/promote.yml`),
    ".github/workflows/rollback.yml": source(`${dir}/rollback.yml`),
  });
  at.selfContained = repo.commit("the self-contained starters", {
    ".github/fastdeploy.yml": CONFIG,
    "src/index.html": "shop\n",
    ...starters("workflows"),
  });
  at.reusable = repo.commit("the reusable-workflow starters", starters("workflows/reusable"));
  // The reusable workflows themselves, dispatched in the repository that holds them.
  repo.git("rm", "-q", ".github/workflows/release.yml");
  at.called = repo.commit("the reusable workflows", {
    ".github/workflows/promote.yml": source(".github/workflows/promote.yml"),
    ".github/workflows/rollback.yml": source(".github/workflows/rollback.yml"),
  });
  const local = await startLocalGitHub({ repository: "acme/shop", artifacts: true });
  kit = await engineKit(repo, {
    local,
    onReviewWait: ({ runId }) => approvePending(kit, runId, "alice"),
  });
  await push();
}, 60_000);

afterAll(async () => {
  await kit?.local.close();
  if (repo) rmSync(repo.dir, { recursive: true, force: true });
});

/** What `git push` does: the local GitHub learns the commits and tags (and the environments of
 * the config; prod, require-review, gets alice as its reviewer). */
async function push() {
  await seedFromGitRepository(kit.local.sandbox, repo.dir, {
    repository: "acme/shop",
    reviewers: ["alice"],
  });
}

/** Tags a commit and pushes the tag, as a release is started. */
async function pushTag(tag: string, sha: string) {
  repo.git("tag", tag, sha);
  await push();
}

/** Triggers the event; exactly one workflow (`file`) must start, and it must succeed. */
async function runOne(row: string, file: string, event: TriggerEvent): Promise<RunResult> {
  const started = await kit.engine.trigger({ actor: "bob", ...event });
  expect(started.map((r) => r.workflow)).toEqual([file]);
  const [run] = started as [RunResult];
  runs.set(row, run);
  // A failed job shows the end of its log in the diff.
  const failed = run.jobs
    .filter((j) => j.conclusion !== "success" && j.conclusion !== "skipped")
    .map((j) => ({ job: j.name, reason: j.reason, log: kit.logOf(j.name).slice(-15) }));
  expect({ errors: run.errors, failed }).toEqual({ errors: [], failed: [] });
  expect(run.conclusion).toBe("success");
  return run;
}

const ledger = (env: string) =>
  new DeploymentLedger(testClient(kit.local), REPO).environment(env).live();
const latestTag = async () =>
  (await testClient(kit.local).rest.repos.getLatestRelease(REPO)).data.tag_name;
/** A job's conclusion by the end of its name (called jobs are prefixed by their caller). */
const job = (run: RunResult | undefined, title: string) =>
  run?.jobs.filter((j) => j.name.endsWith(title)).map((j) => j.conclusion);

// ---- The rows: one per file × trigger, in history order --------------------------------------

type Row = { key: string; title: string; check: () => Promise<void> };

const WF = ".github/workflows";
const rows: Row[] = [
  // The self-contained starters (`fastdeploy init`), at the first commit.
  {
    key: "workflows/release.yml × push:branch",
    title: "a push to main builds a prerelease, publishes it and deploys it to dev only",
    async check() {
      const run = await runOne(this.key, `${WF}/release.yml`, {
        name: "push",
        ref: "refs/heads/main",
        sha: at.selfContained,
      });
      const version = run.jobs.find((j) => j.name === "Build and verify")?.outputs.version ?? "";
      expect(version).toMatch(/^0\.0\.0-main\.\d+\.sha-[0-9a-f]{7}$/);
      expect(job(run, "Deploy to dev")).toEqual(["success"]);
      expect(job(run, "Deploy to qa")).toEqual([]);
      expect(job(run, "Mark the release latest")).toEqual(["skipped"]);
      expect((await ledger("dev"))?.version).toBe(version);
      const release = await testClient(kit.local).rest.repos.getReleaseByTag({
        ...REPO,
        tag: `v${version}`,
      });
      expect(release.data).toMatchObject({ prerelease: true, draft: false });
    },
  },
  {
    key: "workflows/release.yml × push:tag",
    title: "tag v1.0.0 goes dev → qa → prod behind prod's review and is marked latest",
    async check() {
      await pushTag("v1.0.0", at.selfContained);
      const run = await runOne(this.key, `${WF}/release.yml`, {
        name: "push",
        ref: "refs/tags/v1.0.0",
      });
      expect(job(run, "Deploy to prod")).toEqual(["success"]);
      const prod = await ledger("prod");
      expect(prod?.version).toBe("1.0.0");
      expect(prod?.payload.approval?.approvers.map((a) => a.login)).toEqual(["alice"]);
      expect(await latestTag()).toBe("v1.0.0");
    },
  },
  {
    key: "workflows/promote.yml × workflow_dispatch",
    title: "promotes a published 1.1.0 to prod behind its review and marks it latest",
    async check() {
      await publishTestVersion(kit.local, { version: "1.1.0" });
      await runOne(this.key, `${WF}/promote.yml`, {
        name: "workflow_dispatch",
        workflow: "promote.yml",
        ref: "main",
        sha: at.selfContained,
        inputs: { version: "1.1.0", environment: "prod" },
      });
      expect((await ledger("prod"))?.version).toBe("1.1.0");
      expect(await latestTag()).toBe("v1.1.0");
    },
  },
  {
    key: "workflows/rollback.yml × workflow_dispatch",
    title: "rolls prod back to the previous version, records why, and marks it latest",
    async check() {
      await runOne(this.key, `${WF}/rollback.yml`, {
        name: "workflow_dispatch",
        workflow: "rollback.yml",
        ref: "main",
        sha: at.selfContained,
        inputs: { environment: "prod", reason: "error rate above 5%" },
      });
      const prod = await ledger("prod");
      expect(prod?.version).toBe("1.0.0");
      expect(prod?.payload.rollback).toEqual({ from: "1.1.0", reason: "error rate above 5%" });
      expect(await latestTag()).toBe("v1.0.0");
    },
  },
  // The reusable-workflow starters (`fastdeploy init --reusable`), at the second commit.
  {
    key: "workflows/reusable/release.yml × push:branch",
    title: "a push to main runs the called pipeline: a prerelease deployed to dev only",
    async check() {
      const run = await runOne(this.key, `${WF}/release.yml`, {
        name: "push",
        ref: "refs/heads/main",
        sha: at.reusable,
      });
      expect(job(run, "Deploy to dev")).toEqual(["success"]);
      expect(job(run, "Deploy to qa")).toEqual([]);
      // After releases 1.0.0 and 1.1.0 a branch build is a prerelease of 1.1.1, newer than the
      // 1.0.0 that dev runs (a 0.0.0 prerelease would be refused there as a downgrade).
      expect((await ledger("dev"))?.version).toMatch(/^1\.1\.1-main\.\d+\.sha-[0-9a-f]{7}$/);
    },
  },
  {
    key: "workflows/reusable/release.yml × push:tag",
    title: "tag v2.0.0 runs the called pipeline through prod and marks it latest",
    async check() {
      await pushTag("v2.0.0", at.reusable);
      const run = await runOne(this.key, `${WF}/release.yml`, {
        name: "push",
        ref: "refs/tags/v2.0.0",
      });
      expect(job(run, "Deploy to prod")).toEqual(["success"]);
      expect((await ledger("prod"))?.version).toBe("2.0.0");
      expect(await latestTag()).toBe("v2.0.0");
    },
  },
  {
    key: "workflows/reusable/promote.yml × workflow_dispatch",
    title: "promotes a published 2.1.0 to prod through the called promote workflow",
    async check() {
      await publishTestVersion(kit.local, { version: "2.1.0" });
      await runOne(this.key, `${WF}/promote.yml`, {
        name: "workflow_dispatch",
        workflow: "promote.yml",
        ref: "main",
        sha: at.reusable,
        inputs: { version: "2.1.0", environment: "prod" },
      });
      expect((await ledger("prod"))?.version).toBe("2.1.0");
      expect(await latestTag()).toBe("v2.1.0");
    },
  },
  {
    key: "workflows/reusable/rollback.yml × workflow_dispatch",
    title: "rolls prod back through the called rollback workflow",
    async check() {
      await runOne(this.key, `${WF}/rollback.yml`, {
        name: "workflow_dispatch",
        workflow: "rollback.yml",
        ref: "main",
        sha: at.reusable,
        inputs: { environment: "prod", reason: "checkout errors" },
      });
      const prod = await ledger("prod");
      expect(prod?.version).toBe("2.0.0");
      expect(prod?.payload.rollback).toEqual({ from: "2.1.0", reason: "checkout errors" });
      expect(await latestTag()).toBe("v2.0.0");
    },
  },
  // The reusable workflows, dispatched directly (`fastdeploy promote` / `fastdeploy rollback`).
  {
    key: ".github/workflows/promote.yml × workflow_dispatch",
    title: "dispatched with a deploy command, deploys a published 3.0.0 to prod",
    async check() {
      await publishTestVersion(kit.local, { version: "3.0.0" });
      await runOne(this.key, `${WF}/promote.yml`, {
        name: "workflow_dispatch",
        workflow: "promote.yml",
        ref: "main",
        sha: at.called,
        inputs: {
          version: "3.0.0",
          environment: "prod",
          "deploy-command": 'echo "promoted $FASTDEPLOY_VERSION"',
        },
      });
      expect((await ledger("prod"))?.version).toBe("3.0.0");
      expect(kit.logOf("Promote 3.0.0 to prod").join("\n")).toContain("promoted 3.0.0");
      expect(await latestTag()).toBe("v3.0.0");
    },
  },
  {
    key: ".github/workflows/rollback.yml × workflow_dispatch",
    title: "dispatched, rolls prod back to a chosen version",
    async check() {
      await runOne(this.key, `${WF}/rollback.yml`, {
        name: "workflow_dispatch",
        workflow: "rollback.yml",
        ref: "main",
        sha: at.called,
        inputs: { environment: "prod", version: "2.0.0", reason: "slow pages" },
      });
      const prod = await ledger("prod");
      expect(prod?.version).toBe("2.0.0");
      expect(prod?.payload.rollback).toEqual({ from: "3.0.0", reason: "slow pages" });
      expect(await latestTag()).toBe("v2.0.0");
    },
  },
  // workflow_call: through the callers above, whose runs hold the called jobs.
  {
    key: ".github/workflows/pipeline.yml × workflow_call",
    title: "ran through workflows/reusable/release.yml: build, publish and every deploy",
    async check() {
      const branch = runs.get("workflows/reusable/release.yml × push:branch");
      const tag = runs.get("workflows/reusable/release.yml × push:tag");
      for (const run of [branch, tag]) {
        expect(job(run, "Plan the stages")).toEqual(["success"]);
        expect(job(run, "Build and verify")).toEqual(["success"]);
        expect(job(run, "Publish the release")).toEqual(["success"]);
        // The GitHub Enterprise path is skipped unless `handoff: same-job`.
        expect(job(run, "Build, verify and publish")).toEqual(["skipped"]);
      }
      expect(job(tag, "Deploy to qa")).toEqual(["success"]);
      expect(job(tag, "Mark the release latest")).toEqual(["success"]);
      expect(tag?.jobs.every((j) => j.id.startsWith("release/"))).toBe(true);
    },
  },
  {
    key: ".github/workflows/promote.yml × workflow_call",
    title: "ran through workflows/reusable/promote.yml",
    async check() {
      const run = runs.get("workflows/reusable/promote.yml × workflow_dispatch");
      expect(run?.jobs.map((j) => [j.id, j.conclusion])).toEqual([
        ["promote/promote", "success"],
        ["promote/latest", "success"],
      ]);
    },
  },
  {
    key: ".github/workflows/rollback.yml × workflow_call",
    title: "ran through workflows/reusable/rollback.yml",
    async check() {
      const run = runs.get("workflows/reusable/rollback.yml × workflow_dispatch");
      expect(run?.jobs.map((j) => [j.id, j.conclusion])).toEqual([
        ["rollback/rollback", "success"],
        ["rollback/latest", "success"],
      ]);
    },
  },
  // The project's own CI and release: checked, not run (docs/local-runs.md, "This repository's
  // own workflows").
  {
    key: ".github/workflows/ci.yml × push:branch",
    title: "selected by a push to main only, loaded with nothing refused (not run: it is npm test)",
    check: () => checkOwnWorkflow(".github/workflows/ci.yml", "refs/heads/main", "refs/heads/dev"),
  },
  {
    key: ".github/workflows/ci.yml × pull_request",
    title: "pull_request is refused by the engine before any run starts",
    async check() {
      const refused = await kit.engine
        .trigger({ name: "pull_request" as never, ref: "main" })
        .catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(TriggerError);
      expect((refused as Error).message).toBe(
        "the local engine runs push and workflow_dispatch events, not pull_request",
      );
    },
  },
  {
    key: ".github/workflows/release.yml × push:tag",
    title:
      "selected by a release tag only, loaded with pipeline.yml, its grant covering every job (not run: it builds this repository)",
    check: () =>
      checkOwnWorkflow(".github/workflows/release.yml", "refs/tags/v1.2.3", "refs/heads/main", [
        // Mints a GitHub App token to move the major tag: an action the engine does not
        // provide, since no local token could stand for an App's (docs/local-runs.md).
        /job 'major-tag': The local engine does not provide the action 'actions\/create-github-app-token@/,
      ]),
  },
];

/**
 * What the engine checks before it starts one of this repository's workflows, on the file as
 * committed here: it parses and converts (called workflows resolved), the push filters select
 * `starts` and not `not`, no step or job is one the engine refuses, and no called job asks for
 * more than its caller grants (GitHub's pre-start check).
 */
async function checkOwnWorkflow(
  file: string,
  starts: string,
  not: string,
  refusedOnPurpose: RegExp[] = [],
) {
  const sources = { repoDir: REPO_ROOT, sha: "HEAD", actionsRoot: REPO_ROOT };
  const workflow = await loadWorkflow(file, source(file), sources);
  const push = workflow.template.events?.push;
  expect(push).toBeDefined();
  if (!push) return;
  expect(pushStartsWorkflow(push, starts, () => [])).toBe(true);
  expect(pushStartsWorkflow(push, not, () => [])).toBe(false);
  const jobs = workflow.template.jobs ?? [];
  const refused = unsupportedFeatures(workflow, jobs, sources);
  for (const known of refusedOnPurpose) expect(refused.some((m) => known.test(m))).toBe(true);
  expect(refused.filter((m) => !refusedOnPurpose.some((known) => known.test(m)))).toEqual([]);
  expect(permissionViolations(workflow, jobs, restrictedDefault(), undefined)).toEqual([]);
}

describe("every workflow file × every trigger", () => {
  it("has exactly one row per trigger in the files' `on:`", () => {
    expect(rows.map((r) => r.key).sort()).toEqual(fromFiles);
    expect(fromFiles.length).toBeGreaterThanOrEqual(16);
  });

  for (const row of rows) it(`${row.key}: ${row.title}`, () => row.check.call(row), 60_000);
});
