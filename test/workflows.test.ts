// What the reusable and starter workflows promise beyond "they lint": the pipeline's job graph,
// per-environment concurrency that never cancels a deploy, least privilege with a reason for
// every grant, no expressions inside shell scripts, and the published action path.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { isMap, isPair, isScalar, parse, parseDocument, visit } from "yaml";
import { REPO_ROOT } from "../packages/sandbox/src/runner/index.js";

interface Step {
  id?: string;
  if?: string;
  uses?: string;
  run?: string;
  with?: Record<string, string | boolean>;
  env?: Record<string, string>;
}
interface Job {
  if?: string;
  needs?: string | string[];
  uses?: string;
  permissions?: Record<string, string>;
  environment?: { name: string; url?: string };
  concurrency?: { group: string; "cancel-in-progress": boolean; queue?: string };
  env?: Record<string, string>;
  strategy?: { "max-parallel"?: number; "fail-fast"?: boolean; matrix?: Record<string, unknown> };
  outputs?: Record<string, string>;
  steps?: Step[];
  with?: Record<string, unknown>;
}
interface Workflow {
  on: Record<string, { inputs?: Record<string, { required?: boolean; default?: unknown }> }>;
  permissions?: Record<string, string>;
  jobs: Record<string, Job>;
}

/** `${{ x }}` without writing a template placeholder in a plain string. */
const expr = (x: string) => `\${{ ${x} }}`;
const read = (path: string) => readFileSync(join(REPO_ROOT, path), "utf8");
const load = (path: string) => parse(read(path)) as Workflow;
const reusable = [
  ".github/workflows/pipeline.yml",
  ".github/workflows/promote.yml",
  ".github/workflows/rollback.yml",
];
const yamlIn = (dir: string) =>
  readdirSync(join(REPO_ROOT, dir))
    .filter((f) => f.endsWith(".yml"))
    .map((f) => `${dir}/${f}`);
const starters = yamlIn("workflows");
const reusableStarters = yamlIn("workflows/reusable");
const ours = [...reusable, ".github/workflows/release.yml", ...starters, ...reusableStarters];

describe("pipeline.yml", () => {
  const pipeline = load(".github/workflows/pipeline.yml");
  const { plan, build, publish, deploy, latest } = pipeline.jobs;
  const sameJob = pipeline.jobs["build-and-publish"];

  it("builds once, publishes, deploys, then marks latest; or builds and publishes in one job", () => {
    expect(Object.keys(pipeline.jobs)).toEqual([
      "plan",
      "build",
      "publish",
      "build-and-publish",
      "deploy",
      "latest",
    ]);
    expect(publish?.needs).toBe("build");
    expect(deploy?.needs).toEqual(["plan", "build", "publish", "build-and-publish"]);
    // publish takes the build job's workflow artifact, never rebuilding.
    const step = publish?.steps?.find((s) => s.uses?.includes("/actions/publish@"));
    expect(step?.with?.artifact).toBe(expr("needs.build.outputs.artifact"));
    // handoff chooses one path: GHES, where @actions/artifact refuses, takes same-job.
    expect(build?.if).toBe("inputs.handoff != 'same-job'");
    expect(sameJob?.if).toBe("inputs.handoff == 'same-job'");
    const sameJobBuild = sameJob?.steps?.find((s) => s.uses?.includes("/actions/build@"));
    expect(sameJobBuild?.with?.upload).toBe(false);
    const sameJobPublish = sameJob?.steps?.find((s) => s.uses?.includes("/actions/publish@"));
    expect(sameJobPublish?.with?.archive).toBe(expr("steps.build.outputs.archive"));
  });

  it("deploys one stage at a time, each naming the environment that must hold the version first", () => {
    expect(deploy?.strategy).toEqual({
      "max-parallel": 1,
      "fail-fast": true,
      matrix: { stage: expr("fromJSON(needs.plan.outputs.stages)") },
    });
    expect(deploy?.environment).toEqual({
      name: expr("matrix.stage.environment"),
      // GitHub's job deployment shows the version's release page when there is no environment URL.
      url: expr(
        "steps.distribute.outputs.environment-url || needs.publish.outputs.release-url || needs.build-and-publish.outputs.release-url",
      ),
    });
    const approve = deploy?.steps?.find((s) => s.uses?.includes("/actions/approve@"));
    expect(approve?.with?.after).toBe(expr("matrix.stage.after"));
  });

  it("never gives contents: write to a job that runs user code", () => {
    expect(pipeline.permissions).toEqual({});
    expect(plan?.permissions).toEqual({});
    expect(build?.permissions).toEqual({ contents: "read" });
    expect(publish?.permissions).toEqual({ contents: "write", actions: "read" });
    expect(deploy?.permissions?.deployments).toBe("write");
    expect(deploy?.permissions?.contents).toBe("read");
    const distribute = deploy?.steps?.find((s) => s.uses?.includes("/actions/distribute@"));
    expect(distribute?.with?.["make-latest"]).toBe(false);
    // latest runs no user code, and holds none: no checkout, a guard that the deploy job gave a
    // tag (an empty one must not fall back to v<version>), then publish's make-latest with it.
    expect(latest?.permissions).toEqual({ contents: "write" });
    expect(latest?.steps?.map((s) => s.uses?.replace(/@.*/, "") ?? "run")).toEqual([
      "run",
      "fastdeploy/fastdeploy/actions/publish",
    ]);
    expect(latest?.steps?.[0]?.env).toEqual({ TAG: expr("needs.deploy.outputs.tag") });
    expect(latest?.steps?.[0]?.run).toMatch(/^test -n "\$TAG" \|\| /);
    expect(latest?.steps?.[1]?.with?.tag).toBe(expr("needs.deploy.outputs.tag"));
    expect(deploy?.outputs?.tag).toBe(expr("steps.distribute.outputs.tag"));
  });

  it("plans a prerelease to the first environment for a branch and every one for a tag, in order", async () => {
    const step = plan?.steps?.find((s) => s.run?.includes("stages="));
    expect(step?.env).toEqual({
      ENVIRONMENTS: expr("inputs.environments"),
      REF_TYPE: expr("github.ref_type"),
    });
    const run = async (refType: string) => runPlan(step?.run ?? "", "dev, qa,\nprod", refType);
    expect(await run("branch")).toEqual([{ environment: "dev", after: "" }]);
    expect(await run("tag")).toEqual([
      { environment: "dev", after: "" },
      { environment: "qa", after: "dev" },
      { environment: "prod", after: "qa" },
    ]);
  });
});

