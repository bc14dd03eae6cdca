// Which workflows an event starts, and the inputs a workflow_dispatch run gets.
// Docs: https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-syntax#onpushbranchestagsbranches-ignoretags-ignore
// and #onpushpull_requestpull_request_targetpathspaths-ignore,
// https://docs.github.com/en/actions/reference/workflows-and-actions/events-that-trigger-workflows#workflow_dispatch

import type {
  EventsConfig,
  InputConfig,
  WorkflowDispatchConfig,
} from "@actions/workflow-parser/model/workflow-template";
import { FastDeployError } from "@fastdeploy/core";
import { checkDispatchInputs, type DispatchInputs } from "@fastdeploy/sandbox";
import { matchesFilters } from "./filter-pattern.js";

/** A request the engine refuses before any run starts; the message says what to change. */
export class TriggerError extends FastDeployError {
  override name = "TriggerError";
}

type PushConfig = NonNullable<EventsConfig["push"]>;

/**
 * Whether a push of `ref` starts a workflow with this `on.push`:
 * - branch filters apply to refs/heads/*, tag filters to refs/tags/*; "If you define only
 *   tags/tags-ignore or only branches/branches-ignore, the workflow won't run for events
 *   affecting the undefined Git ref";
 * - `paths`: at least one changed file must match; `paths-ignore`: not every changed file may
 *   match; "Path filters are not evaluated for pushes of tags";
 * - branch (or tag) and path filters must both pass.
 */
export function pushStartsWorkflow(
  push: PushConfig,
  ref: string,
  changedFiles: () => readonly string[],
): boolean {
  const hasBranchFilter = push.branches !== undefined || push["branches-ignore"] !== undefined;
  const hasTagFilter = push.tags !== undefined || push["tags-ignore"] !== undefined;
  if (ref.startsWith("refs/tags/")) {
    const tag = ref.slice("refs/tags/".length);
    if (!hasTagFilter) return !hasBranchFilter;
    if (push.tags) return matchesFilters(tag, push.tags);
    return !matchesFilters(tag, push["tags-ignore"] ?? []);
  }
  if (!ref.startsWith("refs/heads/")) return false;
  const branch = ref.slice("refs/heads/".length);
  if (hasTagFilter && !hasBranchFilter) return false;
  if (push.branches && !matchesFilters(branch, push.branches)) return false;
  if (push["branches-ignore"] && matchesFilters(branch, push["branches-ignore"])) return false;
  if (push.paths) {
    const paths = push.paths;
    if (!changedFiles().some((file) => matchesFilters(file, paths))) return false;
  }
  if (push["paths-ignore"]) {
    const ignored = push["paths-ignore"];
    const files = changedFiles();
    if (files.length > 0 && files.every((file) => matchesFilters(file, ignored))) return false;
  }
  return true;
}

/**
 * A workflow_dispatch run's inputs, checked the way GitHub's dispatch API checks them: the
 * local GitHub's own checker (its dispatch route answers 422 with the same words).
 */
export function dispatchInputs(
  workflow: string,
  config: WorkflowDispatchConfig,
  given: Record<string, string>,
): DispatchInputs {
  const declared: Record<string, InputConfig> = config.inputs ?? {};
  return checkDispatchInputs(
    declared,
    given,
    (message) => new TriggerError(`${workflow}: ${message}`),
    { explain: true },
  );
}
