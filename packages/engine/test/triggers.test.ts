// Which workflows an event starts, the github context they see, dispatch inputs, and what the
// engine refuses before any run starts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { matchesFilters } from "../src/filter-pattern.js";
import { TriggerError, WorkflowRefusedError } from "../src/index.js";
import {
  type EngineKit,
  engineKit,
  type WorkflowRepo,
  workflowRepo,
} from "./support/engine-kit.js";

describe("filter patterns (GitHub's cheat sheet)", () => {
  it.each([
    ["feature/*", "feature/a", true],
    ["feature/*", "feature/a/b", false],
    ["feature/**", "feature/a/b", true],
    ["v[12].[0-9]+.[0-9]+", "v1.10.3", true],
    ["v[12].[0-9]+.[0-9]+", "v3.1.0", false],
    ["**.js", "src/app/index.js", true],
    ["docs/*.md", "docs/a/b.md", false],
    ["Octoc?t", "Octot", true],
    ["releases/\\*", "releases/*", true],
    ["releases/\\*", "releases/x", false],
  ])("%s matches %s: %s", (pattern, name, expected) => {
    expect(matchesFilters(name, [pattern])).toBe(expected);
  });

  it("lets a later ! pattern exclude what an earlier one included, and a later one re-include", () => {
    const patterns = ["releases/**", "!releases/**-alpha", "releases/keep-alpha"];
    expect(matchesFilters("releases/1.0", patterns)).toBe(true);
    expect(matchesFilters("releases/1.0-alpha", patterns)).toBe(false);
    expect(matchesFilters("releases/keep-alpha", patterns)).toBe(true);
  });
});

const FILES = {
  ".github/workflows/branches.yml": `
on:
  push:
    branches: [main, "release/**"]
    paths: ["src/**", "!src/**.md"]
jobs:
  show:
    runs-on: ubuntu-latest
    steps:
      - run: echo "ref=\${{ github.ref }} name=\${{ github.ref_name }} type=\${{ github.ref_type }} sha=\${{ github.sha }} event=\${{ github.event_name }} run=\${{ github.run_number }}/\${{ github.run_attempt }} repo=\${{ github.repository }} owner=\${{ github.repository_owner }} actor=\${{ github.actor }} workflow=\${{ github.workflow }} ref_of_workflow=\${{ github.workflow_ref }}"
      - run: echo "head=\${{ github.event.head_commit.id }} api=\${{ github.api_url }} server=\${{ github.server_url }}"
`,
  ".github/workflows/tags.yml": `
name: Tags
on:
  push:
    tags: ["v*.*.*", "!v*-rc*"]
jobs:
  show:
    runs-on: ubuntu-latest
    steps:
      - run: echo "tag \${{ github.ref_name }} \${{ github.ref_type }}"
`,
  ".github/workflows/dispatch.yml": `
name: Dispatch
on:
  workflow_dispatch:
    inputs:
      environment:
        type: choice
        options: [dev, qa, prod]
        required: true
      force:
        type: boolean
        default: false
      count:
        type: number
        default: 2
      note:
        type: string
        default: none
jobs:
  show:
    runs-on: ubuntu-latest
    steps:
      - run: echo "env=\${{ inputs.environment }} force=\${{ inputs.force }} count+1=\${{ inputs.count == 3 }} typed=\${{ inputs.force == false }} raw=\${{ github.event.inputs.force == 'false' }} note=\${{ inputs.note }}"
`,
  "src/app.js": "1",
};

