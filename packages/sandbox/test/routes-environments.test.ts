import { describe, expect, it } from "vitest";
import { seedTeam, seedUser } from "../src/rest/routes/seed.js";
import { failure, useSandbox } from "./rest-fixture.js";

describe("environments", () => {
  const f = useSandbox();
  const env = (environment_name: string) => ({ ...f.repo, environment_name });

  it("creates with protection rules shaped as GitHub's and lists them", async () => {
    const alice = seedUser(f.sandbox.state, "alice");
    const team = seedTeam(f.sandbox.state, {
      slug: "release-managers",
      name: "Release managers",
      members: ["bob"],
    });
    const { data } = await f.octokit.rest.repos.createOrUpdateEnvironment({
      ...env("prod"),
      wait_timer: 5,
      prevent_self_review: true,
      reviewers: [
        { type: "User", id: alice.id },
        { type: "Team", id: team.id },
      ],
      deployment_branch_policy: { protected_branches: false, custom_branch_policies: true },
    });
    expect(data.name).toBe("prod");
    const rules = data.protection_rules as Array<Record<string, unknown>>;
    expect(rules.map((r) => r.type)).toEqual(["wait_timer", "required_reviewers", "branch_policy"]);
    expect(rules[0]).toMatchObject({ wait_timer: 5 });
    const reviewers = rules[1]?.reviewers as Array<{
      type: string;
      reviewer: { login?: string; slug?: string };
    }>;
    expect(rules[1]?.prevent_self_review).toBe(true);
    expect(reviewers.map((r) => [r.type, r.reviewer.login ?? r.reviewer.slug])).toEqual([
      ["User", "alice"],
      ["Team", "release-managers"],
    ]);
    expect(data.deployment_branch_policy).toEqual({
      protected_branches: false,
      custom_branch_policies: true,
    });

    // An update keeps what it does not mention; null clears the branch policy.
    const updated = await f.octokit.rest.repos.createOrUpdateEnvironment({
      ...env("prod"),
      deployment_branch_policy: null,
    });
    expect(updated.data.protection_rules?.map((r) => r.type)).toEqual([
      "wait_timer",
      "required_reviewers",
    ]);
    expect(updated.data.deployment_branch_policy).toBeNull();

    await f.octokit.rest.repos.createOrUpdateEnvironment(env("dev"));
    const list = await f.octokit.rest.repos.getAllEnvironments(f.repo);
    expect(list.data.total_count).toBe(2);
    expect(list.data.environments?.map((e) => e.name)).toEqual(["dev", "prod"]);
    expect((await f.octokit.rest.repos.getEnvironment(env("dev"))).data.protection_rules).toEqual(
      [],
    );
    expect((await f.octokit.rest.repos.deleteAnEnvironment(env("dev"))).status).toBe(204);
    expect((await failure(f.octokit.rest.repos.getEnvironment(env("dev")))).status).toBe(404);
  });

  it("refuses invalid protection settings with 422", async () => {
    const refuse = async (body: object) =>
      (await failure(f.octokit.rest.repos.createOrUpdateEnvironment({ ...env("prod"), ...body })))
        .status;
    expect(await refuse({ wait_timer: 43_201 })).toBe(422);
    expect(
      await refuse({
        deployment_branch_policy: { protected_branches: true, custom_branch_policies: true },
      }),
    ).toBe(422);
    expect(
      await refuse({
        deployment_branch_policy: { protected_branches: false, custom_branch_policies: false },
      }),
    ).toBe(422);
    expect(await refuse({ reviewers: [{ type: "User", id: 424242 }] })).toBe(422);
    const ids = ["a", "b", "c", "d", "e", "f", "g"].map((l) => seedUser(f.sandbox.state, l).id);
    expect(await refuse({ reviewers: ids.map((id) => ({ type: "User", id })) })).toBe(422);
    expect(
      (await f.octokit.rest.repos.createOrUpdateEnvironment({ ...env("prod"), wait_timer: 43_200 }))
        .status,
    ).toBe(200);
  });

  it("deployment branch and tag policies need custom_branch_policies; a duplicate is 303", async () => {
    await f.octokit.rest.repos.createOrUpdateEnvironment(env("prod"));
    const policy = { ...env("prod"), name: "v*", type: "tag" as const };
    expect((await failure(f.octokit.rest.repos.createDeploymentBranchPolicy(policy))).status).toBe(
      404,
    );
    await f.octokit.rest.repos.createOrUpdateEnvironment({
      ...env("prod"),
      deployment_branch_policy: { protected_branches: false, custom_branch_policies: true },
    });
    const created = await f.octokit.rest.repos.createDeploymentBranchPolicy(policy);
    expect(created.data).toMatchObject({ name: "v*", type: "tag" });
    // fetch follows the 303 to the existing policy.
    const again = await f.octokit.rest.repos.createDeploymentBranchPolicy(policy);
    expect(again.data.id).toBe(created.data.id);
    const id = created.data.id!;
    const list = await f.octokit.rest.repos.listDeploymentBranchPolicies(env("prod"));
    expect(list.data).toMatchObject({ total_count: 1, branch_policies: [{ id, name: "v*" }] });
    const renamed = await f.octokit.rest.repos.updateDeploymentBranchPolicy({
      ...env("prod"),
      branch_policy_id: id,
      name: "v*.*.*",
    });
    expect(renamed.data.name).toBe("v*.*.*");
    expect(
      (
        await f.octokit.rest.repos.getDeploymentBranchPolicy({
          ...env("prod"),
          branch_policy_id: id,
        })
      ).data.type,
    ).toBe("tag");
    expect(
      (
        await f.octokit.rest.repos.deleteDeploymentBranchPolicy({
          ...env("prod"),
          branch_policy_id: id,
        })
      ).status,
    ).toBe(204);
    const rules = await f.octokit.rest.repos.getAllDeploymentProtectionRules(env("prod"));
    expect(rules.data).toEqual({ total_count: 0, custom_deployment_protection_rules: [] });
  });
});
