// The `github` context of a run, with the fields "Contexts reference → github context" lists
// (https://docs.github.com/en/actions/reference/workflows-and-actions/contexts#github-context),
// and the event payload GitHub writes to GITHUB_EVENT_PATH (built by the sandbox's
// packages/sandbox/src/runner/events.ts, shapes checked against @octokit/webhooks-examples).
import {
  branchPushEvent,
  LOCAL_SERVER_URL,
  refParts,
  tagPushEvent,
  type WorkflowEvent,
  workflowDispatchEvent,
} from "@fastdeploy/sandbox";

export interface RunIdentity {
  repository: string;
  apiUrl: string;
  eventName: "push" | "workflow_dispatch";
  ref: string;
  sha: string;
  /** The ref's previous commit for a branch push (the payload's `before`). */
  before?: string;
  actor: string;
  triggeringActor: string;
  workflowName: string;
  workflowPath: string;
  runId: number;
  runNumber: number;
  runAttempt: number;
  eventInputs?: Record<string, string>;
  workspace: string;
  eventPath: string;
}

export function eventPayload(run: RunIdentity): WorkflowEvent {
  const common = {
    repo: run.repository,
    serverUrl: LOCAL_SERVER_URL,
    apiUrl: run.apiUrl,
    actor: run.actor,
  };
  if (run.eventName === "workflow_dispatch") {
    return workflowDispatchEvent({
      ...common,
      inputs: run.eventInputs ?? {},
      ref: run.ref,
      workflow: run.workflowPath,
    });
  }
  if (run.ref.startsWith("refs/tags/")) {
    return tagPushEvent({ ...common, tag: run.ref.slice("refs/tags/".length), sha: run.sha });
  }
  return branchPushEvent({
    ...common,
    branch: refParts(run.ref).name,
    sha: run.sha,
    ...(run.before ? { before: run.before } : {}),
  });
}

/** The run-wide `github` context; `job`, `token` and `job_workflow_sha` are set per job. */
export function githubContext(run: RunIdentity, event: WorkflowEvent): Record<string, unknown> {
  const [owner = ""] = run.repository.split("/");
  const { name: refName, type } = refParts(run.ref);
  // GitHub's ref_type is "branch" or "tag"; any other ref reads as a branch, as before.
  const refType = type || "branch";
  const repository = event.payload.repository as { id?: number; owner?: { id?: number } };
  return {
    action: "",
    action_path: "",
    action_ref: "",
    action_repository: "",
    actor: run.actor,
    actor_id: String((event.payload.sender as { id?: number } | undefined)?.id ?? ""),
    api_url: run.apiUrl,
    base_ref: "",
    event: event.payload,
    event_name: run.eventName,
    event_path: run.eventPath,
    graphql_url: `${run.apiUrl}/graphql`,
    head_ref: "",
    job: "",
    ref: run.ref,
    ref_name: refName,
    ref_protected: false,
    ref_type: refType,
    repository: run.repository,
    repository_id: String(repository.id ?? ""),
    repository_owner: owner,
    repository_owner_id: String(repository.owner?.id ?? ""),
    repositoryUrl: `git://${LOCAL_SERVER_URL.replace(/^https?:\/\//, "")}/${run.repository}.git`,
    retention_days: "90",
    run_id: String(run.runId),
    run_number: String(run.runNumber),
    run_attempt: String(run.runAttempt),
    secret_source: "Actions",
    server_url: LOCAL_SERVER_URL,
    sha: run.sha,
    token: "",
    triggering_actor: run.triggeringActor,
    workflow: run.workflowName,
    workflow_ref: `${run.repository}/${run.workflowPath}@${run.ref}`,
    workflow_sha: run.sha,
    workspace: run.workspace,
  };
}
