// The bundled `fastdeploy` CLI against the local GitHub: help, usage errors (exit 2), the
// promote and rollback dispatches (run URL from return_run_details), verify of a published
// version, and a token that never reaches the terminal.

import { mkdirSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { type LocalGitHub, seedWorkflow, startLocalGitHub } from "@fastdeploy/sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bundleCli, type CliResult, runBundled } from "../packages/cli/test/bundled-cli.js";
import { seedLedger } from "./support/ledger-seed.js";
import { publishTestVersion } from "./support/published-version.js";
import { tempDir } from "./support/tree.js";

let bin: string;
let github: LocalGitHub;
let remote: string[];

beforeAll(async () => {
  [bin, github] = await Promise.all([
    Promise.resolve().then(bundleCli),
    startLocalGitHub({ repository: "acme/shop" }),
  ]);
  remote = ["--repo", github.repository, "--api-url", github.sandbox.apiUrl];
}, 180_000);
afterAll(() => github?.close());

const cli = (args: string[], env: Record<string, string> = {}): Promise<CliResult> =>
  runBundled(bin, args, { env: { GITHUB_TOKEN: github.token, ...env } });

describe("help", () => {
  it("lists every command with --help and help", async () => {
    for (const args of [["--help"], ["help"], ["-h"]]) {
      const { code, stdout } = await cli(args);
      expect(code).toBe(0);
      for (const name of ["init", "doctor", "status", "verify", "promote", "rollback"]) {
        expect(stdout).toMatch(new RegExp(`^  ${name}\\b`, "m"));
      }
      expect(stdout).toContain("Exit codes: 0 ok, 1 failed or found problems, 2 usage error");
    }
  });

  it.each(["init", "doctor", "status", "verify", "promote", "rollback"])(
    "has help for %s, through --help and help <command>",
    async (name) => {
      const [flagged, topic] = await Promise.all([cli([name, "--help"]), cli(["help", name])]);
      expect(flagged.code).toBe(0);
      expect(flagged.stdout).toMatch(new RegExp(`^Usage: fastdeploy ${name}`));
      expect(topic.stdout).toBe(flagged.stdout);
    },
  );
});

describe("usage errors exit 2 and do nothing", () => {
  it.each([
    [[], /Usage: fastdeploy <command>/],
    [["deploy"], /unknown command "deploy"/],
    [["status", "--colour"], /Unknown option '--colour'/],
    [["promote", "--to", "qa"], /missing <version>/],
    [["promote", "1.2.3"], /--to <environment> is required/],
    [["promote", "latest", "--to", "qa"], /"latest" is not a SemVer version/],
    [["rollback", "--to", "1.0.0"], /--env <environment> is required/],
    [["rollback", "--env", "prod", "--to", "one"], /"one" is not a SemVer version/],
    [["verify", "1.0.0", "extra"], /unexpected argument: extra/],
    [["status", "--repo", "not-a-repo"], /--repo must be owner\/name/],
    [["init", "--wait-timer", "soon"], /--wait-timer must be a whole number/],
    [["help", "deploy"], /no help for unknown command "deploy"/],
  ])("fastdeploy %j", async (args, message) => {
    const { code, stdout, stderr } = await cli(args as string[]);
    expect(code).toBe(2);
    expect(`${stdout}${stderr}`).toMatch(message);
  });

  it("asks for a token when none is given", async () => {
    const { code, stderr } = await runBundled(bin, ["status", ...remote]);
    expect(code).toBe(2);
    expect(stderr).toContain("no GitHub token: pass --token, or set GITHUB_TOKEN or GH_TOKEN");
  });
});

describe("promote and rollback dispatch the workflows", () => {
  beforeAll(() => {
    const state = github.sandbox.state;
    const environment = { type: "choice" as const, options: ["dev", "qa", "prod"], required: true };
    seedWorkflow(state, github.repository, {
      path: ".github/workflows/promote.yml",
      name: "Promote",
      inputs: {
        version: { type: "string" as const, required: true },
        environment,
        force: { type: "boolean" as const, default: false },
        reason: { type: "string" as const, default: "" },
      },
    });
    seedWorkflow(state, github.repository, {
      path: ".github/workflows/rollback.yml",
      name: "Rollback",
      inputs: {
        environment,
        version: { type: "string" as const, default: "previous" },
        reason: { type: "string" as const, default: "" },
        force: { type: "boolean" as const, default: false },
      },
    });
  });

  const readRun = (id: string | number) =>
    fetch(`${github.sandbox.apiUrl}/repos/acme/shop/actions/runs/${id}`, {
      headers: { authorization: `Bearer ${github.token}` },
    }).then((r) => r.json() as Promise<{ event: string; path: string }>);

  it("promote prints the run URL of the dispatched run", async () => {
    const { code, stdout, stderr } = await cli(["promote", "v1.2.3", "--to", "qa", ...remote]);
    expect(stderr).toContain("Dispatching promote.yml on main of acme/shop");
    expect(code).toBe(0);
    expect(stdout.trim()).toMatch(/\/acme\/shop\/actions\/runs\/\d+$/);
    const id = /\/actions\/runs\/(\d+)$/.exec(stdout.trim())?.[1] ?? "";
    expect(await readRun(id)).toMatchObject({
      event: "workflow_dispatch",
      path: ".github/workflows/promote.yml",
    });
  });

  it("rollback sends environment, version and reason, and --json gives the run", async () => {
    const { code, stdout } = await cli([
      "rollback",
      "--env",
      "prod",
      "--reason",
      "error rate above 5%",
      "--json",
      ...remote,
    ]);
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result).toMatchObject({
      workflow: "rollback.yml",
      ref: "main",
      inputs: { environment: "prod", version: "previous", reason: "error rate above 5%" },
      run_id: expect.any(Number),
      run_url: expect.stringMatching(/\/actions\/runs\/\d+$/),
    });
    // Read the run back through the API: GitHub recorded a workflow_dispatch run.
    expect(await readRun(result.run_id)).toMatchObject({
      event: "workflow_dispatch",
      path: ".github/workflows/rollback.yml",
    });
  });

  it("promote --force --reason sends the runbook's override; --force alone is a usage error", async () => {
    const forced = await cli([
      "promote",
      "1.2.3",
      "--to",
      "prod",
      "--force",
      "--reason",
      "hotfix verified in qa",
      "--json",
      ...remote,
    ]);
    expect(forced.stderr).not.toContain("warning");
    expect(forced.code).toBe(0);
    expect(JSON.parse(forced.stdout).inputs).toEqual({
      version: "1.2.3",
      environment: "prod",
      force: "true",
      reason: "hotfix verified in qa",
    });
    const rollback = await cli([
      "rollback",
      "--env",
      "prod",
      "--force",
      "--reason",
      "freeze override",
      "--json",
      ...remote,
    ]);
    expect(rollback.code).toBe(0);
    expect(JSON.parse(rollback.stdout).inputs).toMatchObject({
      force: "true",
      reason: "freeze override",
    });

    for (const args of [
      ["promote", "1.2.3", "--to", "prod", "--force"],
      ["rollback", "--env", "prod", "--force"],
    ]) {
      const { code, stderr } = await cli([...args, ...remote]);
      expect(code).toBe(2);
      expect(stderr).toContain('--force needs --reason "<why>"');
    }
  });

  it("checks --to and --env against the config file before dispatching anything", async () => {
    const dir = tempDir("fd-cli-config-");
    mkdirSync(join(dir, ".github"));
    writeFileSync(
      join(dir, ".github/fastdeploy.yml"),
      "environments:\n  - name: dev\n  - name: qa\n  - name: prod\n",
    );
    const runs = () => github.sandbox.state;
    const before = JSON.stringify(runs()).length;
    for (const args of [
      ["promote", "1.0.0", "--to", "staging"],
      ["rollback", "--env", "staging"],
    ]) {
      const { code, stderr } = await runBundled(bin, [...args, ...remote], {
        env: { GITHUB_TOKEN: github.token },
        cwd: dir,
      });
      expect(code).toBe(2);
      expect(stderr).toContain(
        '"staging" is not an environment in .github/fastdeploy.yml, which lists dev, qa, prod',
      );
    }
    expect(JSON.stringify(runs()).length).toBe(before);
  });

  it("fails with the reason when GitHub refuses the inputs", async () => {
    const { code, stderr } = await cli(["promote", "1.2.3", "--to", "staging", ...remote]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/GitHub refused to start promote\.yml: .*'staging'.*not in the list/);
  });

  it("says how to add a missing workflow", async () => {
    const { code, stderr } = await cli([
      "rollback",
      "--env",
      "prod",
      "--workflow",
      "undo.yml",
      ...remote,
    ]);
    expect(code).toBe(1);
    expect(stderr).toContain("Workflow undo.yml was not found in acme/shop: run fastdeploy init");
  });
});

