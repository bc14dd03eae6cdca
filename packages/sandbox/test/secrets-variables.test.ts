import { describe, expect, it } from "vitest";
import { failure, quietOctokit, useSandbox } from "./rest-fixture.js";

describe("secrets", () => {
  const f = useSandbox();

  it("environment secrets overlay repository secrets; names are not case-sensitive", async () => {
    f.sandbox.setSecret("acme/app", "deploy_token", "repo-level");
    f.sandbox.setSecret("acme/app", "REGISTRY", "ghcr");
    f.sandbox.setSecret("acme/app", "Deploy_Token", "prod-level", { environment: "prod" });
    expect(f.sandbox.secretsFor("acme/app")).toEqual({
      DEPLOY_TOKEN: "repo-level",
      REGISTRY: "ghcr",
    });
    expect(f.sandbox.secretsFor("acme/app", "PROD")).toEqual({
      DEPLOY_TOKEN: "prod-level",
      REGISTRY: "ghcr",
    });
    expect(f.sandbox.secretsFor("acme/app", "qa")).toEqual(f.sandbox.secretsFor("acme/app"));
    // Setting an environment secret creates the environment, as referencing it would.
    const env = await f.octokit.rest.repos.getEnvironment({ ...f.repo, environment_name: "prod" });
    expect(env.data.name).toBe("prod");
  });

  it("refuse names GitHub refuses", () => {
    expect(() => f.sandbox.setSecret("acme/app", "GITHUB_TOKEN", "x")).toThrow(/GITHUB_ prefix/);
    expect(() => f.sandbox.setSecret("acme/app", "1KEY", "x")).toThrow(/start with a number/);
    expect(() => f.sandbox.setSecret("acme/app", "MY-KEY", "x")).toThrow(
      /letters, digits or underscores/,
    );
  });

  it("go with their environment", async () => {
    f.sandbox.setSecret("acme/app", "KEY", "v", { environment: "qa" });
    await f.octokit.rest.repos.deleteAnEnvironment({ ...f.repo, environment_name: "qa" });
    expect(f.sandbox.secretsFor("acme/app", "qa")).toEqual({});
  });
});

describe("variables over REST", () => {
  const f = useSandbox();
  const env = { owner: "acme", repo: "app", environment_name: "prod" };

  it("create, read, list, update and delete repository variables", async () => {
    const { actions } = f.octokit.rest;
    expect(
      (await actions.createRepoVariable({ ...f.repo, name: "region", value: "eu-1" })).status,
    ).toBe(201);
    const got = await actions.getRepoVariable({ ...f.repo, name: "REGION" });
    expect(got.data).toMatchObject({ name: "REGION", value: "eu-1" });
    expect(
      (await failure(actions.createRepoVariable({ ...f.repo, name: "REGION", value: "x" }))).status,
    ).toBe(409);
    expect(
      (await failure(actions.createRepoVariable({ ...f.repo, name: "GITHUB_X", value: "x" })))
        .status,
    ).toBe(422);
    await actions.updateRepoVariable({ ...f.repo, name: "region", value: "us-1" });
    expect((await actions.getRepoVariable({ ...f.repo, name: "region" })).data.value).toBe("us-1");
    for (let i = 0; i < 12; i++) {
      await actions.createRepoVariable({
        ...f.repo,
        name: `V${String(i).padStart(2, "0")}`,
        value: `${i}`,
      });
    }
    const first = await actions.listRepoVariables(f.repo);
    expect(first.data.total_count).toBe(13);
    // GitHub pages variables by 10.
    expect(first.data.variables).toHaveLength(10);
    const all = await f.octokit.paginate(actions.listRepoVariables, { ...f.repo, per_page: 30 });
    expect(all).toHaveLength(13);
    await actions.deleteRepoVariable({ ...f.repo, name: "V00" });
    expect((await failure(actions.getRepoVariable({ ...f.repo, name: "V00" }))).status).toBe(404);
  });

  it("environment variables overlay repository variables in vars", async () => {
    const { actions } = f.octokit.rest;
    expect(
      (await failure(actions.createEnvironmentVariable({ ...env, name: "URL", value: "x" })))
        .status,
    ).toBe(404);
    await f.octokit.rest.repos.createOrUpdateEnvironment(env);
    await actions.createRepoVariable({
      ...f.repo,
      name: "URL",
      value: "https://staging.example.test",
    });
    await actions.createRepoVariable({ ...f.repo, name: "TEAM", value: "shop" });
    await actions.createEnvironmentVariable({ ...env, name: "url", value: "https://example.test" });
    expect((await actions.getEnvironmentVariable({ ...env, name: "URL" })).data.value).toBe(
      "https://example.test",
    );
    expect((await actions.listEnvironmentVariables(env)).data.variables.map((v) => v.name)).toEqual(
      ["URL"],
    );
    expect(f.sandbox.variablesFor("acme/app", "prod")).toEqual({
      URL: "https://example.test",
      TEAM: "shop",
    });
    expect(f.sandbox.variablesFor("acme/app")).toEqual({
      URL: "https://staging.example.test",
      TEAM: "shop",
    });
    f.sandbox.setVariable("acme/app", "TEAM", "payments", { environment: "prod" });
    expect(f.sandbox.variablesFor("acme/app", "prod").TEAM).toBe("payments");
    await actions.deleteEnvironmentVariable({ ...env, name: "URL" });
    expect(f.sandbox.variablesFor("acme/app", "prod").URL).toBe("https://staging.example.test");
  });

  it("are out of a job token's reach, as GitHub grants no variables permission to it", async () => {
    const job = quietOctokit(
      f.sandbox,
      f.sandbox.issueJobToken({
        repository: "acme/app",
        permissions: { actions: "write", contents: "write" },
      }),
    );
    expect((await failure(job.rest.actions.listRepoVariables(f.repo))).status).toBe(403);
  });
});
