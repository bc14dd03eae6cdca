import { describe, expect, it } from "vitest";
import { seedTeam, seedUser } from "../src/rest/routes/seed.js";
import { failure, useSandbox } from "./rest-fixture.js";

describe("checks, commit statuses, rulesets, users and teams", () => {
  const f = useSandbox();

  it("check runs for a ref: latest per name by default, filters", async () => {
    const sha = f.sandbox.seedCommit("acme/app", { message: "feat" });
    const create = (name: string, extra: object = {}) =>
      f.octokit.rest.checks.create({ ...f.repo, head_sha: sha, name, ...extra });
    await create("build", { status: "in_progress" });
    const built = await create("build", {
      conclusion: "success",
      output: { title: "ok", summary: "all good" },
    });
    expect(built.data).toMatchObject({ status: "completed", conclusion: "success", head_sha: sha });
    await create("test", { status: "queued" });
    const latest = await f.octokit.rest.checks.listForRef({ ...f.repo, ref: "main" });
    expect(latest.data.total_count).toBe(2);
    expect(latest.data.check_runs.map((r) => [r.name, r.status])).toEqual([
      ["test", "queued"],
      ["build", "completed"],
    ]);
    const all = await f.octokit.rest.checks.listForRef({
      ...f.repo,
      ref: sha,
      filter: "all",
      check_name: "build",
    });
    expect(all.data.total_count).toBe(2);
    const done = await f.octokit.rest.checks.listForRef({
      ...f.repo,
      ref: sha,
      status: "completed",
    });
    expect(done.data.check_runs.map((r) => r.name)).toEqual(["build"]);
  });

  it("combined status: pending when none, newest per context, failure wins", async () => {
    const sha = f.sandbox.seedCommit("acme/app", { message: "feat" });
    const combined = async () =>
      (await f.octokit.rest.repos.getCombinedStatusForRef({ ...f.repo, ref: "main" })).data;
    expect(await combined()).toMatchObject({ state: "pending", total_count: 0, sha });
    const post = (context: string, state: "success" | "failure" | "pending" | "error") =>
      f.octokit.rest.repos.createCommitStatus({
        ...f.repo,
        sha,
        context,
        state,
        target_url: "https://ci.example/1",
      });
    await post("ci", "pending");
    await post("ci", "success");
    expect(await combined()).toMatchObject({ state: "success", total_count: 1 });
    await post("lint", "error");
    const c = await combined();
    expect(c.state).toBe("failure");
    expect(c.statuses.map((s) => [s.context, s.state])).toEqual([
      ["ci", "success"],
      ["lint", "error"],
    ]);
    expect(
      (await failure(f.octokit.rest.repos.getCombinedStatusForRef({ ...f.repo, ref: "nope" })))
        .status,
    ).toBe(404);
  });

  it("rulesets: tag protection create, list by target, update, delete, unique names", async () => {
    const tagRules = {
      ...f.repo,
      name: "release tags",
      target: "tag" as const,
      enforcement: "active" as const,
      conditions: { ref_name: { include: ["refs/tags/v*"], exclude: [] } },
      rules: [
        { type: "creation" as const },
        { type: "update" as const },
        { type: "deletion" as const },
      ],
    };
    const { data: created, status } = await f.octokit.rest.repos.createRepoRuleset(tagRules);
    expect(status).toBe(201);
    expect(created).toMatchObject({ target: "tag", source: "acme/app", source_type: "Repository" });
    expect((await failure(f.octokit.rest.repos.createRepoRuleset(tagRules))).status).toBe(422);
    await f.octokit.rest.repos.createRepoRuleset({
      ...f.repo,
      name: "main",
      enforcement: "evaluate",
      rules: [{ type: "non_fast_forward" }],
    });
    const tags = await f.octokit.rest.repos.getRepoRulesets({ ...f.repo, targets: "tag" });
    expect(tags.data.map((r) => r.name)).toEqual(["release tags"]);
    const updated = await f.octokit.rest.repos.updateRepoRuleset({
      ...f.repo,
      ruleset_id: created.id,
      enforcement: "disabled",
    });
    expect(updated.data).toMatchObject({ enforcement: "disabled", name: "release tags" });
    expect(
      (await f.octokit.rest.repos.getRepoRuleset({ ...f.repo, ruleset_id: created.id })).data.rules,
    ).toHaveLength(3);
    expect(
      (await f.octokit.rest.repos.deleteRepoRuleset({ ...f.repo, ruleset_id: created.id })).status,
    ).toBe(204);
    expect(
      (await failure(f.octokit.rest.repos.getRepoRuleset({ ...f.repo, ruleset_id: created.id })))
        .status,
    ).toBe(404);
  });

  it("users and teams from state, 404 otherwise", async () => {
    seedUser(f.sandbox.state, "alice");
    seedTeam(f.sandbox.state, { slug: "ops", name: "Ops", members: ["alice", "bob"] });
    const alice = await f.octokit.rest.users.getByUsername({ username: "alice" });
    expect(alice.data).toMatchObject({ login: "alice", type: "User" });
    expect((await failure(f.octokit.rest.users.getByUsername({ username: "nobody" }))).status).toBe(
      404,
    );
    const team = await f.octokit.rest.teams.getByName({ org: "acme", team_slug: "ops" });
    expect(team.data).toMatchObject({
      slug: "ops",
      name: "Ops",
      members_count: 2,
      organization: { login: "acme" },
    });
    expect(
      (await failure(f.octokit.rest.teams.getByName({ org: "acme", team_slug: "nope" }))).status,
    ).toBe(404);
  });
});