describe("verify", () => {
  it("verifies a published version", async () => {
    const published = await publishTestVersion(github, { version: "1.4.0" });
    const { code, stdout, stderr } = await cli(["verify", "1.4.0", "--json", ...remote]);
    expect(stderr).toContain("Download release v1.4.0");
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({
      verified: true,
      name: "shop",
      version: "1.4.0",
      tag: "v1.4.0",
      digest: published.digest,
      commit: published.commit,
    });
    const human = await cli(["verify", "v1.4.0", "--require-files", "app/VERSION", ...remote]);
    expect(human.code).toBe(0);
    expect(human.stdout).toContain(`Verified shop 1.4.0 (v1.4.0)\n  digest   ${published.digest}`);
  });

  it("fails on a missing file requirement and on a version never published", async () => {
    const lacking = await cli(["verify", "1.4.0", "--require-files", "app/missing.js", ...remote]);
    expect(lacking.code).toBe(1);
    expect(lacking.stderr).toContain("lacks required files: app/missing.js");
    const missing = await cli(["verify", "9.9.9", ...remote]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/v9\.9\.9/);
  });
});

describe("a failed download", () => {
  it("is one line saying which asset and what answered, without a stack trace", async () => {
    await publishTestVersion(github, { version: "1.5.0" });
    // The signed URL the API redirects to (GitHub's CDN) answers 503.
    github.sandbox.injectFault({
      route: "/_sandbox/release-assets/{owner}/{repo}/{asset_id}",
      kind: "status",
      status: 503,
    });
    const { code, stderr } = await cli(["verify", "1.5.0", ...remote]);
    expect(code).toBe(1);
    expect(stderr).toMatch(
      /^fastdeploy: Download of \S+ from its signed URL failed with HTTP 503\.$/m,
    );
    expect(stderr).not.toMatch(/^\s+at /m);
  });
});

