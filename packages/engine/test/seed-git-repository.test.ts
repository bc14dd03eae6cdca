import { rmSync } from "node:fs";
import { join } from "node:path";
import { createGitHubClient, type GitHubClient } from "@fastdeploy/github";
import { type Sandbox, startSandbox } from "@fastdeploy/sandbox";
import { afterEach, describe, expect, it } from "vitest";
import { GitRepo } from "../../../test/support/git-repo.js";
import { tempDir } from "../../../test/support/tree.js";
import { seedFromGitRepository } from "../src/seed-git-repository.js";

const CONFIG = `environments:
  - name: dev
    auto-deploy: { branches: [main] }
  - name: qa
    after: [dev]
    require-review: true
  - name: prod
    after: [qa]
`;

const RELEASE = `name: release
on:
  push:
    tags: ["v*.*.*"]
  workflow_dispatch:
jobs:
  hello:
    runs-on: ubuntu-latest
    steps:
      - run: echo hi
`;

const started: Sandbox[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const s of started.splice(0)) s.assertNoViolations();
  await Promise.all(started.map((s) => s.close()));
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function sandboxAt(stateDir: string): Promise<{ sandbox: Sandbox; client: GitHubClient }> {
  const sandbox = await startSandbox({ stateDir });
  started.push(sandbox);
  const client = createGitHubClient({
    token: "sandbox-token",
    apiUrl: sandbox.apiUrl,
    writeIntervalMs: 0,
    retryBaseMs: 5,
  });
  return { sandbox, client };
}

function sampleRepo(): GitRepo {
  const dir = tempDir("fd-seed-repo-");
  dirs.push(dir);
  const repo = new GitRepo(dir);
  repo.git("remote", "add", "origin", "git@github.com:acme/shop.git");
  return repo;
}

