// Reusable workflows through the engine: inputs, secrets, outputs, nested jobs under the
// caller's grant, each job's token holding exactly its permissions, and GitHub's refusal of a
// called job that asks for more than its caller grants (on the shipped promote starter too).
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { REPO_ROOT } from "@fastdeploy/sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  conclusions,
  type EngineKit,
  engineKit,
  type WorkflowRepo,
  workflowRepo,
} from "./support/engine-kit.js";

const CALLER = `
name: Release
on: push
permissions: {}
jobs:
  deploy:
    uses: ./.github/workflows/deploy.yml
    permissions:
      contents: read
      deployments: write
    with:
      version: 1.2.\${{ github.run_attempt }}
      dry-run: true
    secrets: inherit
  after:
    needs: deploy
    runs-on: ubuntu-latest
    steps:
      - run: echo "deployed \${{ needs.deploy.outputs.deployed }} (\${{ needs.deploy.result }})"
`;

const CALLED = `
on:
  workflow_call:
    inputs:
      version: { type: string, required: true }
      dry-run: { type: boolean, default: false }
      retries: { type: number, default: 2 }
    secrets:
      DEPLOY_TOKEN: { required: false }
    outputs:
      deployed:
        value: \${{ jobs.ship.outputs.what }}
jobs:
  ship:
    runs-on: ubuntu-latest
    outputs:
      what: \${{ steps.s.outputs.what }}
    steps:
      - id: s
        env:
          TOKEN: \${{ github.token }}
          SECRET: \${{ secrets.DEPLOY_TOKEN }}
        run: |
          echo "job-workflow-sha=\${{ github.job_workflow_sha }}"
          echo "version=\${{ inputs.version }} dry=\${{ inputs.dry-run == true }} retries=\${{ inputs.retries == 2 }} secret-length=\${#SECRET}"
          read_status=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "$GITHUB_API_URL/repos/acme/shop/deployments")
          write_status=$(curl -s -o /tmp/engine-write-$$.json -w '%{http_code}' -X POST -H "Authorization: Bearer $TOKEN" "$GITHUB_API_URL/repos/acme/shop/git/refs" -d '{"ref":"refs/heads/x","sha":"0000000000000000000000000000000000000000"}')
          echo "deployments-read=$read_status refs-write=$write_status $(cat /tmp/engine-write-$$.json)"
          echo "what=\${{ inputs.version }}" >> "$GITHUB_OUTPUT"
`;

describe("reusable workflows", () => {
  let repo: WorkflowRepo;
  let kit: EngineKit;
  beforeAll(async () => {
    repo = workflowRepo({
      ".github/workflows/release.yml": CALLER,
      ".github/workflows/deploy.yml": CALLED,
    });
    kit = await engineKit(repo);
    kit.local.sandbox.setSecret("acme/shop", "DEPLOY_TOKEN", "s3cret-value");
  });
  afterAll(async () => {
    await kit.close();
    repo.remove();
  });

  it("passes typed inputs and inherited secrets, returns outputs, and holds the job token to the caller's grant", async () => {
    const [run] = await kit.engine.trigger({ name: "push", ref: "main" });
    const log = kit.logOf("deploy / ship").join("\n");
    expect(conclusions(run as never), log).toEqual({
      "deploy / ship": "success",
      after: "success",
    });
    expect(log).toContain("version=1.2.1 dry=true retries=true secret-length=12");
    // deployments: write includes read; contents: read cannot create a ref.
    expect(log).toContain("deployments-read=200 refs-write=403");
    expect(log).toContain("Resource not accessible by integration");
    expect(kit.logOf("after").join("\n")).toContain("deployed 1.2.1 (success)");
  });
});

