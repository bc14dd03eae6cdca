// Shared by the distribute end-to-end tests: a fresh repository per test in one local GitHub,
// a workspace with an optional config file, the deploy log the shell commands append to, and
// readers for what the ledger holds.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { DeploymentLedger, type GitHubClient } from "@fastdeploy/github";
import { type ActionRunResult, type LocalGitHub, startLocalGitHub } from "@fastdeploy/sandbox";
import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";
import { sandboxClient } from "./release-fixture.js";
import { tempDir } from "./tree.js";

export const OWNER = "acme";
export const REPO = "shop";

/**
 * One local GitHub for a test file: started before its tests (handed to `started`, with a
 * client for it), a fresh repository before each test, no OpenAPI violation after each, closed
 * at the end.
 */
export function useLocalGitHub(
  started: (local: { github: LocalGitHub; client: GitHubClient }) => void,
): void {
  let github: LocalGitHub | undefined;
  beforeAll(async () => {
    github = await startLocalGitHub();
    started({ github, client: sandboxClient(github) });
  });
  beforeEach(() => freshRepository(github as LocalGitHub));
  afterEach(() => github?.sandbox.assertNoViolations());
  afterAll(async () => {
    await github?.close();
  });
}

/** Forget everything and start the repository again at the same head commit. */
export function freshRepository(github: LocalGitHub): void {
  github.sandbox.reset();
  github.sandbox.createRepo(github.repository);
  github.sandbox.seedCommit(github.repository, {
    message: "Add the shop service",
    sha: github.sha,
  });
}

export interface Workspace {
  dir: string;
  /** The file the deploy commands append to. */
  log: string;
  lines(): string[];
}

export function workspace(config?: string): Workspace {
  const dir = tempDir("fd-distribute-ws-");
  if (config !== undefined) {
    mkdirSync(join(dir, ".github"), { recursive: true });
    writeFileSync(join(dir, ".github/fastdeploy.yml"), config);
  }
  const log = join(dir, "deploy.log");
  writeFileSync(log, "");
  return {
    dir,
    log,
    lines: () => readFileSync(log, "utf8").split("\n").filter(Boolean),
  };
}

export function runDistribute(
  github: LocalGitHub,
  ws: Workspace,
  inputs: Record<string, string>,
  env: Record<string, string> = {},
): Promise<ActionRunResult> {
  return github.run({
    action: "distribute",
    workspace: ws.dir,
    inputs,
    env: { DEPLOY_LOG: ws.log, ...env },
  });
}

export const errors = (run: ActionRunResult) =>
  run.annotations.filter((a) => a.level === "error").map((a) => a.message);

export interface LedgerRow {
  id: number;
  ref: string;
  environment: string;
  task: string;
  production: boolean;
  transient: boolean;
  payload: Record<string, unknown>;
  /** Newest first, as GitHub lists them. */
  statuses: Array<{ state: string; description: string; log_url: string; environment_url: string }>;
}

/** Every deployment of an environment, newest first, with all its statuses. */
export async function ledgerRows(client: GitHubClient, environment: string): Promise<LedgerRow[]> {
  const { data } = await client.rest.repos.listDeployments({
    owner: OWNER,
    repo: REPO,
    environment,
    per_page: 100,
  });
  const rows: LedgerRow[] = [];
  for (const d of data) {
    const { data: statuses } = await client.rest.repos.listDeploymentStatuses({
      owner: OWNER,
      repo: REPO,
      deployment_id: d.id,
      per_page: 100,
    });
    rows.push({
      id: d.id,
      ref: d.ref,
      environment: d.environment,
      task: d.task,
      production: d.production_environment ?? false,
      transient: d.transient_environment ?? false,
      payload: (typeof d.payload === "string" ? JSON.parse(d.payload) : d.payload) as Record<
        string,
        unknown
      >,
      statuses: statuses.map((s) => ({
        state: s.state,
        description: s.description ?? "",
        log_url: s.log_url ?? "",
        environment_url: s.environment_url ?? "",
      })),
    });
  }
  return rows;
}

/** What the ledger says runs in the environment, read as the actions read it. */
export async function liveVersion(client: GitHubClient, environment: string) {
  return (
    await new DeploymentLedger(client, { owner: OWNER, repo: REPO }).environment(environment).live()
  )?.version;
}

/** API requests GitHub would count: the sandbox's signed CDN downloads are not API calls. */
export function apiRequests(github: LocalGitHub): number {
  return github.sandbox.log.records.filter((r) => !r.route.startsWith("/_sandbox/")).length;
}

/**
 * A health endpoint per target on 127.0.0.1: GET /<target>/health answers 200 while the version
 * the deploy command wrote to `<stateDir>/<target>` is not in `sick` (as `1.1.0` for every
 * target, or `store-3@1.1.0` for one), 503 otherwise.
 */
export async function healthServer(sick: Set<string>) {
  const stateDir = tempDir("fd-health-state-");
  const server: Server = createServer((req, res) => {
    const target = /^\/([^/]+)\/health$/.exec(req.url ?? "")?.[1];
    let version = "";
    try {
      version = target
        ? readFileSync(join(stateDir, decodeURIComponent(target)), "utf8").trim()
        : "";
    } catch {}
    const healthy =
      version !== "" &&
      !sick.has(version) &&
      !sick.has(`${decodeURIComponent(target ?? "")}@${version}`);
    res.writeHead(healthy ? 200 : 503, { "content-type": "text/plain" });
    res.end(healthy ? `ok ${version}\n` : `unhealthy ${version}\n`);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    stateDir,
    url: `http://127.0.0.1:${port}/{target}/health`,
    /** The version a target runs, as its deploy command left it. */
    running: (target: string) => readFileSync(join(stateDir, target), "utf8").trim(),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
