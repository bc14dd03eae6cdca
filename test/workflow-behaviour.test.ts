// The workflows `fastdeploy init` writes, run through the local engine (GitHub's parser and
// expression evaluator, job tokens with each job's permissions, environment reviews) against
// the local GitHub, with the committed action bundles:
// - a rollback starts and finishes while a promote to the same environment waits for its
//   review; the promote then runs, nothing cancelled;
// - the deploy job holds `contents: read` only; the latest job, which runs no user code, is
//   what marks the production release latest;
// - two promotes queued behind one parked at its review both run, in order, none cancelled
//   (`queue: max`), and a rollback still starts at once;
// - the approver in the ledger is the reviewer GitHub recorded for the run;
// - GitHub's own job deployment links the version's release page.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { DeploymentLedger } from "@fastdeploy/github";
import { REPO_ROOT, seedUser, startLocalGitHub } from "@fastdeploy/sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  approvePending,
  conclusions,
  type EngineKit,
  engineKit,
  type WorkflowRepo,
  workflowRepo,
} from "../packages/engine/test/support/engine-kit.js";
import { type LedgerStep, seedLedger } from "./support/ledger-seed.js";
import {
  type PublishedVersion,
  publishTestVersion,
  testClient,
} from "./support/published-version.js";

const REPO = { owner: "acme", repo: "shop" };
const starter = (name: string) => readFileSync(join(REPO_ROOT, "workflows", name), "utf8");
const CONFIG = `name: shop
deploy:
  command: echo "deployed $FASTDEPLOY_VERSION to $FASTDEPLOY_TARGET"
environments:
  - name: dev
  - name: qa
  - name: prod
    production: true
    require-review: true
`;

/** A project whose build and deploy commands need nothing but a shell. */
const BUILD_CONFIG = `name: shop
build:
  command: mkdir -p dist && echo "shop $FASTDEPLOY_VERSION" > dist/index.html
  path: dist
deploy:
  command: echo "deployed $FASTDEPLOY_VERSION to $FASTDEPLOY_ENVIRONMENT"
`;

let repo: WorkflowRepo;
let kit: EngineKit;
let prodId: number;
const versions: Record<string, PublishedVersion> = {};
/** What the reviewer does when a job waits, by job name; undefined: leave it waiting. */
const onWait = new Map<string, (runId: number) => void>();

async function review(runId: number, login: string, state: "approved" | "rejected") {
  const response = await fetch(
    `${kit.local.sandbox.apiUrl}/repos/acme/shop/actions/runs/${runId}/pending_deployments`,
    {
      method: "POST",
      headers: {
        authorization: `token ${kit.local.sandbox.userToken(login)}`,
        "content-type": "application/json",
      },
      body: JSON.stringify({ environment_ids: [prodId], state, comment: `${state} by ${login}` }),
    },
  );
  expect(response.status).toBe(200);
}

/** Dispatches the rollback starter for prod, as bob. */
const rollBackProd = (reason: string) =>
  kit.engine.trigger({
    name: "workflow_dispatch",
    workflow: "rollback.yml",
    ref: "main",
    actor: "bob",
    inputs: { environment: "prod", reason },
  });

beforeAll(async () => {
  repo = workflowRepo({
    ".github/fastdeploy.yml": CONFIG,
    ".github/workflows/promote.yml": starter("promote.yml"),
    ".github/workflows/rollback.yml": starter("rollback.yml"),
  });
  kit = await engineKit(repo, {
    onReviewWait: ({ runId, job }) => {
      const act = [...onWait.entries()].find(([name]) => job.startsWith(name))?.[1];
      act?.(runId);
    },
  });
  const { sandbox } = kit.local;
  const alice = seedUser(sandbox.state, "alice");
  seedUser(sandbox.state, "bob");
  const response = await fetch(`${sandbox.apiUrl}/repos/acme/shop/environments/prod`, {
    method: "PUT",
    headers: { authorization: `token ${kit.local.token}`, "content-type": "application/json" },
    body: JSON.stringify({
      prevent_self_review: true,
      reviewers: [{ type: "User", id: alice.id }],
    }),
  });
  prodId = ((await response.json()) as { id: number }).id;
  for (const version of ["1.4.2", "1.5.0", "1.6.0"])
    versions[version] = await publishTestVersion(kit.local, {
      version,
      makeLatest: version === "1.5.0",
    });
  const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000);
  const step = (v: PublishedVersion, minutesAgo: number): LedgerStep => ({
    version: v.version,
    digest: v.digest,
    releaseId: v.releaseId,
    at: at(minutesAgo),
  });
  seedLedger(sandbox, "acme/shop", "prod", [
    step(versions["1.4.2"]!, 60),
    step(versions["1.5.0"]!, 30),
  ]);
}, 120_000);
afterAll(async () => {
  await kit?.close();
  repo?.remove();
});