describe("seedFromGitRepository", () => {
  it("mirrors commits, branches, both kinds of tags, workflows and the config's environments", async () => {
    const git = sampleRepo();
    const first = git.commit("first", {
      ".github/fastdeploy.yml": CONFIG,
      ".github/workflows/release.yml": RELEASE,
    });
    git.tag("v0.9.0");
    const second = git.commit("second", { "app.txt": "2\n" });
    git.tag("v1.0.0", "Release 1.0.0");
    git.git("checkout", "--quiet", "-b", "feature");
    const feature = git.commit("feature work", { "app.txt": "3\n" });
    const state = tempDir("fd-seed-state-");
    dirs.push(state);
    const { sandbox, client } = await sandboxAt(state);

    const seeded = await seedFromGitRepository(sandbox, git.dir);
    expect(seeded).toMatchObject({
      repository: "acme/shop",
      defaultBranch: "main",
      head: second,
      addedCommits: 3,
    });
    const repo = { owner: "acme", repo: "shop" };
    expect((await client.rest.repos.get(repo)).data.default_branch).toBe("main");
    const ref = async (r: string) => (await client.rest.git.getRef({ ...repo, ref: r })).data;
    expect((await ref("heads/main")).object.sha).toBe(second);
    expect((await ref("heads/feature")).object.sha).toBe(feature);
    expect((await ref("tags/v0.9.0")).object).toMatchObject({ type: "commit", sha: first });
    const annotated = await ref("tags/v1.0.0");
    expect(annotated.object.type).toBe("tag");
    const tag = await client.rest.git.getTag({ ...repo, tag_sha: annotated.object.sha });
    expect(tag.data).toMatchObject({ tag: "v1.0.0", message: "Release 1.0.0" });
    expect(tag.data.object.sha).toBe(second);
    const commit = await client.rest.git.getCommit({ ...repo, commit_sha: second });
    expect(commit.data.parents.map((p) => p.sha)).toEqual([first]);
    expect(commit.data.author.name).toBe("Dana Dev");

    const workflows = await client.rest.actions.listRepoWorkflows(repo);
    expect(workflows.data.workflows.map((w) => [w.path, w.name])).toEqual([
      [".github/workflows/release.yml", "release"],
    ]);
    const qa = await client.rest.repos.getEnvironment({ ...repo, environment_name: "qa" });
    const rule = qa.data.protection_rules?.find((r) => r.type === "required_reviewers") as
      | { reviewers?: Array<{ reviewer: { login?: string } }>; prevent_self_review?: boolean }
      | undefined;
    expect(rule?.reviewers?.map((r) => r.reviewer.login)).toEqual(["alice", "bob"]);
    expect(rule?.prevent_self_review).toBe(true);
    const dev = await client.rest.repos.getEnvironment({ ...repo, environment_name: "dev" });
    expect(dev.data.protection_rules?.some((r) => r.type === "required_reviewers")).toBe(false);
    const prod = await client.rest.repos.listDeploymentBranchPolicies({
      ...repo,
      environment_name: "prod",
    });
    expect(prod.data.branch_policies.map((p) => `${p.type}:${p.name}`).sort()).toEqual([
      "branch:main",
      "tag:v*",
    ]);
  });

  it("seeds again on kept state: adds new commits and tags and keeps releases and deployments", async () => {
    const git = sampleRepo();
    const first = git.commit("first", { ".github/fastdeploy.yml": CONFIG });
    const state = tempDir("fd-seed-state-");
    dirs.push(state);
    const repo = { owner: "acme", repo: "shop" };
    {
      const { sandbox, client } = await sandboxAt(state);
      await seedFromGitRepository(sandbox, git.dir, { reviewers: ["carol"] });
      await client.rest.repos.createRelease({
        ...repo,
        tag_name: "v1.0.0",
        target_commitish: first,
      });
      await client.rest.repos.createDeployment({
        ...repo,
        ref: "v1.0.0",
        environment: "dev",
        required_contexts: [],
        auto_merge: false,
      });
      await sandbox.close();
      started.splice(0);
    }
    const second = git.commit("second", { "app.txt": "2\n" });
    git.tag("v1.1.0", "Release 1.1.0");

    const { sandbox, client } = await sandboxAt(state);
    const again = await seedFromGitRepository(sandbox, git.dir, { reviewers: ["carol"] });
    expect(again.addedCommits).toBe(1);
    expect(again.head).toBe(second);
    const releases = await client.rest.repos.listReleases(repo);
    expect(releases.data.map((r) => r.tag_name)).toEqual(["v1.0.0"]);
    // The release tag the local GitHub made stays, though the real repository lacks it.
    const made = await client.rest.git.getRef({ ...repo, ref: "tags/v1.0.0" });
    expect(made.data.object.sha).toBe(first);
    const added = await client.rest.git.getRef({ ...repo, ref: "tags/v1.1.0" });
    expect(added.data.object.type).toBe("tag");
    const deployments = await client.rest.repos.listDeployments({ ...repo, environment: "dev" });
    expect(deployments.data).toHaveLength(1);
    const environments = await client.rest.repos.getAllEnvironments(repo);
    expect(environments.data.environments?.map((e) => e.name).sort()).toEqual([
      "dev",
      "prod",
      "qa",
    ]);
  });

  it("names the repository after its directory when there is no origin, and refuses an empty one", async () => {
    const dir = join(tempDir("fd-seed-"), "My App");
    dirs.push(dir);
    const { mkdirSync } = await import("node:fs");
    mkdirSync(dir);
    const git = new GitRepo(dir);
    const state = tempDir("fd-seed-state-");
    dirs.push(state);
    const { sandbox } = await sandboxAt(state);
    await expect(seedFromGitRepository(sandbox, dir)).rejects.toThrow(
      /has no commits yet: commit your files first/,
    );
    git.commit("first");
    const seeded = await seedFromGitRepository(sandbox, dir);
    expect(seeded.repository).toBe("local/My-App");
    expect(seeded.environments).toEqual([]);
    await expect(seedFromGitRepository(sandbox, state)).rejects.toThrow(/is not a git repository/);
  });
});
