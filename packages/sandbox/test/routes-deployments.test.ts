import { describe, expect, it } from "vitest";
import { seedCheckRun, seedCommitStatus, seedDeployment } from "../src/rest/routes/seed.js";
import { failure, useSandbox } from "./rest-fixture.js";

type Client = ReturnType<typeof useSandbox>["octokit"];
type CreateParams = Parameters<Client["rest"]["repos"]["createDeployment"]>[0];

/** createDeployment narrowed to the 201 answer (202 means GitHub merged instead). */
async function createDeployment(octokit: Client, params: CreateParams) {
  const response = await octokit.rest.repos.createDeployment(params);
  if (!("id" in response.data)) throw new Error(`expected a deployment, got ${response.status}`);
  return { ...response, data: response.data };
}

describe("deployments and deployment statuses", () => {
  const f = useSandbox();
  const main = () => f.sandbox.seedCommit("acme/app", { message: "feat" });

  it("creates with GitHub's defaults and a JSON-string payload stored as an object", async () => {
    const sha = main();
    const { data: d, status } = await createDeployment(f.octokit, {
      ...f.repo,
      ref: "main",
      payload: JSON.stringify({ fastdeploy: { version: "1.0.0" } }),
      auto_merge: false,
    });
    expect(status).toBe(201);
    expect(d).toMatchObject({
      sha,
      ref: "main",
      task: "deploy",
      environment: "production",
      production_environment: true,
      transient_environment: false,
      payload: { fastdeploy: { version: "1.0.0" } },
    });
    expect(d.creator?.login).toBe("octocat");
    const qa = await createDeployment(f.octokit, {
      ...f.repo,
      ref: sha,
      environment: "qa",
      transient_environment: true,
    });
    expect(qa.data).toMatchObject({
      production_environment: false,
      transient_environment: true,
      sha,
    });
    // The environment was created implicitly.
    const env = await f.octokit.rest.repos.getEnvironment({ ...f.repo, environment_name: "qa" });
    expect(env.data.name).toBe("qa");
    expect((await failure(createDeployment(f.octokit, { ...f.repo, ref: "nope" }))).status).toBe(
      422,
    );
  });

  it("answers 409 while the commit's contexts have not all passed, unless required_contexts is []", async () => {
    const sha = main();
    const repo = f.sandbox.repo("acme/app");
    seedCheckRun(f.sandbox.state, repo, { head_sha: sha, name: "build", status: "in_progress" });
    const refused = await failure(createDeployment(f.octokit, { ...f.repo, ref: "main" }));
    expect(refused.status).toBe(409);
    expect((refused.data as { message: string }).message).toBe(
      "Conflict: Commit status checks failed for main.",
    );
    const ok = await createDeployment(f.octokit, {
      ...f.repo,
      ref: "main",
      required_contexts: [],
    });
    expect(ok.status).toBe(201);
    seedCheckRun(f.sandbox.state, repo, { head_sha: sha, name: "build", conclusion: "success" });
    seedCommitStatus(f.sandbox.state, repo, { sha, state: "failure", context: "lint" });
    expect((await failure(createDeployment(f.octokit, { ...f.repo, ref: "main" }))).status).toBe(
      409,
    );
    const named = await createDeployment(f.octokit, {
      ...f.repo,
      ref: "main",
      required_contexts: ["build"],
    });
    expect(named.status).toBe(201);
    expect(
      (
        await failure(
          createDeployment(f.octokit, {
            ...f.repo,
            ref: "main",
            required_contexts: ["e2e"],
          }),
        )
      ).status,
    ).toBe(409);
  });

  it("lists newest first with filters and Link pagination", async () => {
    main();
    const ids: number[] = [];
    for (let i = 0; i < 7; i++) {
      const env = i % 2 ? "qa" : "dev";
      const { data } = await createDeployment(f.octokit, {
        ...f.repo,
        ref: "main",
        environment: env,
        task: i === 6 ? "deploy:fastdeploy" : "deploy",
      });
      ids.push(data.id);
    }
    const all = await f.octokit.paginate(f.octokit.rest.repos.listDeployments, {
      ...f.repo,
      per_page: 2,
    });
    expect(all.map((d) => d.id)).toEqual([...ids].reverse());
    const dev = await f.octokit.rest.repos.listDeployments({ ...f.repo, environment: "dev" });
    expect(dev.data.map((d) => d.id)).toEqual([ids[6], ids[4], ids[2], ids[0]]);
    const task = await f.octokit.rest.repos.listDeployments({
      ...f.repo,
      task: "deploy:fastdeploy",
    });
    expect(task.data.map((d) => d.id)).toEqual([ids[6]]);
    const page2 = await f.octokit.rest.repos.listDeployments({ ...f.repo, per_page: 3, page: 2 });
    expect(page2.data.map((d) => d.id)).toEqual([ids[3], ids[2], ids[1]]);
    expect(page2.headers.link).toContain('rel="next"');
  });

  it("auto_inactive deactivates earlier successful non-production deployments only", async () => {
    main();
    const create = async (environment: string, extra: object = {}) =>
      (
        await createDeployment(f.octokit, {
          ...f.repo,
          ref: "main",
          environment,
          ...extra,
        })
      ).data.id;
    const status = (
      deployment_id: number,
      state: "success" | "failure" | "in_progress",
      extra: object = {},
    ) => f.octokit.rest.repos.createDeploymentStatus({ ...f.repo, deployment_id, state, ...extra });
    const latest = async (deployment_id: number) =>
      (await f.octokit.rest.repos.listDeploymentStatuses({ ...f.repo, deployment_id })).data[0]
        ?.state;

    const qa1 = await create("qa");
    await status(qa1, "success");
    const qa2 = await create("qa");
    await status(qa2, "in_progress");
    expect(await latest(qa1)).toBe("success");
    await status(qa2, "success");
    expect(await latest(qa1)).toBe("inactive");
    expect(await latest(qa2)).toBe("success");

    // A transient deployment's success still deactivates earlier ones, but it is itself
    // never deactivated; auto_inactive: false leaves earlier deployments alone.
    const t = await create("qa", { transient_environment: true });
    await status(t, "success");
    expect(await latest(qa2)).toBe("inactive");
    const qa3 = await create("qa");
    await status(qa3, "success");
    expect(await latest(t)).toBe("success");
    const qa4 = await create("qa");
    await status(qa4, "success", { auto_inactive: false });
    expect(await latest(qa3)).toBe("success");

    // Production deployments are never auto-deactivated.
    const p1 = await create("production");
    await status(p1, "success");
    const p2 = await create("production");
    await status(p2, "success");
    expect(await latest(p1)).toBe("success");
  });

  it("statuses: log_url sets target_url, newest first, get one, environment change", async () => {
    main();
    const { data: d } = await createDeployment(f.octokit, {
      ...f.repo,
      ref: "main",
      environment: "dev",
    });
    const s1 = await f.octokit.rest.repos.createDeploymentStatus({
      ...f.repo,
      deployment_id: d.id,
      state: "queued",
    });
    expect(s1.data).toMatchObject({ target_url: "", log_url: "", environment: "dev" });
    const s2 = await f.octokit.rest.repos.createDeploymentStatus({
      ...f.repo,
      deployment_id: d.id,
      state: "success",
      log_url: "https://ci.example/run/1",
      environment_url: "https://dev.example",
      description: "done",
    });
    expect(s2.data).toMatchObject({
      target_url: "https://ci.example/run/1",
      log_url: "https://ci.example/run/1",
      environment_url: "https://dev.example",
    });
    const list = await f.octokit.rest.repos.listDeploymentStatuses({
      ...f.repo,
      deployment_id: d.id,
    });
    expect(list.data.map((s) => s.id)).toEqual([s2.data.id, s1.data.id]);
    const one = await f.octokit.rest.repos.getDeploymentStatus({
      ...f.repo,
      deployment_id: d.id,
      status_id: s1.data.id,
    });
    expect(one.data.state).toBe("queued");
    const moved = await f.octokit.rest.repos.createDeploymentStatus({
      ...f.repo,
      deployment_id: d.id,
      state: "success",
      environment: "qa",
    });
    expect(moved.data.environment).toBe("qa");
    expect(
      (await f.octokit.rest.repos.getDeployment({ ...f.repo, deployment_id: d.id })).data
        .environment,
    ).toBe("qa");
    expect(
      (await failure(f.octokit.rest.repos.getDeployment({ ...f.repo, deployment_id: 999999 })))
        .status,
    ).toBe(404);
  });

  it("deletes only inactive deployments, or the only one", async () => {
    main();
    const only = await createDeployment(f.octokit, {
      ...f.repo,
      ref: "main",
      environment: "dev",
    });
    await f.octokit.rest.repos.createDeploymentStatus({
      ...f.repo,
      deployment_id: only.data.id,
      state: "success",
    });
    expect(
      (await f.octokit.rest.repos.deleteDeployment({ ...f.repo, deployment_id: only.data.id }))
        .status,
    ).toBe(204);
    const a = await createDeployment(f.octokit, {
      ...f.repo,
      ref: "main",
      environment: "dev",
    });
    await f.octokit.rest.repos.createDeploymentStatus({
      ...f.repo,
      deployment_id: a.data.id,
      state: "success",
    });
    const b = await createDeployment(f.octokit, {
      ...f.repo,
      ref: "main",
      environment: "dev",
    });
    expect(
      (
        await failure(
          f.octokit.rest.repos.deleteDeployment({ ...f.repo, deployment_id: a.data.id }),
        )
      ).status,
    ).toBe(422);
    await f.octokit.rest.repos.createDeploymentStatus({
      ...f.repo,
      deployment_id: b.data.id,
      state: "success",
    });
    expect(
      (await f.octokit.rest.repos.deleteDeployment({ ...f.repo, deployment_id: a.data.id })).status,
    ).toBe(204);
  });

  it("seeds 5,000 deployments quickly and pages through an environment newest first", async () => {
    main();
    const repo = f.sandbox.repo("acme/app");
    const started = performance.now();
    const made = seedDeployment(
      f.sandbox.state,
      repo,
      (i) => ({
        ref: "main",
        environment: i % 2 ? "prod" : "qa",
        task: "deploy:fastdeploy",
        payload: { fastdeploy: { version: `1.0.${i}` } },
      }),
      5000,
    );
    expect(performance.now() - started).toBeLessThan(2000);
    const first = await f.octokit.rest.repos.listDeployments({
      ...f.repo,
      environment: "qa",
      per_page: 100,
    });
    expect(first.data).toHaveLength(100);
    expect(first.data[0]?.id).toBe(made[4998]?.id);
    const statuses = await f.octokit.rest.repos.listDeploymentStatuses({
      ...f.repo,
      deployment_id: made[4998]!.id,
    });
    expect(statuses.data.map((s) => s.state)).toEqual(["success"]);
    const older = await f.octokit.rest.repos.listDeploymentStatuses({
      ...f.repo,
      deployment_id: made[4996]!.id,
    });
    expect(older.data.map((s) => s.state)).toEqual(["inactive", "success"]);
  });
});
