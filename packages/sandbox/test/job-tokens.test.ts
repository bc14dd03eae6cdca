import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { staleTags, untaggedRoutes } from "../src/rest/permissions.js";
import { routeModules } from "../src/rest/route-modules.js";
import { startSandbox } from "../src/rest/server.js";
import { failure, quietOctokit, useSandbox } from "./rest-fixture.js";

const NOT_ACCESSIBLE = {
  message: "Resource not accessible by integration",
  documentation_url: expect.stringMatching(/^https:\/\/docs\.github\.com\//),
  status: "403",
};

describe("route permission tags", () => {
  const routes = routeModules.flat();

  it("every route the sandbox serves names the permission GitHub's docs give it", () => {
    expect(untaggedRoutes(routes)).toEqual([]);
    expect(staleTags(routes)).toEqual([]);
  });

  it("a new route without a tag is reported", () => {
    const forgotten = { method: "GET" as const, path: "/repos/{owner}/{repo}/forgotten" };
    expect(untaggedRoutes([...routes, forgotten])).toEqual(["GET /repos/{owner}/{repo}/forgotten"]);
  });
});

describe("job tokens", () => {
  const f = useSandbox();
  const job = (permissions: Parameters<typeof f.sandbox.issueJobToken>[0]["permissions"]) =>
    quietOctokit(f.sandbox, f.sandbox.issueJobToken({ repository: "acme/app", permissions }));

  it("look like installation tokens and act as github-actions[bot]", async () => {
    const token = f.sandbox.issueJobToken({
      repository: "acme/app",
      permissions: { deployments: "write" },
      runId: 7,
      actor: "alice",
    });
    expect(token).toMatch(/^ghs_[A-Za-z0-9]{36}$/);
    const octokit = quietOctokit(f.sandbox, token);
    const created = await octokit.rest.repos.createDeployment({
      ...f.repo,
      ref: "main",
      environment: "qa",
      required_contexts: [],
    });
    expect(created.status).toBe(201);
    const creator = (created.data as { creator: { login: string; type: string } }).creator;
    expect(creator).toMatchObject({ login: "github-actions[bot]", type: "Bot" });
  });

  it("read what their scopes allow, with metadata always readable", async () => {
    const octokit = job({ contents: "read" });
    expect((await octokit.rest.repos.get(f.repo)).status).toBe(200);
    expect((await octokit.rest.repos.listReleases(f.repo)).status).toBe(200);
    const refused = await failure(octokit.rest.repos.listDeployments(f.repo));
    expect(refused.status).toBe(403);
    expect(refused.data).toEqual(NOT_ACCESSIBLE);
  });

  it("need write to write: contents read cannot create a release", async () => {
    const refused = await failure(
      job({ contents: "read" }).rest.repos.createRelease({ ...f.repo, tag_name: "v1.0.0" }),
    );
    expect(refused).toMatchObject({ status: 403, data: NOT_ACCESSIBLE });
    // What a fine-grained actor is told it needs.
    expect(refused.headers["x-accepted-github-permissions"]).toBe("contents=write");
    const created = await job({ contents: "write" }).rest.repos.createRelease({
      ...f.repo,
      tag_name: "v1.0.0",
    });
    expect(created.status).toBe(201);
  });

  it("none is none, and an empty block leaves only metadata", async () => {
    expect((await failure(job({ contents: "none" }).rest.repos.listReleases(f.repo))).status).toBe(
      403,
    );
    const bare = job({});
    expect((await bare.rest.repos.get(f.repo)).status).toBe(200);
    expect((await failure(bare.rest.actions.listRepoWorkflows(f.repo))).status).toBe(403);
  });

  it("never administer environments, and are not user tokens", async () => {
    const all = job({ actions: "write", contents: "write", deployments: "write" });
    expect((await all.rest.repos.getAllEnvironments(f.repo)).status).toBe(200);
    const put = await failure(
      all.rest.repos.createOrUpdateEnvironment({ ...f.repo, environment_name: "prod" }),
    );
    expect(put).toMatchObject({ status: 403, data: NOT_ACCESSIBLE });
    expect((await failure(all.rest.users.getAuthenticated())).status).toBe(403);
    // A user's token keeps its powers.
    const asOwner = await f.octokit.rest.repos.createOrUpdateEnvironment({
      ...f.repo,
      environment_name: "prod",
    });
    expect(asOwner.status).toBe(200);
  });

  it("write only to their own repository, read public ones and see no private one", async () => {
    f.sandbox.createRepo("acme/public-lib");
    f.sandbox.createRepo("acme/secret-lib", { private: true });
    const octokit = job({ contents: "write" });
    const lib = { owner: "acme", repo: "public-lib" };
    expect((await octokit.rest.repos.listReleases(lib)).status).toBe(200);
    expect(
      (await failure(octokit.rest.repos.createRelease({ ...lib, tag_name: "v1.0.0" }))).status,
    ).toBe(403);
    const hidden = await failure(octokit.rest.repos.get({ owner: "acme", repo: "secret-lib" }));
    expect(hidden).toMatchObject({ status: 404, data: { message: "Not Found" } });
  });

  it("have no push rights in another repository: no drafts, no push in its permissions", async () => {
    f.sandbox.createRepo("acme/public-lib");
    const lib = { owner: "acme", repo: "public-lib" };
    await f.octokit.rest.repos.createRelease({ ...lib, tag_name: "v2.0.0", draft: true });
    const octokit = job({ contents: "write" });
    expect((await octokit.rest.repos.listReleases(lib)).data).toEqual([]);
    const { data } = await octokit.rest.repos.get(lib);
    expect(data.permissions).toMatchObject({ push: false, admin: false });
    // In its own repository the same token sees its drafts.
    await f.octokit.rest.repos.createRelease({ ...f.repo, tag_name: "v2.0.0", draft: true });
    expect((await octokit.rest.repos.listReleases(f.repo)).data).toHaveLength(1);
  });

  it("need every permission a route lists", async () => {
    const review = (octokit: ReturnType<typeof job>) =>
      failure(
        octokit.rest.actions.reviewPendingDeploymentsForRun({
          ...f.repo,
          run_id: 1,
          environment_ids: [1],
          state: "approved",
          comment: "",
        }),
      );
    const partly = await review(job({ deployments: "write" }));
    expect(partly).toMatchObject({ status: 403, data: NOT_ACCESSIBLE });
    expect(partly.headers["x-accepted-github-permissions"]).toBe("actions=read, deployments=read");
    // With both, the permission check passes and the route answers: no such run.
    expect((await review(job({ actions: "read", deployments: "read" }))).status).toBe(404);
  });

  it("refuse scopes a workflow cannot name", () => {
    expect(() =>
      f.sandbox.issueJobToken({
        repository: "acme/app",
        permissions: { administration: "write" } as never,
      }),
    ).toThrow(/unknown GITHUB_TOKEN permission "administration"/);
  });
});

describe("user tokens", () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it("are minted once per login, act as that user and survive a restart", async () => {
    const stateDir = mkdtempSync(join(tmpdir(), "sandbox-user-tokens-"));
    dirs.push(stateDir);
    const first = await startSandbox({ stateDir });
    const token = first.userToken("alice");
    expect(token).toMatch(/^ghp_[A-Za-z0-9]{36}$/);
    expect(first.userToken("alice")).toBe(token);
    expect(first.userToken("bob")).not.toBe(token);
    const me = await quietOctokit(first, token).rest.users.getAuthenticated();
    expect(me.data).toMatchObject({ login: "alice", type: "User" });
    first.assertNoViolations();
    await first.close();

    const second = await startSandbox({ stateDir });
    try {
      const again = await quietOctokit(second, token).rest.users.getAuthenticated();
      expect(again.data.login).toBe("alice");
      expect(second.userToken("alice")).toBe(token);
      second.assertNoViolations();
    } finally {
      await second.close();
    }
  });
});