describe("the starter workflows through the engine", () => {
  it("rolls prod back while a promote to prod waits for its review, then runs the promote", async () => {
    let promoteWaiting!: (runId: number) => void;
    const waiting = new Promise<number>((resolve) => {
      promoteWaiting = resolve;
    });
    onWait.set("Promote", (runId) => promoteWaiting(runId));
    onWait.set("Roll back", (runId) => void review(runId, "alice", "approved"));

    const promote = kit.engine.trigger({
      name: "workflow_dispatch",
      workflow: "promote.yml",
      ref: "main",
      actor: "bob",
      inputs: { version: "1.6.0", environment: "prod" },
    });
    const promoteRunId = await waiting;

    // The promote is parked at prod's review; the rollback does not wait behind it.
    const [rollback] = await rollBackProd("checkout errors");
    expect(rollback?.errors ?? []).toEqual([]);
    expect(conclusions(rollback as never)).toEqual({
      "Roll back prod to previous": "success",
      "Mark the release latest": "success",
    });
    const client = testClient(kit.local);
    const ledger = new DeploymentLedger(client, REPO);
    expect((await ledger.environment("prod").live())?.version).toBe("1.4.2");
    expect((await client.rest.repos.getLatestRelease(REPO)).data.tag_name).toBe("v1.4.2");

    // Now the reviewer approves the promote, which was neither cancelled nor overtaken.
    await review(promoteRunId, "alice", "approved");
    const [promoted] = await promote;
    expect(promoted?.errors ?? []).toEqual([]);
    expect(conclusions(promoted as never)).toEqual({
      "Promote 1.6.0 to prod": "success",
      "Mark the release latest": "success",
    });
    // A fresh ledger: one instance keeps what it read.
    const live = await new DeploymentLedger(client, REPO).environment("prod").live();
    expect(live?.version).toBe("1.6.0");
    // The approver in the ledger is the one GitHub recorded for the run.
    expect(live?.payload.approval?.approvers.map((a) => a.login)).toEqual(["alice"]);
    // The deploy job (contents: read) left latest alone; the latest job marked it.
    expect((await client.rest.repos.getLatestRelease(REPO)).data.tag_name).toBe("v1.6.0");
    // GitHub's own job deployments (task `deploy`, of the run's ref) read the version: with no
    // environment URL configured, each job's environment.url is the release page of the version
    // it deployed, the promote's and the rollback's.
    const jobDeployments = await client.rest.repos.listDeployments({
      ...REPO,
      environment: "prod",
      task: "deploy",
    });
    expect(jobDeployments.data.map((d) => d.ref)).toEqual(["main", "main"]);
    const shown = [];
    for (const d of jobDeployments.data) {
      const statuses = await client.rest.repos.listDeploymentStatuses({
        ...REPO,
        deployment_id: d.id,
      });
      shown.push(statuses.data.find((x) => x.state === "success")?.environment_url);
    }
    expect(shown.sort()).toEqual([
      expect.stringMatching(/\/acme\/shop\/releases\/tag\/v1\.4\.2$/),
      expect.stringMatching(/\/acme\/shop\/releases\/tag\/v1\.6\.0$/),
    ]);
    const deployLog = kit.logOf("Promote 1.6.0 to prod").join("\n");
    expect(deployLog).toContain("deployed 1.6.0 to prod");
    expect(deployLog).not.toContain("could not be marked latest");
  }, 240_000);
});