describe.each(reusable)("%s", (path) => {
  const workflow = load(path);

  it("is callable from other repositories", () => {
    expect(workflow.on.workflow_call).toBeDefined();
  });

  it("keeps one deploy per environment running, never cancels one, and gives rollbacks their own group", () => {
    const deployJobs = Object.values(workflow.jobs).filter((j) => j.environment);
    expect(deployJobs.length).toBeGreaterThan(0);
    const kind = path.endsWith("rollback.yml") ? "rollback" : "deploy";
    for (const job of deployJobs) {
      expect(job.concurrency?.group).toMatch(
        new RegExp(`^fastdeploy-${kind}-\\$\\{\\{ (matrix\\.stage|inputs)\\.environment \\}\\}$`),
      );
      expect(job.concurrency?.["cancel-in-progress"]).toBe(false);
      // Pending deploys wait in order; a newer pending rollback replaces an older one.
      expect(job.concurrency?.queue).toBe(kind === "deploy" ? "max" : undefined);
      expect(job.permissions?.contents).toBe("read");
    }
  });

  it("uses the published actions, since ./ would be the caller's checkout", () => {
    const uses = Object.values(workflow.jobs)
      .flatMap((j) => (j.steps ?? []).map((s) => s.uses))
      .filter((u): u is string => u !== undefined);
    // The pipeline is made of the actions: a step list without them proves nothing below.
    expect(uses.filter((u) => u.startsWith("fastdeploy/")).length).toBeGreaterThan(0);
    for (const u of uses) {
      expect(u).not.toMatch(/^\.\//);
      if (u.startsWith("fastdeploy/"))
        expect(u).toMatch(/^fastdeploy\/fastdeploy\/actions\/[a-z]+@v1$/);
      else expect(u, "third-party actions are pinned to a commit").toMatch(/@[0-9a-f]{40}$/);
    }
  });
});

describe("promote.yml and rollback.yml", () => {
  it("can be dispatched as well as called, with the same inputs", () => {
    for (const path of reusable.slice(1)) {
      const on = load(path).on;
      const dispatched = Object.keys(on.workflow_dispatch?.inputs ?? {});
      expect(dispatched, `${path} takes inputs when dispatched`).toContain("environment");
      expect(dispatched).toEqual(Object.keys(on.workflow_call?.inputs ?? {}));
    }
  });

  it("rollback takes environment, version (default previous) and reason", () => {
    const inputs = load(".github/workflows/rollback.yml").on.workflow_dispatch?.inputs ?? {};
    expect(inputs.environment?.required).toBe(true);
    expect(inputs.version?.default).toBe("previous");
    expect(inputs.reason).toBeDefined();
    expect(inputs.force?.default).toBe(false);
  });
});

describe("starter workflows", () => {
  it("are self-contained by default: the actions composed in the user's own jobs", () => {
    expect(starters.sort()).toEqual([
      "workflows/promote.yml",
      "workflows/release.yml",
      "workflows/rollback.yml",
    ]);
    for (const path of starters) {
      const jobs = Object.values(load(path).jobs);
      expect(jobs.every((j) => j.uses === undefined)).toBe(true);
      // Every job that runs user code reads contents at most; only latest writes them.
      for (const [name, job] of Object.entries(load(path).jobs)) {
        const runsUserCode = (job.steps ?? []).some((s) =>
          /\/actions\/(build|distribute|rollback)@/.test(s.uses ?? ""),
        );
        if (runsUserCode && name !== "publish")
          expect(job.permissions?.contents, `${path} ${name}`).toBe("read");
      }
    }
  });

  it("mark a place for the user's own login steps, with id-token: write commented", () => {
    for (const path of starters) {
      const text = read(path);
      expect(text).toContain("# ---- Your login steps go here");
      expect(text).toContain("# ---- End of your login steps.");
      expect(text).toMatch(/^ {6}# id-token: write # uncomment for an OIDC cloud login/m);
    }
  });

  it("the reusable callers call the matching reusable workflow and grant what its jobs ask", () => {
    for (const path of reusableStarters) {
      const name = path.split("/").pop();
      const jobs = Object.values(load(path).jobs);
      const target = name === "release.yml" ? "pipeline.yml" : name;
      expect(jobs.map((j) => j.uses)).toEqual([
        `fastdeploy/fastdeploy/.github/workflows/${target}@v1`,
      ]);
      const called = load(`.github/workflows/${target}`);
      const grant = jobs[0]?.permissions ?? {};
      const rank = { none: 0, read: 1, write: 2 } as Record<string, number>;
      for (const job of Object.values(called.jobs)) {
        for (const [scope, level] of Object.entries(job.permissions ?? {})) {
          expect(
            rank[grant[scope] ?? "none"],
            `${path} grants ${scope} below ${level}`,
          ).toBeGreaterThanOrEqual(rank[level] ?? 0);
        }
      }
    }
  });

  it("release runs on pushes to main and on version tags", () => {
    for (const path of ["workflows/release.yml", "workflows/reusable/release.yml"]) {
      expect(load(path).on.push).toEqual({ branches: ["main"], tags: ["v*.*.*"] });
    }
  });
});

describe.each(ours)("%s conventions", (path) => {
  const text = read(path);
  const workflow = load(path);

  it("grants nothing at the top and explains every job grant", () => {
    expect(workflow.permissions).toEqual({});
    const doc = parseDocument(text);
    visit(doc, {
      Pair(_key, pair, ancestors) {
        if (!isScalar(pair.key) || pair.key.value !== "permissions" || !isMap(pair.value)) return;
        const jobLevel = ancestors.length > 2;
        // A caller job's grant is a ceiling explained once above it; step grants need a reason.
        const callsWorkflow = ancestors.some(
          (a) =>
            isMap(a) && a.items.some((p) => isPair(p) && isScalar(p.key) && p.key.value === "uses"),
        );
        if (!jobLevel || callsWorkflow) return;
        for (const item of pair.value.items) {
          const comment = (isScalar(item.value) && item.value.comment) || "";
          expect(
            comment.trim(),
            `${path}: permission ${String(item.key)} needs a comment`,
          ).not.toBe("");
        }
      },
    });
  });

  it("keeps expressions out of shell scripts (they go through env:)", () => {
    for (const job of Object.values(workflow.jobs)) {
      for (const step of job.steps ?? []) expect(step.run ?? "").not.toContain("${{");
    }
  });
});

/** Runs the plan step's bash as the runner would, returning the planned environments. */
async function runPlan(script: string, environments: string, refType: string): Promise<unknown[]> {
  const { execFile } = await import("node:child_process");
  const { mkdtemp, readFile, rm } = await import("node:fs/promises");
  const { tmpdir } = await import("node:os");
  const dir = await mkdtemp(join(tmpdir(), "fastdeploy-plan-"));
  const output = join(dir, "output");
  try {
    await new Promise<void>((resolve, reject) =>
      execFile(
        "bash",
        ["-e", "-c", script],
        {
          env: {
            ...process.env,
            ENVIRONMENTS: environments,
            REF_TYPE: refType,
            GITHUB_OUTPUT: output,
          },
        },
        (error) => (error ? reject(error) : resolve()),
      ),
    );
    const line = (await readFile(output, "utf8")).split("\n").find((l) => l.startsWith("stages="));
    return JSON.parse(line?.replace(/^stages=/, "") ?? "null") as unknown[];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe("release.yml's major-tag job", () => {
  const text = readFileSync(join(REPO_ROOT, ".github/workflows/release.yml"), "utf8");
  const job = load(".github/workflows/release.yml").jobs["major-tag"];
  const [mint, move] = job?.steps ?? [];

  it("mints a GitHub App token for this repository with Contents and Workflows write only", () => {
    expect(job?.permissions).toEqual({});
    // Pinned by full commit SHA: v3.1.1 is 1b10c78c… in actions/create-github-app-token's tags.
    expect(text).toContain(
      "uses: actions/create-github-app-token@1b10c78c7865c340bc4f6099eb2f838309f1e8c3 # v3.1.1",
    );
    expect(mint?.if).toBe(expr("env.APP_CLIENT_ID != ''"));
    expect(job?.env?.APP_CLIENT_ID).toBe(expr("secrets.RELEASE_APP_CLIENT_ID"));
    expect(mint?.with).toEqual({
      "client-id": expr("env.APP_CLIENT_ID"),
      "private-key": expr("secrets.RELEASE_APP_PRIVATE_KEY"),
      owner: expr("github.repository_owner"),
      repositories: expr("github.event.repository.name"),
      "permission-contents": "write",
      "permission-workflows": "write",
    });
    expect(move?.env?.APP_TOKEN).toBe(expr(`steps.${mint?.id}.outputs.token`));
    expect(JSON.stringify(job)).not.toContain("github.token");
  });

  // The move step's own script, run by bash with a stand-in `gh` that records what it got.
  const runMove = (env: Record<string, string>) => {
    const dir = mkdtempSync(join(tmpdir(), "major-tag-"));
    writeFileSync(
      join(dir, "gh"),
      '#!/bin/sh\necho "gh $* token=$GH_TOKEN" >> "$GH_LOG"\n[ "$2" = "repos/acme/shop/git/ref/tags/v1" ] && exit 1\nexit 0\n',
      { mode: 0o755 },
    );
    const result = spawnSync("bash", ["-e", "-c", move?.run ?? ""], {
      encoding: "utf8",
      env: {
        PATH: `${dir}:${process.env.PATH}`,
        GH_LOG: join(dir, "log"),
        APP_TOKEN: "",
        MAJOR_TAG_TOKEN: "",
        REPO: "acme/shop",
        SHA: "a".repeat(40),
        TAG: "v1.4.2",
        ...env,
      },
    });
    const log = existsSync(join(dir, "log")) ? readFileSync(join(dir, "log"), "utf8") : "";
    rmSync(dir, { recursive: true, force: true });
    return { ...result, log };
  };

  it("fails with what to set when neither an App nor MAJOR_TAG_TOKEN is configured", () => {
    const { status, stdout, log } = runMove({});
    expect(status).toBe(1);
    expect(stdout).toContain("::error::No token can move the major tag");
    expect(stdout).toContain("RELEASE_APP_CLIENT_ID and RELEASE_APP_PRIVATE_KEY");
    expect(log).toBe("");
  });

  it("moves the tag with the App token, else with MAJOR_TAG_TOKEN", () => {
    const app = runMove({ APP_TOKEN: "ghs_app", MAJOR_TAG_TOKEN: "ghs_stored" });
    expect(app.status).toBe(0);
    expect(app.log).toContain(
      `gh api -X POST repos/acme/shop/git/refs -f ref=refs/tags/v1 -f sha=${"a".repeat(40)} token=ghs_app`,
    );
    const stored = runMove({ MAJOR_TAG_TOKEN: "ghs_stored" });
    expect(stored.status).toBe(0);
    expect(stored.log).toContain("token=ghs_stored");
  });
});
