// The inputs of a workflow_dispatch run, checked as GitHub's dispatch API checks them. One
// checker for the local GitHub's dispatch route (a 422) and the local engine's trigger (a
// TriggerError), so both refuse the same inputs in the same words.
// Docs: https://docs.github.com/en/actions/reference/workflows-and-actions/events-that-trigger-workflows#workflow_dispatch
// and https://docs.github.com/en/rest/actions/workflows#create-a-workflow-dispatch-event; the
// 422 messages are GitHub's own wording, as its API answers them.

/** A declared input: `on.workflow_dispatch.inputs.<name>` (or workflow_call's). */
export interface DeclaredInput {
  type?: unknown;
  required?: boolean | undefined;
  default?: unknown;
  options?: readonly string[] | undefined;
}

export type InputValue = string | number | boolean;

export interface DispatchInputs {
  /** The `inputs` context: booleans and numbers typed. */
  inputs: Record<string, InputValue>;
  /** `github.event.inputs`: every declared input as a string, as GitHub sends the payload. */
  eventInputs: Record<string, string>;
}

/**
 * No undeclared input, required ones present, `choice` values among `options`, booleans and
 * numbers well formed; defaults fill what was not given, and an input left empty is an empty
 * string (false for a boolean), as GitHub's form sends it. `refuse` makes the error to throw
 * from GitHub's own words; with `explain`, a message also names what would have been
 * accepted (the local engine's refusals say so; the local GitHub answers as GitHub does).
 */
export function checkDispatchInputs(
  declared: Record<string, DeclaredInput>,
  given: Record<string, unknown>,
  refuse: (message: string) => Error,
  { explain = false } = {},
): DispatchInputs {
  const unexpected = Object.keys(given).filter((name) => !(name in declared));
  if (unexpected.length > 0) {
    const declares = `; the workflow declares ${Object.keys(declared).join(", ") || "no inputs"}`;
    throw refuse(
      `Unexpected inputs provided: ${JSON.stringify(unexpected)}${explain ? declares : ""}`,
    );
  }
  const inputs: Record<string, InputValue> = {};
  const eventInputs: Record<string, string> = {};
  for (const [name, input] of Object.entries(declared)) {
    const value = given[name] ?? input.default;
    const raw = value === undefined || value === null ? "" : String(value);
    if (raw === "") {
      if (input.required) throw refuse(`Required input '${name}' not provided`);
      inputs[name] = typeOf(input) === "boolean" ? false : "";
      eventInputs[name] = typeOf(input) === "boolean" ? "false" : "";
      continue;
    }
    inputs[name] = typedInput(name, typeOf(input), raw, input.options, refuse, explain);
    eventInputs[name] = raw;
  }
  return { inputs, eventInputs };
}

function typeOf(input: DeclaredInput): string {
  return typeof input.type === "string" ? input.type : "string";
}

/** One input value as its declared type; shared by workflow_dispatch and workflow_call. */
export function typedInput(
  name: string,
  type: string,
  raw: string,
  options: readonly string[] | undefined,
  refuse: (message: string) => Error,
  explain = true,
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
          `Provided value '${raw}' for input '${name}' not in the list of allowed values${explain ? ` (${options.join(", ")})` : ""}`,
        );
      }
      return raw;
    default:
      return raw;
  }
}
