// A user's repository in a temp dir (real git) and a real local GitHub, with an Engine over
// them that records every event.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { type LocalGitHub, startLocalGitHub } from "@fastdeploy/sandbox";
import { afterAll, beforeAll } from "vitest";
import { Engine, type EngineEvent, type EngineOptions } from "../../src/index.js";

export interface WorkflowRepo {
  dir: string;
  /** Writes files and commits them; returns the commit. */
  commit(files: Record<string, string>, message?: string): string;
  tag(name: string): void;
  head(): string;
  branch(name: string): void;
  remove(): void;
}

function git(dir: string, ...args: string[]): string {
  return execFileSync("git", args, { cwd: dir, encoding: "utf8" }).trim();
}

export function workflowRepo(files: Record<string, string>): WorkflowRepo {
  const dir = mkdtempSync(join(tmpdir(), "engine-repo-"));
  git(dir, "init", "-q", "-b", "main");
  git(dir, "config", "user.email", "dev@example.com");
  git(dir, "config", "user.name", "dev");
  git(dir, "config", "commit.gpgsign", "false");
  const repo: WorkflowRepo = {
    dir,
    commit(more, message = "change") {
      for (const [path, text] of Object.entries(more)) {
        mkdirSync(dirname(join(dir, path)), { recursive: true });
        writeFileSync(join(dir, path), text);
      }
      git(dir, "add", "-A");
      git(dir, "commit", "-q", "--allow-empty", "-m", message);
      return git(dir, "rev-parse", "HEAD");
    },
    tag: (name) => git(dir, "tag", name),
    head: () => git(dir, "rev-parse", "HEAD"),
    branch: (name) => git(dir, "branch", name),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
  repo.commit(files, "initial");
  return repo;
}

export interface EngineKit {
  engine: Engine;
  local: LocalGitHub;
  events: EngineEvent[];
  /** Log lines of one job, by its display name. */
  logOf(job: string): string[];
  close(): Promise<void>;
}

export async function engineKit(
  repo: Pick<WorkflowRepo, "dir">,
  options: Partial<EngineOptions> & { local?: LocalGitHub } = {},
): Promise<EngineKit> {
  const local = options.local ?? (await startLocalGitHub({ repository: "acme/shop" }));
  const events: EngineEvent[] = [];
  const engine = new Engine({
    repoDir: repo.dir,
    local,
    repository: local.repository,
    ...options,
    onEvent: (event) => {
      events.push(event);
      options.onEvent?.(event);
    },
  });
  return {
    engine,
    local,
    events,
    logOf: (job) => events.flatMap((e) => (e.type === "log" && e.job === job ? [e.line] : [])),
    close: async () => {
      if (!options.local) await local.close();
    },
  };
}

/**
 * One repository holding `files` and one engine over it for a whole describe block: created
 * before its tests, closed and removed after them. Read `.kit` inside the tests.
 */
export function engineKitFor(files: Record<string, string>): { readonly kit: EngineKit } {
  let repo: WorkflowRepo | undefined;
  let kit: EngineKit | undefined;
  beforeAll(async () => {
    repo = workflowRepo(files);
    kit = await engineKit(repo);
  });
  afterAll(async () => {
    await kit?.close();
    repo?.remove();
  });
  return {
    get kit() {
      if (!kit) throw new Error("engineKitFor: read .kit inside a test, after beforeAll");
      return kit;
    },
  };
}

/** The jobs' conclusions by name, for compact assertions. */
export function conclusions(run: { jobs: { name: string; conclusion: string }[] }) {
  return Object.fromEntries(run.jobs.map((j) => [j.name, j.conclusion]));
}

/**
 * Approves every environment a run waits on, as `login` (a reviewer) does through
 * POST …/actions/runs/{run_id}/pending_deployments; fails unless GitHub accepts it.
 */
export async function approvePending(kit: EngineKit, runId: number, login: string) {
  const url = `${kit.local.sandbox.apiUrl}/repos/${kit.local.repository}/actions/runs/${runId}/pending_deployments`;
  const pending = (await (
    await fetch(url, { headers: { authorization: `token ${kit.local.token}` } })
  ).json()) as { environment: { id: number } }[];
  const response = await fetch(url, {
    method: "POST",
    headers: {
      authorization: `token ${kit.local.sandbox.userToken(login)}`,
      "content-type": "application/json",
    },
    body: JSON.stringify({
      environment_ids: pending.map((p) => p.environment.id),
      state: "approved",
      comment: "ship it",
    }),
  });
  if (response.status !== 200) {
    throw new Error(
      `${login} could not approve run ${runId}: ${response.status} ${await response.text()}`,
    );
  }
}