describe("calls refused or resolved from this checkout", () => {
  it("refuses a call that leaves out a required input, at the caller's line", async () => {
    const repo = workflowRepo({
      ".github/workflows/release.yml": CALLER.replace(
        `      version: 1.2.\${{ github.run_attempt }}\n`,
        "",
      ),
      ".github/workflows/deploy.yml": CALLED,
    });
    const kit = await engineKit(repo);
    try {
      await expect(kit.engine.trigger({ name: "push", ref: "main" })).rejects.toThrow(
        /\.github\/workflows\/release\.yml:\d+:\d+: Input version is required, but not provided while calling\./,
      );
    } finally {
      await kit.close();
      repo.remove();
    }
  });

  it("runs fastdeploy/fastdeploy/.github/workflows/x.yml@ref from this checkout, with explicit secrets only", async () => {
    const actionsRoot = mkdtempSync(join(tmpdir(), "engine-actions-"));
    mkdirSync(join(actionsRoot, ".github/workflows"), { recursive: true });
    writeFileSync(join(actionsRoot, ".github/workflows/deploy.yml"), CALLED);
    const git = (...args: string[]) =>
      execFileSync("git", args, { cwd: actionsRoot, encoding: "utf8" }).trim();
    git("init", "-q");
    git("-c", "user.email=a@b", "-c", "user.name=a", "commit", "-q", "--allow-empty", "-m", "x");
    git("-c", "user.email=a@b", "-c", "user.name=a", "add", "-A");
    git("-c", "user.email=a@b", "-c", "user.name=a", "commit", "-q", "-m", "workflows");
    const head = git("rev-parse", "HEAD");
    const repo = workflowRepo({
      ".github/workflows/release.yml": CALLER.replace(
        "./.github/workflows/deploy.yml",
        "fastdeploy/fastdeploy/.github/workflows/deploy.yml@v1",
      ).replace("secrets: inherit", "secrets:\n      DEPLOY_TOKEN: explicit"),
    });
    const kit = await engineKit(repo, { actionsRoot });
    kit.local.sandbox.setSecret("acme/shop", "DEPLOY_TOKEN", "s3cret-value");
    try {
      const [run] = await kit.engine.trigger({ name: "push", ref: "main" });
      const log = kit.logOf("deploy / ship").join("\n");
      expect(conclusions(run as never), log).toEqual({
        "deploy / ship": "success",
        after: "success",
      });
      // The explicit value, not the repository secret.
      expect(log).toContain("secret-length=8");
      expect(kit.logOf("after").join("\n")).toContain("deployed 1.2.1");
      // job_workflow_sha: the commit of the called file, here this checkout's HEAD.
      expect(log).toContain(`job-workflow-sha=${head}`);
    } finally {
      await kit.close();
      repo.remove();
      rmSync(actionsRoot, { recursive: true, force: true });
    }
  });
});

describe("the permission ceiling", () => {
  it("fails the whole run before any job starts when a called job asks for more than its caller grants", async () => {
    const repo = workflowRepo({
      ".github/workflows/release.yml": CALLER.replace("deployments: write", "deployments: read"),
      ".github/workflows/deploy.yml": CALLED.replace(
        "  ship:\n    runs-on: ubuntu-latest",
        "  ship:\n    runs-on: ubuntu-latest\n    permissions:\n      contents: read\n      deployments: write",
      ),
    });
    const kit = await engineKit(repo);
    try {
      const [run] = await kit.engine.trigger({ name: "push", ref: "main" });
      expect(run?.conclusion).toBe("failure");
      expect(run?.errors).toEqual([
        "The nested job 'ship' is requesting 'deployments: write', but is only allowed 'deployments: read'.",
      ]);
      expect(run?.jobs).toEqual([]);
      expect(kit.events.some((e) => e.type === "job-started")).toBe(false);
    } finally {
      await kit.close();
      repo.remove();
    }
  });

  it("refuses the shipped promote starter, which grants contents: read to a job asking contents: write", async () => {
    // actionsRoot: a FastDeploy checkout whose promote.yml is the frozen shipped copy.
    const actionsRoot = mkdtempSync(join(tmpdir(), "engine-actions-"));
    mkdirSync(join(actionsRoot, ".github/workflows"), { recursive: true });
    writeFileSync(
      join(actionsRoot, ".github/workflows/promote.yml"),
      readFileSync(join(import.meta.dirname, "fixtures/called-promote.yml")),
    );
    symlinkSync(join(REPO_ROOT, "actions"), join(actionsRoot, "actions"));
    const repo = workflowRepo({
      ".github/workflows/promote.yml": readFileSync(
        join(import.meta.dirname, "fixtures/starter-promote.yml"),
        "utf8",
      ),
    });
    const kit = await engineKit(repo, { actionsRoot });
    try {
      const [run] = await kit.engine.trigger({
        name: "workflow_dispatch",
        ref: "main",
        workflow: ".github/workflows/promote.yml",
        inputs: { version: "1.0.0", environment: "qa" },
      });
      expect(run?.conclusion).toBe("failure");
      expect(run?.errors).toEqual([
        "The nested job 'promote' is requesting 'contents: write', but is only allowed 'contents: read'.",
      ]);
      expect(kit.events.some((e) => e.type === "job-started")).toBe(false);
      const response = await fetch(
        `${kit.local.sandbox.apiUrl}/repos/acme/shop/actions/runs/${run?.runId}`,
        { headers: { authorization: `token ${kit.local.token}` } },
      );
      expect(await response.json()).toMatchObject({ status: "completed", conclusion: "failure" });
    } finally {
      await kit.close();
      repo.remove();
      rmSync(actionsRoot, { recursive: true, force: true });
    }
  });
});