describe("FastDeploy's own release.yml through the engine", () => {
  it("is refused by name before any run starts: the major-tag job mints a GitHub App token, which the engine does not provide", async () => {
    // The engine runs this repository's actions and stand-ins for checkout and setup-node only;
    // a token minted by actions/create-github-app-token cannot be faked meaningfully, so the
    // run is refused rather than run without that step. test/workflows.test.ts checks the
    // step's inputs and runs the move script (token choice, the failure without one).
    const own = workflowRepo({
      ".github/workflows/release.yml": readFileSync(
        join(REPO_ROOT, ".github/workflows/release.yml"),
        "utf8",
      ),
      ".github/workflows/pipeline.yml": readFileSync(
        join(REPO_ROOT, ".github/workflows/pipeline.yml"),
        "utf8",
      ),
    });
    execFileSync("git", ["tag", "v1.0.0"], { cwd: own.dir });
    const ownKit = await engineKit(own, { local: kit.local });
    try {
      const error = await ownKit.engine.trigger({ name: "push", ref: "refs/tags/v1.0.0" }).then(
        () => undefined,
        (e: unknown) => e as Error,
      );
      expect(error?.message).toMatch(
        /job 'major-tag': The local engine does not provide the action 'actions\/create-github-app-token@1b10c78c7865c340bc4f6099eb2f838309f1e8c3'/,
      );
      expect(ownKit.events.filter((e) => e.type === "run-queued")).toEqual([]);
    } finally {
      await ownKit.close();
      own.remove();
    }
  });
});

describe("approvals through the engine", () => {
  it("a promote re-run approved after its first attempt was rejected deploys, require-review passing", async () => {
    await publishTestVersion(kit.local, { version: "1.7.0" });
    onWait.clear();
    let attempt = 0;
    onWait.set("Promote", (runId) => {
      void review(runId, "alice", attempt++ === 0 ? "rejected" : "approved");
    });
    const [first] = await kit.engine.trigger({
      name: "workflow_dispatch",
      workflow: "promote.yml",
      ref: "main",
      actor: "bob",
      inputs: { version: "1.7.0", environment: "prod" },
    });
    expect(first?.conclusion).toBe("failure");
    const again = await kit.engine.rerun(first?.runId as number, { actor: "bob" });
    expect(again.errors ?? []).toEqual([]);
    expect(conclusions(again)).toEqual({
      "Promote 1.7.0 to prod": "success",
      "Mark the release latest": "success",
    });
    const live = await new DeploymentLedger(testClient(kit.local), REPO).environment("prod").live();
    expect(live?.version).toBe("1.7.0");
    expect(live?.payload.approval?.approvers.map((a) => a.login)).toEqual(["alice"]);
  }, 240_000);
});

