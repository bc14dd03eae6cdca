// Workflow commands on stdout/stderr (`::name k=v,k=v::data`), processed line by line the
// way actions/runner does (src/Runner.Common/ActionCommand.cs, ActionCommandManager.cs).

export type AnnotationLevel = "error" | "warning" | "notice";

export interface Annotation {
  level: AnnotationLevel;
  message: string;
  file?: string;
  line?: number;
  endLine?: number;
  col?: number;
  endColumn?: number;
  title?: string;
  /** `action` for commands the action printed; `runner` for what the runner itself reports. */
  source: "action" | "runner";
}

export interface ParsedCommand {
  command: string;
  properties: Record<string, string>;
  data: string;
}

// Unescaping walks the runner's mapping tables in order, so "%25" is decoded last.
const DATA_ESCAPES: [string, string][] = [
  ["%0D", "\r"],
  ["%0A", "\n"],
  ["%25", "%"],
];
const PROPERTY_ESCAPES: [string, string][] = [
  ["%0D", "\r"],
  ["%0A", "\n"],
  ["%3A", ":"],
  ["%2C", ","],
  ["%25", "%"],
];

function unescapeValue(value: string, table: [string, string][]): string {
  let out = value;
  for (const [escaped, plain] of table) out = out.split(escaped).join(plain);
  return out;
}

/** Parses one line in the `::command props::data` form, or returns null for plain output. */
export function parseCommandLine(rawLine: string): ParsedCommand | null {
  const line = rawLine.trimStart();
  if (!line.startsWith("::")) return null;
  const end = line.indexOf("::", 2);
  if (end < 0) return null;
  const info = line.slice(2, end);
  const space = info.indexOf(" ");
  const command = space < 0 ? info : info.slice(0, space);
  if (command === "") return null;
  const properties: Record<string, string> = {};
  if (space >= 0) {
    for (const pair of info.slice(space + 1).split(",")) {
      if (pair.trim() === "") continue;
      const eq = pair.indexOf("=");
      if (eq <= 0) continue; // the runner ignores properties without a name or value
      properties[pair.slice(0, eq)] = unescapeValue(pair.slice(eq + 1), PROPERTY_ESCAPES);
    }
  }
  return { command, properties, data: unescapeValue(line.slice(end + 2), DATA_ESCAPES) };
}

const SET_OUTPUT_DEPRECATED =
  "The `set-output` command is deprecated and will be disabled soon. Please upgrade to using Environment Files. For more information see: https://github.blog/changelog/2022-10-11-github-actions-deprecating-save-state-and-set-output-commands/";
const SAVE_STATE_DEPRECATED =
  "The `save-state` command is deprecated and will be disabled soon. Please upgrade to using Environment Files. For more information see: https://github.blog/changelog/2022-10-11-github-actions-deprecating-save-state-and-set-output-commands/";

function toLine(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number.parseInt(value, 10);
  return Number.isFinite(n) ? n : undefined;
}

/**
 * The state a step's command processing builds up. One processor per step; `masks` may be
 * seeded with secrets the runner already knows (the job token).
 */
export class WorkflowCommandProcessor {
  readonly annotations: Annotation[] = [];
  readonly masks: string[] = [];
  readonly outputs: Record<string, string> = {};
  readonly state: Record<string, string> = {};
  readonly groups: string[] = [];
  readonly debug: string[] = [];
  private stopToken: string | null = null;

  constructor(masks: string[] = []) {
    for (const mask of masks) this.addMask(mask);
  }

  addMask(value: string): void {
    // The runner ignores blank masks, and a value registered twice masks the same text.
    if (value.trim() === "" || this.masks.includes(value)) return;
    this.masks.push(value);
  }

  /** Replaces every registered secret with `***`, longest first so overlaps mask fully. */
  mask(text: string): string {
    let out = text;
    for (const secret of [...this.masks].sort((a, b) => b.length - a.length)) {
      out = out.split(secret).join("***");
    }
    return out;
  }

  runnerAnnotation(level: AnnotationLevel, message: string): void {
    this.annotations.push({ level, message, source: "runner" });
  }

  /** Handles one output line; returns the line as it appears in the log (masked). */
  processLine(line: string): string {
    const parsed = parseCommandLine(line);
    if (this.stopToken !== null) {
      // Commands are off until the action prints `::<token>::`.
      if (parsed && parsed.command === this.stopToken) this.stopToken = null;
      return this.mask(line);
    }
    if (parsed) this.apply(parsed);
    return this.mask(line);
  }

  private apply({ command, properties, data }: ParsedCommand): void {
    switch (command) {
      case "error":
      case "warning":
      case "notice": {
        const annotation: Annotation = { level: command, message: data, source: "action" };
        const { file, title, line, endLine, col, endColumn } = properties;
        if (file !== undefined) annotation.file = file;
        if (title !== undefined) annotation.title = title;
        const numbers = { line, endLine, col, endColumn };
        for (const [key, value] of Object.entries(numbers)) {
          const n = toLine(value);
          if (n !== undefined) annotation[key as "line"] = n;
        }
        this.annotations.push(annotation);
        return;
      }
      case "add-mask":
        this.addMask(data);
        return;
      case "debug":
        this.debug.push(data);
        return;
      case "group":
        this.groups.push(data);
        return;
      case "set-output":
        this.runnerAnnotation("warning", SET_OUTPUT_DEPRECATED);
        if (properties.name) this.outputs[properties.name] = data;
        return;
      case "save-state":
        this.runnerAnnotation("warning", SAVE_STATE_DEPRECATED);
        if (properties.name) this.state[properties.name] = data;
        return;
      case "set-env":
      case "add-path":
        // Disabled on GitHub since 2020 unless ACTIONS_ALLOW_UNSECURE_COMMANDS is set.
        this.runnerAnnotation(
          "error",
          `Unable to process command '::${command}' successfully.\nThe \`${command}\` command is disabled. Please upgrade to using Environment Files or opt into unsecure command execution by setting the \`ACTIONS_ALLOW_UNSECURE_COMMANDS\` environment variable to \`true\`. For more information see: https://github.blog/changelog/2020-10-01-github-actions-deprecating-set-env-and-add-path-commands/`,
        );
        return;
      case "stop-commands":
        if (data !== "") this.stopToken = data;
        return;
      default:
        // endgroup, echo, add-matcher, remove-matcher and unknown commands change nothing
        // a test can observe.
        return;
    }
  }
}