describe("status", () => {
  it("shows what runs in each environment, read from the ledger", async () => {
    const now = Date.now();
    seedLedger(github.sandbox, github.repository, "qa", [
      { version: "1.0.0", at: new Date(now - 3_600_000), approvedBy: ["alice"] },
      { version: "1.1.0", at: new Date(now - 1_800_000), outcome: "failure" },
    ]);
    const args = ["status", "--environments", "qa,prod", ...remote];
    const { code, stdout } = await cli([...args, "--json"]);
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.environments.qa).toMatchObject({ version: "1.0.0", approved_by: ["alice"] });
    expect(report.environments.prod).toMatchObject({ version: null, deployment_id: null });
    const table = await cli(args);
    expect(table.stdout).toMatch(
      /^ENVIRONMENT +VERSION +DEPLOYED AT +APPROVED BY +DEPLOYS\/DAY +FAILED/,
    );
    expect(report.environments.qa.metrics).toMatchObject({ changes: 2, failedChanges: 1 });
    expect(table.stdout).toMatch(/^qa +1\.0\.0 +\S+ +alice/m);
    expect(table.stdout).toMatch(/^prod +- +- +-/m);
  });
});

describe("the token", () => {
  it("is never printed, even when GitHub refuses it", async () => {
    const token = "ghp_notARealTokenButSecret123";
    const { code, stdout, stderr } = await runBundled(bin, ["status", "--token", token, ...remote]);
    expect(code).toBe(1);
    expect(stderr).toContain("GitHub refused the token (401)");
    expect(`${stdout}${stderr}`).not.toContain(token);
  });
});

describe("first-run messages", () => {
  it("says the network is unreachable, at once, when no server answers", async () => {
    // A port nothing listens on (not 9 or 1: fetch refuses those "bad ports" itself).
    const closed = createServer();
    await new Promise<void>((ok) => closed.listen(0, "127.0.0.1", ok));
    const { port } = closed.address() as AddressInfo;
    await new Promise((ok) => closed.close(ok));
    for (const apiUrl of [`http://127.0.0.1:${port}`, "http://api.github.invalid"]) {
      const started = Date.now();
      const { code, stderr } = await cli(["status", "--repo", "acme/shop", "--api-url", apiUrl]);
      expect(code).toBe(1);
      expect(stderr).toMatch(
        /Could not reach [^ ]+ \((ECONNREFUSED|ENOTFOUND|EAI_AGAIN)\): the network is unreachable/,
      );
      expect(stderr).not.toContain("answered 500");
      expect(Date.now() - started).toBeLessThan(5_000);
    }
  });

  it("demo outside a FastDeploy checkout names the fix and exits", async () => {
    // The bundle lives in a temp dir: no node_modules above it or above the cwd.
    const started = Date.now();
    const { code, stderr } = await runBundled(bin, ["demo"], { cwd: tempDir("fd-no-checkout-") });
    expect(code).toBe(1);
    expect(stderr).toContain("run it from a FastDeploy checkout");
    expect(stderr).toContain("npm ci && npm run demo");
    expect(Date.now() - started).toBeLessThan(20_000);
  }, 30_000);

  it("prints no Octokit warnings for the 404s it expects (an environment that does not exist yet)", async () => {
    const dir = tempDir("fd-cli-first-run-");
    for (const args of [
      ["doctor", "--dir", dir],
      ["verify", "9.9.9"],
      ["rollback", "--env", "nowhere"],
    ]) {
      const { stderr } = await cli([...args, ...remote]);
      expect(stderr, args.join(" ")).not.toMatch(/warning: .*404|- 404 with id/);
    }
  });
});
