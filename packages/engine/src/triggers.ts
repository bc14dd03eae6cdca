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

export type InputValue = string | number | boolean;

export interface DispatchInputs {
  /** The `inputs` context: booleans and numbers typed. */
  inputs: Record<string, InputValue>;
  /** `github.event.inputs`: every value as a string, as GitHub sends the payload. */
  eventInputs: Record<string, string>;
}

/**
 * A workflow_dispatch run's inputs, checked the way GitHub's dispatch API checks them
 * (wording of its 422 answers): no undeclared input, required ones present, `choice` values
 * among `options`, booleans and numbers well formed; defaults fill what was not given.
 */
export function dispatchInputs(
  workflow: string,
  config: WorkflowDispatchConfig,
  given: Record<string, string>,
): DispatchInputs {
  const declared: Record<string, InputConfig> = config.inputs ?? {};
  const refuse = (message: string) => new TriggerError(`${workflow}: ${message}`);
  const unexpected = Object.keys(given).filter((name) => !(name in declared));
  if (unexpected.length > 0) {
    throw refuse(
      `Unexpected inputs provided: ${JSON.stringify(unexpected)}; the workflow declares ${
        Object.keys(declared).join(", ") || "no inputs"
      }`,
    );
  }
  const inputs: Record<string, InputValue> = {};
  const eventInputs: Record<string, string> = {};
  for (const [name, input] of Object.entries(declared)) {
    const raw = given[name] ?? (input.default === undefined ? undefined : String(input.default));
    if (raw === undefined || raw === "") {
      if (input.required) throw refuse(`Required input '${name}' not provided`);
      // GitHub's form sends an empty string (false for a boolean) for an input left empty.
      inputs[name] = typeOf(input) === "boolean" ? false : "";
      eventInputs[name] = typeOf(input) === "boolean" ? "false" : "";
      continue;
    }
    inputs[name] = typedInput(name, typeOf(input), raw, input.options, refuse);
    eventInputs[name] = raw;
  }
  return { inputs, eventInputs };
}

function typeOf(input: { type?: unknown }): string {
  return typeof input.type === "string" ? input.type : "string";
}

/** One input value as its declared type; shared by workflow_dispatch and workflow_call. */
export function typedInput(
  name: string,
  type: string,
  raw: string,
  options: readonly string[] | undefined,
  refuse: (message: string) => Error,
): InputValue {
  switch (type) {
    case "boolean":
      if (raw !== "true" && raw !== "false") {
        throw refuse(`Provided value '${raw}' for input '${name}' is not a boolean`);
      }
      return raw === "true";
    case "number": {
      const value = Number(raw);
      if (raw.trim() === "" || Number.isNaN(value)) {
        throw refuse(`Provided value '${raw}' for input '${name}' is not a number`);
      }
      return value;
    }
    case "choice":
      if (options && !options.includes(raw)) {
        throw refuse(
          `Provided value '${raw}' for input '${name}' not in the list of allowed values (${options.join(", ")})`,
        );
      }
      return raw;
    default:
      return raw;
  }
}