describe("queued deploys through the engine (`queue: max`)", () => {
  /** Resolves once an engine event matches; the engine reports as it goes. */
  async function eventually(match: (e: (typeof kit.events)[number]) => boolean) {
    for (let i = 0; i < 300; i++) {
      if (kit.events.some(match)) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error("the engine never reported the awaited event");
  }

  it("runs two deploys queued behind a running one in order, cancels none, and a rollback still starts at once", async () => {
    for (const version of ["1.8.0", "1.9.0", "1.10.0"])
      versions[version] = await publishTestVersion(kit.local, { version });
    onWait.clear();
    let firstWaiting!: (runId: number) => void;
    const parked = new Promise<number>((resolve) => {
      firstWaiting = resolve;
    });
    onWait.set("Promote 1.8.0", (runId) => firstWaiting(runId));
    // The queued ones are approved as soon as they reach prod's review.
    onWait.set("Promote 1.9.0", (runId) => void review(runId, "alice", "approved"));
    onWait.set("Promote 1.10.0", (runId) => void review(runId, "alice", "approved"));
    onWait.set("Roll back", (runId) => void review(runId, "alice", "approved"));
    const promote = (version: string) =>
      kit.engine.trigger({
        name: "workflow_dispatch",
        workflow: "promote.yml",
        ref: "main",
        actor: "bob",
        inputs: { version, environment: "prod" },
      });
    const pendingIn = (job: string) => eventually((e) => e.type === "job-pending" && e.job === job);

    // 1.8.0 holds prod's deploy group, parked at the review; 1.9.0, then 1.10.0, queue behind it.
    const first = promote("1.8.0");
    const firstRunId = await parked;
    const second = promote("1.9.0");
    await pendingIn("Promote 1.9.0 to prod");
    const third = promote("1.10.0");
    await pendingIn("Promote 1.10.0 to prod");

    // A rollback does not wait behind any of them.
    const [rollback] = await rollBackProd("latency");
    expect(rollback?.errors ?? []).toEqual([]);
    expect(rollback?.conclusion).toBe("success");
    // Both queued deploys are still waiting their turn: the newer did not cancel the older.
    const cancelled = kit.events.filter(
      (e) =>
        e.type === "job-completed" &&
        e.job.startsWith("Promote 1.") &&
        e.conclusion === "cancelled",
    );
    expect(cancelled).toEqual([]);

    await review(firstRunId, "alice", "approved");
    const runs = [...(await first), ...(await second), ...(await third)];
    expect(runs.map((r) => [r.conclusion, r.errors])).toEqual([
      ["success", []],
      ["success", []],
      ["success", []],
    ]);
    // In the order they entered the group, one after the other.
    const started = kit.events.flatMap((e) =>
      e.type === "job-started" && /^Promote 1\.(8|9|10)\.0 to prod$/.test(e.job) ? [e.job] : [],
    );
    expect(started).toEqual([
      "Promote 1.8.0 to prod",
      "Promote 1.9.0 to prod",
      "Promote 1.10.0 to prod",
    ]);
    const client = testClient(kit.local);
    const history = await client.rest.repos.listDeployments({
      ...REPO,
      environment: "prod",
      task: "deploy:fastdeploy",
      per_page: 3,
    });
    // Newest first: each ran to the end and recorded its deployment, in order.
    expect(
      history.data.map(
        (d) => (d.payload as { fastdeploy: { version: string } }).fastdeploy.version,
      ),
    ).toEqual(["1.10.0", "1.9.0", "1.8.0"]);
    expect((await new DeploymentLedger(client, REPO).environment("prod").live())?.version).toBe(
      "1.10.0",
    );
  }, 240_000);
});

describe("the self-contained release workflow through the engine", () => {
  let tagRepo: WorkflowRepo;
  let tagKit: EngineKit;

  beforeAll(async () => {
    tagRepo = workflowRepo({
      ".github/fastdeploy.yml": BUILD_CONFIG,
      ".github/workflows/release.yml": starter("release.yml"),
    });
    tagRepo.tag("v2.0.0");
    const local = await startLocalGitHub({ repository: "acme/shop", artifacts: true });
    // The local GitHub knows the tagged commit, as GitHub knows every pushed commit.
    const sha = execFileSync("git", ["rev-parse", "HEAD"], { cwd: tagRepo.dir, encoding: "utf8" });
    local.sandbox.seedCommit("acme/shop", { message: "initial", sha: sha.trim() });
    tagKit = await engineKit(tagRepo, {
      local,
      onReviewWait: ({ runId, environment }) => {
        if (environment === "prod") void approvePending(tagKit, runId, "carol");
      },
    });
    const carol = seedUser(local.sandbox.state, "carol");
    await fetch(`${local.sandbox.apiUrl}/repos/acme/shop/environments/prod`, {
      method: "PUT",
      headers: { authorization: `token ${local.token}`, "content-type": "application/json" },
      body: JSON.stringify({ reviewers: [{ type: "User", id: carol.id }] }),
    });
  }, 120_000);
  afterAll(async () => {
    await tagKit?.local.close();
    tagRepo?.remove();
  });

  it("builds a tag once, publishes it, deploys dev → qa → prod in order behind prod's review, then marks it latest", async () => {
    const [run] = await tagKit.engine.trigger({ name: "push", ref: "refs/tags/v2.0.0" });
    expect(run?.errors ?? []).toEqual([]);
    expect(conclusions(run as never)).toMatchObject({
      "Build and verify": "success",
      "Publish the release": "success",
      "Deploy to dev": "success",
      "Deploy to qa": "success",
      "Deploy to prod": "success",
      "Mark the release latest": "success",
    });
    const client = testClient(tagKit.local);
    const deployedAt: Record<string, string> = {};
    for (const env of ["dev", "qa", "prod"]) {
      const live = await new DeploymentLedger(client, REPO).environment(env).live();
      expect(live?.version, env).toBe("2.0.0");
      deployedAt[env] = String(live?.deploymentId);
    }
    // In the listed order: each stage's deployment was created after the one before.
    expect(Number(deployedAt.dev)).toBeLessThan(Number(deployedAt.qa));
    expect(Number(deployedAt.qa)).toBeLessThan(Number(deployedAt.prod));
    const release = (await client.rest.repos.getLatestRelease(REPO)).data;
    expect(release.tag_name).toBe("v2.0.0");
    // GitHub's job deployment of each stage links the release it deployed.
    const deployJobs = run?.jobs.filter((j) => j.name.startsWith("Deploy to")) ?? [];
    expect(deployJobs.map((j) => j.environmentUrl)).toEqual([
      release.html_url,
      release.html_url,
      release.html_url,
    ]);
    // prod's approve step checked that qa held this version first.
    expect(tagKit.logOf("Deploy to prod").join("\n")).toContain("Promotion order: qa");
  }, 300_000);
});

describe("the self-contained release workflow without a production environment", () => {
  it("deploys a tag through every environment it lists and marks nothing latest", async () => {
    // Latest is what production runs: with dev and qa only, a tag leaves the latest alone.
    const repo = workflowRepo({
      ".github/fastdeploy.yml": BUILD_CONFIG,
      ".github/workflows/release.yml": starter("release.yml").replace(
        "ENVIRONMENTS: dev, qa, prod",
        "ENVIRONMENTS: dev, qa",
      ),
    });
    repo.tag("v3.0.0");
    const local = await startLocalGitHub({ repository: "acme/shop", artifacts: true });
    try {
      const sha = execFileSync("git", ["rev-parse", "HEAD"], { cwd: repo.dir, encoding: "utf8" });
      local.sandbox.seedCommit("acme/shop", { message: "initial", sha: sha.trim() });
      const kit = await engineKit(repo, { local });
      const [run] = await kit.engine.trigger({ name: "push", ref: "refs/tags/v3.0.0" });
      expect(run?.errors ?? []).toEqual([]);
      expect(conclusions(run as never)).toMatchObject({
        "Deploy to dev": "success",
        "Deploy to qa": "success",
        "Mark the release latest": "skipped",
      });
      const client = testClient(local);
      const live = await new DeploymentLedger(client, REPO).environment("qa").live();
      expect(live?.version).toBe("3.0.0");
      const latest = await client.rest.repos.getLatestRelease(REPO).catch((e) => e);
      expect(latest.status).toBe(404);
    } finally {
      await local.close();
      repo.remove();
    }
  }, 300_000);
});

describe("the release tag handed to the latest job", () => {
  /** Runs the starter release.yml, changed by `edit`, for a pushed `tag`, in a repository of its own. */
  async function release(tag: string, config: string, edit: (text: string) => string) {
    const repo = workflowRepo({
      ".github/fastdeploy.yml": config,
      ".github/workflows/release.yml": edit(starter("release.yml")),
    });
    repo.tag(tag);
    const local = await startLocalGitHub({ repository: "acme/shop", artifacts: true });
    try {
      const sha = execFileSync("git", ["rev-parse", "HEAD"], { cwd: repo.dir, encoding: "utf8" });
      local.sandbox.seedCommit("acme/shop", { message: "initial", sha: sha.trim() });
      const kit = await engineKit(repo, { local });
      const [run] = await kit.engine.trigger({ name: "push", ref: `refs/tags/${tag}` });
      const client = testClient(local);
      const latest = await client.rest.repos.getLatestRelease(REPO).catch((e) => e);
      return { run, latest, log: kit.logOf("Mark the release latest").join("\n") };
    } finally {
      await local.close();
      repo.remove();
    }
  }

  it("marks the release under the config's own tag-prefix latest, with no checkout in that job", async () => {
    const { run, latest } = await release(
      "rel-3.0.0",
      `tag-prefix: rel-\n${BUILD_CONFIG}`,
      (text) =>
        text
          .replace('tags: ["v*.*.*"]', 'tags: ["rel-*.*.*"]')
          .replace("ENVIRONMENTS: dev, qa, prod", "ENVIRONMENTS: dev, prod"),
    );
    expect(run?.errors ?? []).toEqual([]);
    expect(conclusions(run as never)).toMatchObject({
      "Deploy to dev": "success",
      "Deploy to prod": "success",
      "Mark the release latest": "success",
    });
    expect(latest.data?.tag_name).toBe("rel-3.0.0");
  }, 300_000);

  it("stops the latest job, marking nothing, when the deploy job gave no tag", async () => {
    const withoutTag = (text: string) =>
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a workflow expression, not a template
      text.replace("      tag: ${{ steps.distribute.outputs.tag }}\n", "");
    // The deploy job's tag output is really gone.
    expect(withoutTag(starter("release.yml"))).not.toBe(starter("release.yml"));
    const { run, latest, log } = await release("v3.0.0", BUILD_CONFIG, (text) =>
      withoutTag(text).replace("ENVIRONMENTS: dev, qa, prod", "ENVIRONMENTS: dev, prod"),
    );
    expect(conclusions(run as never)).toMatchObject({
      "Deploy to prod": "success",
      "Mark the release latest": "failure",
    });
    expect(log).toContain("The deploy job gave no release tag, so nothing is marked latest.");
    expect(latest.status).toBe(404);
  }, 300_000);
});

describe("the reusable pipeline with handoff: same-job (GHES) through the engine", () => {
  it("builds, verifies and publishes in one job without a workflow artifact, then deploys", async () => {
    const caller = readFileSync(join(REPO_ROOT, "workflows/reusable/release.yml"), "utf8").replace(
      "environments: dev, qa, prod",
      "environments: dev\n      handoff: same-job",
    );
    expect(caller).toContain("handoff: same-job");
    const ghesRepo = workflowRepo({
      ".github/fastdeploy.yml": BUILD_CONFIG,
      ".github/workflows/release.yml": caller,
    });
    ghesRepo.tag("v3.0.0");
    // No artifact service at all, as on GHES where @actions/artifact refuses to run.
    const local = await startLocalGitHub({ repository: "acme/shop" });
    const sha = execFileSync("git", ["rev-parse", "HEAD"], { cwd: ghesRepo.dir, encoding: "utf8" });
    local.sandbox.seedCommit("acme/shop", { message: "initial", sha: sha.trim() });
    const ghesKit = await engineKit(ghesRepo, { local });
    try {
      const [run] = await ghesKit.engine.trigger({ name: "push", ref: "refs/tags/v3.0.0" });
      expect(run?.errors ?? []).toEqual([]);
      const byName = conclusions(run as never);
      expect(Object.entries(byName).filter(([, c]) => c === "failure")).toEqual([]);
      const ran = (title: string) =>
        Object.entries(byName).find(([name]) => name.endsWith(title))?.[1];
      expect(ran("Build, verify and publish")).toBe("success");
      expect(ran("Build and verify")).toBe("skipped");
      expect(ran("Deploy to dev")).toBe("success");
      expect(run?.conclusion).toBe("success");
      const client = testClient(local);
      const live = await new DeploymentLedger(client, REPO).environment("dev").live();
      expect(live?.version).toBe("3.0.0");
      expect((await client.rest.repos.getReleaseByTag({ ...REPO, tag: "v3.0.0" })).data.draft).toBe(
        false,
      );
    } finally {
      await local.close();
      ghesRepo.remove();
    }
  }, 300_000);
});
