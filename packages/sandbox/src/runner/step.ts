// Starting one stage (pre, main or post) of a node action as NodeScriptActionHandler.cs does:
// `node <script>` with cwd = GITHUB_WORKSPACE, both streams scanned for workflow commands, the
// step failed on a non-zero exit, and cancellation as SIGINT, then SIGTERM, then SIGKILL.
import { spawn } from "node:child_process";
import { constants } from "node:os";
import { createInterface } from "node:readline";
import { createFileCommandFiles, processFileCommands } from "./file-commands.js";
import { actionNode } from "./node-runtime.js";
import type { Annotation } from "./workflow-commands.js";
import { WorkflowCommandProcessor } from "./workflow-commands.js";

export interface StepResult {
  /** The started process (with processGroup, also its process group's id). */
  pid?: number;
  /** The process exit code; 128 + signal number when a signal ended it. */
  exitCode: number;
  /** The signal that ended the process, if any. */
  signal: NodeJS.Signals | null;
  /** The runner's verdict: exit code 0 and every file command parsed. */
  success: boolean;
  cancelled: boolean;
  timedOut: boolean;
  outputs: Record<string, string>;
  state: Record<string, string>;
  /** GITHUB_ENV additions (they apply to later steps). */
  env: Record<string, string>;
  /** GITHUB_PATH additions, in the order they were added. */
  path: string[];
  summary: string;
  annotations: Annotation[];
  /** The log as the runner shows it: masked, one line per line, both streams' lines kept. */
  stdout: string;
  stderr: string;
  masks: string[];
  /** `::debug::` messages (shown on GitHub only with step debug logging). */
  debug: string[];
  /** `::group::` titles in order. */
  groups: string[];
}

export interface CancelTimeouts {
  /** How long the runner waits after SIGINT before SIGTERM: 7.5 s. */
  sigintMs?: number;
  /** How long after SIGTERM before it kills: 2.5 s. */
  sigtermMs?: number;
}

export interface StepSpec {
  /** The node action's script; `node <script>` runs unless `program` is given. */
  script: string;
  /** Another program to start instead, such as a shell running a `run:` step's script. */
  program?: { file: string; args: string[] };
  /**
   * Start the step in its own process group and signal the whole group when cancelling, so a
   * shell's children (`sleep`, a server) stop with it and the output pipes close.
   */
  processGroup?: boolean;
  cwd: string;
  env: Record<string, string>;
  runnerTemp: string;
  masks: string[];
  /** Runner messages to report before the step starts (unexpected inputs and the like). */
  warnings: string[];
  timeoutMs?: number;
  /** What the timeout annotation says; the runner names the step and its timeout-minutes. */
  timeoutMessage?: string;
  signal?: AbortSignal;
  cancelTimeouts?: CancelTimeouts;
  onOutput?: (line: string, stream: "stdout" | "stderr") => void;
}

export async function runStep(spec: StepSpec): Promise<StepResult> {
  const files = createFileCommandFiles(spec.runnerTemp);
  const commands = new WorkflowCommandProcessor(spec.masks);
  for (const warning of spec.warnings) commands.runnerAnnotation("warning", warning);
  const logs = { stdout: [] as string[], stderr: [] as string[] };

  const program = spec.program ?? { file: actionNode(), args: [spec.script] };
  const child = spawn(program.file, program.args, {
    cwd: spec.cwd,
    detached: spec.processGroup === true,
    // Step env first, so an action can't be handed a different file-command file by `env:`.
    env: { ...spec.env, ...files },
    stdio: ["ignore", "pipe", "pipe"],
  });

  let cancelled = false;
  let timedOut = false;
  const timers: NodeJS.Timeout[] = [];
  let exited = false;
  child.once("exit", () => {
    exited = true;
  });
  const send = (signal: NodeJS.Signals) => {
    if (spec.processGroup && child.pid !== undefined) {
      try {
        process.kill(-child.pid, signal);
      } catch {} // the group is gone already
    } else if (!exited) {
      child.kill(signal);
    }
  };
  const stop = () => {
    if (exited && !spec.processGroup) return;
    const sigintMs = spec.cancelTimeouts?.sigintMs ?? 7500;
    const sigtermMs = spec.cancelTimeouts?.sigtermMs ?? 2500;
    send("SIGINT");
    timers.push(
      setTimeout(() => {
        send("SIGTERM");
        timers.push(setTimeout(() => send("SIGKILL"), sigtermMs));
      }, sigintMs),
    );
  };
  const onAbort = () => {
    cancelled = true;
    stop();
  };
  if (spec.signal?.aborted) onAbort();
  else spec.signal?.addEventListener("abort", onAbort, { once: true });
  if (spec.timeoutMs !== undefined) {
    timers.push(
      setTimeout(() => {
        timedOut = true;
        stop();
      }, spec.timeoutMs),
    );
  }

  const scan = (stream: "stdout" | "stderr") => {
    const source = child[stream];
    if (!source) return Promise.resolve();
    const lines = createInterface({ input: source, crlfDelay: Number.POSITIVE_INFINITY });
    lines.on("line", (line) => {
      const shown = commands.processLine(line);
      logs[stream].push(shown);
      spec.onOutput?.(shown, stream);
    });
    return new Promise<void>((done) => lines.once("close", () => done()));
  };
  const scanned = Promise.all([scan("stdout"), scan("stderr")]);

  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((done, fail) => {
    child.once("error", fail);
    child.once("close", (c, s) => done([c, s]));
  });
  await scanned;
  for (const timer of timers) clearTimeout(timer);
  spec.signal?.removeEventListener("abort", onAbort);

  const exitCode = code ?? 128 + (signal ? (constants.signals[signal] ?? 0) : 0);
  const fileResults = processFileCommands(files);
  for (const message of fileResults.warnings) commands.runnerAnnotation("warning", message);
  for (const message of fileResults.errors) commands.runnerAnnotation("error", message);
  for (const message of fileResults.failures) commands.runnerAnnotation("error", message);
  if (timedOut) {
    commands.runnerAnnotation(
      "error",
      spec.timeoutMessage ?? `The action has timed out after ${spec.timeoutMs} ms.`,
    );
  }
  // Deprecated stdout commands first, so the file commands, which run later, win.
  const outputs = { ...commands.outputs, ...fileResults.outputs };
  const state = { ...commands.state, ...fileResults.state };
  return {
    pid: child.pid,
    exitCode,
    signal,
    success: exitCode === 0 && fileResults.failures.length === 0 && !cancelled && !timedOut,
    cancelled,
    timedOut,
    outputs,
    state,
    env: fileResults.env,
    path: fileResults.path,
    summary: commands.mask(fileResults.summary),
    annotations: commands.annotations.map((a) => ({ ...a, message: commands.mask(a.message) })),
    stdout: logs.stdout.map((l) => `${l}\n`).join(""),
    stderr: logs.stderr.map((l) => `${l}\n`).join(""),
    masks: [...commands.masks],
    debug: commands.debug,
    groups: commands.groups,
  };
}
