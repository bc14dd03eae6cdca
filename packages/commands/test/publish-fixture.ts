import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { GitHubClient } from "@fastdeploy/github";
import {
  FULL_NAME,
  REPO,
  sandboxRepoClient,
  useSandboxRepo,
} from "../../../test/support/sandbox-repo.js";
import type { Sandbox, SandboxOptions } from "../../sandbox/src/rest/index.js";
import { build } from "../src/build.js";
import type { Log } from "../src/ports.js";
import { type PublishOptions, type PublishResult, publish } from "../src/publish.js";

export { FULL_NAME, REPO };

/** A Log that keeps every line, for asserting on what a person would read. */
export function memoryLog() {
  const lines: string[] = [];
  const log: Log = {
    info: (m) => lines.push(m),
    warning: (m) => lines.push(`warning: ${m}`),
    debug: () => {},
    group: async (title, run) => {
      lines.push(`## ${title}`);
      return run();
    },
  };
  return { log, lines };
}

export const clientFor = sandboxRepoClient;

/** A sandbox per file; each test gets a fresh repository with one commit and a temp dir. */
export const usePublishSandbox = (options: SandboxOptions = {}) =>
  useSandboxRepo("Add the shop service", options);

export interface BuildFiles {
  archive: string;
  manifest: string;
  checksums: string;
  digest: string;
}

/** Runs the real build command over a small tree: the three files publish takes. */
export async function buildFiles(
  dir: string,
  spec: { version: string; commit: string; content?: Buffer | string; out?: string },
): Promise<BuildFiles> {
  const workspace = mkdtempSync(join(dir, "ws-"));
  mkdirSync(join(workspace, "app"), { recursive: true });
  writeFileSync(join(workspace, "app/index.js"), 'console.log("shop");\n');
  writeFileSync(join(workspace, "app/data.bin"), spec.content ?? randomBytes(32 * 1024));
  const result = await build(
    {
      workspace,
      workingDirectory: ".",
      paths: ["app"],
      name: "shop",
      version: spec.version,
      outputDir: spec.out ?? "out",
      upload: false,
      source: { repository: FULL_NAME, commit: spec.commit, ref: `refs/tags/v${spec.version}` },
      run: { id: 7, attempt: 1, number: 3, workflow: "Release", url: "" },
      builderVersion: "test",
      now: new Date(),
    },
    { log: memoryLog().log },
  );
  return { ...result };
}

/** publish() with a fresh client and log; returns the result, the log and the client. */
export async function runPublish(
  sandbox: Sandbox,
  files: BuildFiles,
  options: Partial<PublishOptions> = {},
  tempDir = tmpdir(),
): Promise<{ result: PublishResult; lines: string[]; client: GitHubClient }> {
  const { log, lines } = memoryLog();
  const client = clientFor(sandbox);
  const result = await publish(
    {
      repo: REPO,
      archive: files.archive,
      manifest: files.manifest,
      checksums: files.checksums,
      ...options,
    },
    { github: client, log, tempDir },
  );
  return { result, lines, client };
}
