// The promotion board through the public surface: the bundled status action's job summary and
// the bundled CLI (`--format mermaid`, a terminal, a pipe), against the local GitHub. Mermaid's
// own parser checks every flowchart.
import { execFile } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type LocalGitHub, startLocalGitHub } from "@fastdeploy/sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bundleCli, runBundled } from "../packages/cli/test/bundled-cli.js";
import { seedLedger } from "./support/ledger-seed.js";
import { mermaidBlock, parseMermaid } from "./support/mermaid-parser.js";
import { tempDir } from "./support/tree.js";

let github: LocalGitHub;
let bin: string;
let remote: string[];
const ESC = "\u001b[";

beforeAll(async () => {
  [bin, github] = await Promise.all([
    Promise.resolve().then(bundleCli),
    startLocalGitHub({ repository: "acme/shop" }),
  ]);
  remote = ["--repo", github.repository, "--api-url", github.sandbox.apiUrl];
  const at = (hoursAgo: number) => new Date(Date.now() - hoursAgo * 3_600_000);
  const { sandbox, repository } = github;
  seedLedger(sandbox, repository, "dev", [{ version: "1.2.0", at: at(30) }]);
  seedLedger(sandbox, repository, "qa", [
    { version: "1.1.0", at: at(50), approvedBy: ["carol"] },
    { version: "1.2.0", at: at(5), approvedBy: ["carol"] },
  ]);
  seedLedger(sandbox, repository, "prod", [
    { version: "1.1.0", at: at(48), approvedBy: ["bob"] },
    { version: "1.2.0", at: at(3), approvedBy: ["bob"] },
    { version: "1.1.0", at: at(2), rollbackFrom: "1.2.0" },
  ]);
}, 180_000);
afterAll(async () => {
  github?.sandbox.assertNoViolations();
  await github?.close();
});

/** A checkout whose config lists the environments in promotion order. */
function checkout(): string {
  const dir = tempDir("fd-status-board-");
  mkdirSync(join(dir, ".github"));
  writeFileSync(
    join(dir, ".github/fastdeploy.yml"),
    "environments:\n  - name: dev\n  - name: qa\n    after: [dev]\n  - name: prod\n    after: [qa]\n",
  );
  return dir;
}

describe("the promotion board", () => {
  it("is drawn in the status action's job summary as a flowchart Mermaid accepts", async () => {
    const result = await github.run({ action: "status", workspace: checkout(), inputs: {} });
    expect(result.exitCode).toBe(0);
    const chart = mermaidBlock(result.summary);
    await expect(parseMermaid(chart)).resolves.toBeTruthy();
    expect(chart).toMatch(
      /^flowchart LR\n {2}env0\["<b>dev<\/b><br\/>1\.2\.0<br\/>deployed 30 h ago"\]/,
    );
    expect(chart).toContain(
      'env1["<b>qa</b><br/>1.2.0<br/>deployed 5 h ago<br/>approved by carol"]',
    );
    expect(chart).toContain(
      'env2["<b>prod</b><br/>1.1.0<br/>deployed 2 h ago<br/>↩ rolled back from 1.2.0<br/>⛔ held: 1.2.0"]',
    );
    expect(chart).toContain("env0 --> env1\n  env1 --> env2\n");
    expect(chart).toContain("class env2 rolledback");
  });

  it("is printed by fastdeploy status --format mermaid", async () => {
    const { code, stdout, stderr } = await runBundled(
      bin,
      ["status", "--format", "mermaid", ...remote],
      {
        env: { GITHUB_TOKEN: github.token },
        cwd: checkout(),
      },
    );
    expect(stderr).not.toMatch(/error/i);
    expect(code).toBe(0);
    await expect(parseMermaid(stdout)).resolves.toBeTruthy();
    expect(stdout).toContain("⛔ held: 1.2.0");
    const usage = await runBundled(bin, ["status", "--format", "svg", ...remote]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('--format must be text, mermaid, json; got "svg"');
  });

  it("is coloured on a terminal, plain with NO_COLOR, and left out on a pipe", async () => {
    const cwd = checkout();
    const env = { GITHUB_TOKEN: github.token };
    const terminal = await inTerminal(["status", ...remote], cwd, env);
    expect(terminal).toContain(`${ESC}33m↩ rolled back from 1.2.0${ESC}0m`);
    expect(terminal).toContain(`${ESC}31mheld: 1.2.0${ESC}0m`);
    expect(terminal).toMatch(/ENVIRONMENT +VERSION/);

    const noColour = await inTerminal(["status", ...remote], cwd, { ...env, NO_COLOR: "1" });
    expect(noColour).not.toContain(ESC);
    expect(noColour).toMatch(
      /● prod +1\.1\.0 +deployed 2 h ago · ↩ rolled back from 1\.2\.0 · held: 1\.2\.0/,
    );

    const pipe = await runBundled(bin, ["status", ...remote], { env, cwd });
    expect(pipe.code).toBe(0);
    expect(pipe.stdout).not.toContain(ESC);
    expect(pipe.stdout).not.toContain("●");
    expect(pipe.stdout).toMatch(/^ENVIRONMENT +VERSION/);
  });
});

/** The bundled CLI with stdout on a pseudo-terminal (util-linux `script`), as a person runs it. */
function inTerminal(args: string[], cwd: string, env: Record<string, string>): Promise<string> {
  const command = [process.execPath, bin, ...args]
    .map((a) => `'${a.replaceAll("'", "'\\''")}'`)
    .join(" ");
  return new Promise((resolve, reject) => {
    execFile(
      "script",
      ["-qefc", command, "/dev/null"],
      {
        cwd,
        env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? cwd, TERM: "xterm", ...env },
      },
      (error, stdout, stderr) =>
        error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout),
    );
  });
}
