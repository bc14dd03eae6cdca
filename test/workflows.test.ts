// What the reusable and starter workflows promise beyond "they lint": the pipeline's job graph,
// per-environment concurrency that never cancels a deploy, least privilege with a reason for
// every grant, no expressions inside shell scripts, and the published action path.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { isMap, isPair, isScalar, parse, parseDocument, visit } from "yaml";
import { REPO_ROOT } from "../packages/sandbox/src/runner/index.js";

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, string>;
  env?: Record<string, string>;
}
interface Job {
  needs?: string | string[];
  uses?: string;
  permissions?: Record<string, string>;
  environment?: { name: string; url?: string };
  concurrency?: { group: string; "cancel-in-progress": boolean };
  strategy?: { "max-parallel"?: number; "fail-fast"?: boolean; matrix?: Record<string, unknown> };
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
const starters = readdirSync(join(REPO_ROOT, "workflows")).map((f) => `workflows/${f}`);
const ours = [...reusable, ".github/workflows/release.yml", ...starters];

describe("pipeline.yml", () => {
  const pipeline = load(".github/workflows/pipeline.yml");
  const { build, publish, deploy } = pipeline.jobs;

  it("builds once, publishes, then deploys: build → publish → deploy", () => {
    expect(Object.keys(pipeline.jobs)).toEqual(["build", "publish", "deploy"]);
    expect(publish?.needs).toBe("build");
    expect(deploy?.needs).toEqual(["build", "publish"]);
    // publish takes the build job's workflow artifact, never rebuilding.
    const step = publish?.steps?.find((s) => s.uses?.includes("/actions/publish@"));
    expect(step?.with?.artifact).toBe(expr("needs.build.outputs.artifact"));
  });

  it("deploys one environment at a time in the planned order, stopping at the first failure", () => {
    expect(deploy?.strategy).toEqual({
      "max-parallel": 1,
      "fail-fast": true,
      matrix: { environment: expr("fromJSON(needs.build.outputs.environments)") },
    });
    expect(deploy?.environment).toEqual({
      name: expr("matrix.environment"),
      url: expr("steps.distribute.outputs.environment-url"),
    });
  });

  it("gives write access to deployments only in deploy; contents in publish and deploy (latest)", () => {
    expect(pipeline.permissions).toEqual({});
    expect(build?.permissions).toEqual({ contents: "read" });
    expect(publish?.permissions).toEqual({ contents: "write", actions: "read" });
    expect(deploy?.permissions?.deployments).toBe("write");
    // A production deploy marks its release latest: the one write deploy needs on contents.
    expect(deploy?.permissions?.contents).toBe("write");
  });

  it("plans a prerelease to the first environment for a branch and every one for a tag", async () => {
    const plan = build?.steps?.find((s) => s.run?.includes("environments="));
    expect(plan?.env).toEqual({
      ENVIRONMENTS: expr("inputs.environments"),
      REF_TYPE: expr("github.ref_type"),
    });
    const run = async (refType: string) => runPlan(plan?.run ?? "", "dev, qa,\nprod", refType);
    expect(await run("branch")).toEqual(["dev"]);
    expect(await run("tag")).toEqual(["dev", "qa", "prod"]);
  });
});

describe.each(reusable)("%s", (path) => {
  const workflow = load(path);

  it("is callable from other repositories", () => {
    expect(workflow.on.workflow_call).toBeDefined();
  });

  it("queues deploys per environment and never cancels a running one", () => {
    const deployJobs = Object.values(workflow.jobs).filter((j) => j.environment);
    expect(deployJobs.length).toBeGreaterThan(0);
    for (const job of deployJobs) {
      expect(job.concurrency?.group).toMatch(
        /^fastdeploy-deploy-\$\{\{ (matrix|inputs)\.environment \}\}$/,
      );
      expect(job.concurrency?.["cancel-in-progress"]).toBe(false);
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
  });
});

describe("starter workflows", () => {
  it("are release, promote and rollback, each calling the matching reusable workflow", () => {
    expect(starters.sort()).toEqual([
      "workflows/promote.yml",
      "workflows/release.yml",
      "workflows/rollback.yml",
    ]);
    for (const path of starters) {
      const name = path.split("/").pop();
      const uses = Object.values(load(path).jobs).map((j) => j.uses);
      const target = name === "release.yml" ? "pipeline.yml" : name;
      expect(uses).toEqual([`fastdeploy/fastdeploy/.github/workflows/${target}@v1`]);
    }
  });

  it("release runs on pushes to main and on version tags", () => {
    expect(load("workflows/release.yml").on.push).toEqual({
      branches: ["main"],
      tags: ["v*.*.*"],
    });
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
async function runPlan(script: string, environments: string, refType: string): Promise<string[]> {
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
    const line = (await readFile(output, "utf8")).trim();
    return JSON.parse(line.replace(/^environments=/, "")) as string[];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
