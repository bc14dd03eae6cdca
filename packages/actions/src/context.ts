import { readFileSync } from "node:fs";

/** What the runner tells a step about its run, read once from the environment. */
export interface RunContext {
  repository: string;
  sha: string;
  ref: string;
  refName: string;
  refType: "branch" | "tag" | "";
  eventName: string;
  event: Record<string, unknown>;
  actor: string;
  triggeringActor: string;
  workflow: string;
  job: string;
  runId: number;
  runNumber: number;
  runAttempt: number;
  serverUrl: string;
  apiUrl: string;
  workspace: string;
  runnerTemp: string;
  /** The run's page, used as the deployment's log_url and the manifest's build URL. */
  runUrl: string;
}

const num = (value: string | undefined) => {
  const n = Number(value);
  return Number.isFinite(n) ? n : 0;
};

export function readRunContext(env: NodeJS.ProcessEnv = process.env): RunContext {
  const serverUrl = (env.GITHUB_SERVER_URL || "https://github.com").replace(/\/+$/, "");
  const repository = env.GITHUB_REPOSITORY ?? "";
  const runId = num(env.GITHUB_RUN_ID);
  let event: Record<string, unknown> = {};
  if (env.GITHUB_EVENT_PATH) {
    try {
      event = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, "utf8")) as Record<string, unknown>;
    } catch {
      // A missing or unreadable payload leaves the event empty, as @actions/github does.
    }
  }
  const refType = env.GITHUB_REF_TYPE;
  return {
    repository,
    sha: env.GITHUB_SHA ?? "",
    ref: env.GITHUB_REF ?? "",
    refName: env.GITHUB_REF_NAME ?? "",
    refType: refType === "branch" || refType === "tag" ? refType : "",
    eventName: env.GITHUB_EVENT_NAME ?? "",
    event,
    actor: env.GITHUB_ACTOR ?? "",
    triggeringActor: env.GITHUB_TRIGGERING_ACTOR || env.GITHUB_ACTOR || "",
    workflow: env.GITHUB_WORKFLOW ?? "",
    job: env.GITHUB_JOB ?? "",
    runId,
    runNumber: num(env.GITHUB_RUN_NUMBER),
    runAttempt: num(env.GITHUB_RUN_ATTEMPT) || 1,
    serverUrl,
    apiUrl: (env.GITHUB_API_URL || "https://api.github.com").replace(/\/+$/, ""),
    workspace: env.GITHUB_WORKSPACE || process.cwd(),
    runnerTemp: env.RUNNER_TEMP || env.TMPDIR || "/tmp",
    runUrl: runId && repository ? `${serverUrl}/${repository}/actions/runs/${runId}` : "",
  };
}