describe("triggers", () => {
  let repo: WorkflowRepo;
  let kit: EngineKit;
  beforeAll(async () => {
    repo = workflowRepo(FILES);
    kit = await engineKit(repo);
  });
  afterAll(async () => {
    await kit.close();
    repo.remove();
  });

  it("starts branch workflows when a changed path matches, with the github context GitHub gives", async () => {
    const sha = repo.commit({ "src/app.js": "2" });
    const runs = await kit.engine.trigger({ name: "push", ref: "refs/heads/main", actor: "alice" });
    expect(runs.map((r) => r.workflow)).toEqual([".github/workflows/branches.yml"]);
    const log = kit.logOf("show").join("\n");
    expect(log).toContain(
      `ref=refs/heads/main name=main type=branch sha=${sha} event=push run=${runs[0]?.runNumber}/1 repo=acme/shop owner=acme actor=alice workflow=.github/workflows/branches.yml ref_of_workflow=acme/shop/.github/workflows/branches.yml@refs/heads/main`,
    );
    expect(log).toContain(
      `head=${sha} api=${kit.local.sandbox.apiUrl} server=http://github.localhost`,
    );
  });

  it("skips a branch push whose changed paths all fall outside the filter, and other branches", async () => {
    repo.commit({ "src/notes.md": "only docs" });
    expect(await kit.engine.trigger({ name: "push", ref: "refs/heads/main" })).toEqual([]);
    repo.commit({ "src/app.js": "3" });
    repo.branch("feature");
    expect(await kit.engine.trigger({ name: "push", ref: "refs/heads/feature" })).toEqual([]);
  });

  it("starts tag workflows by tag pattern, with ! excluding release candidates", async () => {
    repo.tag("v1.0.0");
    repo.tag("v1.1.0-rc1");
    const runs = await kit.engine.trigger({ name: "push", ref: "v1.0.0" });
    expect(runs.map((r) => [r.name, r.conclusion])).toEqual([["Tags", "success"]]);
    expect(await kit.engine.trigger({ name: "push", ref: "refs/tags/v1.1.0-rc1" })).toEqual([]);
  });

  it("types dispatch inputs in `inputs`, keeps strings in github.event.inputs, fills defaults", async () => {
    kit.events.length = 0;
    const [run] = await kit.engine.trigger({
      name: "workflow_dispatch",
      ref: "main",
      workflow: "dispatch.yml",
      inputs: { environment: "qa", count: "3" },
    });
    expect(run?.conclusion).toBe("success");
    expect(kit.logOf("show").join("\n")).toContain(
      "env=qa force=false count+1=true typed=true raw=true note=none",
    );
  });

  it("refuses dispatch inputs GitHub would refuse, before any run", async () => {
    const dispatch = (inputs: Record<string, string>) =>
      kit.engine.trigger({
        name: "workflow_dispatch",
        ref: "main",
        workflow: "dispatch.yml",
        inputs,
      });
    await expect(dispatch({ environment: "staging" })).rejects.toThrow(
      "Provided value 'staging' for input 'environment' not in the list of allowed values (dev, qa, prod)",
    );
    await expect(dispatch({})).rejects.toThrow("Required input 'environment' not provided");
    await expect(dispatch({ environment: "qa", force: "yes" })).rejects.toThrow(
      "Provided value 'yes' for input 'force' is not a boolean",
    );
    await expect(dispatch({ environment: "qa", colour: "red" })).rejects.toThrow(
      'Unexpected inputs provided: ["colour"]',
    );
    await expect(
      kit.engine.trigger({ name: "workflow_dispatch", ref: "main", workflow: "tags.yml" }),
    ).rejects.toThrow("Workflow does not have 'workflow_dispatch' trigger");
    await expect(
      kit.engine.trigger({ name: "pull_request" as never, ref: "main" }),
    ).rejects.toThrow(TriggerError);
  });
});

describe("refusals before the run starts", () => {
  const refused = async (files: Record<string, string>) => {
    const repo = workflowRepo(files);
    const kit = await engineKit(repo);
    try {
      const error = await kit.engine.trigger({ name: "push", ref: "main" }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(kit.events.filter((e) => e.type === "run-queued")).toEqual([]);
      return error as Error;
    } finally {
      await kit.close();
      repo.remove();
    }
  };

  it("reports parse errors as file:line:col", async () => {
    const error = await refused({
      ".github/workflows/bad.yml": "on: push\njobs:\n  a:\n    runs-on: x\n    stepz: []\n",
    });
    expect(error).toBeInstanceOf(WorkflowRefusedError);
    expect(error.message).toMatch(/\.github\/workflows\/bad\.yml:5:5: Unexpected value 'stepz'/);
  });

  it("names an action the engine does not provide, and container jobs", async () => {
    const error = await refused({
      ".github/workflows/uses.yml": `
on: push
jobs:
  a:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: docker/login-action@v3
      - uses: fastdeploy/fastdeploy/actions/nothing@v1
  b:
    runs-on: ubuntu-latest
    container: node:20
    steps:
      - run: echo
`,
    });
    expect(error).toBeInstanceOf(WorkflowRefusedError);
    expect(error.message).toContain(
      ".github/workflows/uses.yml:8:15: job 'a': The local engine does not provide the action 'docker/login-action@v3'",
    );
    expect(error.message).toContain("job 'b' uses container:");
    expect(error.message).not.toContain("actions/checkout@v4");
    expect(error.message).toContain(
      "fastdeploy/fastdeploy/actions/nothing@v1': fastdeploy/fastdeploy has no action at 'actions/nothing'",
    );
  });
});
