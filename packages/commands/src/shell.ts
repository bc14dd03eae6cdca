import { spawn } from "node:child_process";
import { constants } from "node:os";
import { createInterface } from "node:readline";
import { deployShell, stopProcessTree } from "./process-tree.js";

export interface ShellOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** Called for every line of output as it arrives, so long commands stream live. */
  onLine?: (line: string, stream: "stdout" | "stderr") => void;
  /** Aborting stops the command with its whole process tree. */
  signal?: AbortSignal;
  timeoutMs?: number;
}

export interface ShellResult {
  /**
   * The shell's exit code; a command ended by a signal gives 128 + the signal's number, as
   * bash reports it in `$?` (SIGTERM 143, SIGKILL 137), however it was stopped.
   */
  exitCode: number;
  /** Set when the command was stopped: by a timeout or a cancellation. */
  stoppedBy?: "timeout" | "cancelled";
  durationMs: number;
  /**
   * The shell's pid, which is also its process group's id. runShell always sets it; only a
   * stand-in runner that starts no process (a test's) leaves it out.
   */
  pid?: number;
}

const GRACE_MS = 5_000;
// A daemon the command left behind may hold the pipes open: read them this long after the
// shell exits, then let go, so nothing it prints later lands in the log.
const DRAIN_MS = 200;

/** The exit code as bash reports it: 128 + the signal's number when a signal ended it. */
export function exitCodeOf(code: number | null, signal: NodeJS.Signals | null): number {
  if (code !== null) return code;
  const number = signal ? constants.signals[signal] : undefined;
  return number === undefined ? 1 : 128 + number;
}

/**
 * Runs a user command as a `run:` step would, in its own process group (detached), so a
 * timeout or a cancelled run stops the command and everything it started (deploy scripts
 * fork: ssh, kubectl, sleep). The pid is known as soon as spawn returns, before any outcome
 * can be reported, and the stop handlers are attached at that moment.
 */
export function runShell(command: string, options: ShellOptions): Promise<ShellResult> {
  const started = Date.now();
  let child: ReturnType<typeof spawn>;
  try {
    // Looked up on the command's own PATH, as the runner looks up a step's shell.
    const shell = deployShell(options.env ?? process.env);
    child = spawn(shell.file, [...shell.args, command], {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
      windowsHide: true,
    });
  } catch (error) {
    return Promise.reject(error);
  }
  const pid = child.pid;
  // No pid: nothing started (a missing cwd or shell); spawn reports why through "error".
  if (pid === undefined) {
    return new Promise((_, reject) => child.once("error", reject));
  }

  // A started child reports nothing through "error" but a failed kill or a broken pipe; those
  // end as its exit does, and must not end this process as an unhandled event.
  child.on("error", () => {});
  const onLine = options.onLine ?? (() => {});
  createInterface({ input: child.stdout! }).on("line", (l) => onLine(l, "stdout"));
  createInterface({ input: child.stderr! }).on("line", (l) => onLine(l, "stderr"));

  let exited = false;
  let stoppedBy: ShellResult["stoppedBy"];
  const signalTree = (signal: NodeJS.Signals) => {
    if (!exited) stopProcessTree(pid, signal);
  };
  const stop = (reason: "timeout" | "cancelled") => {
    if (stoppedBy || exited) return;
    stoppedBy = reason;
    signalTree("SIGTERM");
    setTimeout(() => signalTree("SIGKILL"), GRACE_MS).unref();
  };
  const timer =
    options.timeoutMs !== undefined
      ? setTimeout(() => stop("timeout"), options.timeoutMs)
      : undefined;
  const onAbort = () => stop("cancelled");
  if (options.signal?.aborted) onAbort();
  else options.signal?.addEventListener("abort", onAbort, { once: true });

  return new Promise((resolve) => {
    child.on("exit", (code, signal) => {
      exited = true;
      clearTimeout(timer);
      options.signal?.removeEventListener("abort", onAbort);
      let finished = false;
      const finish = () => {
        if (finished) return;
        finished = true;
        child.stdout?.destroy();
        child.stderr?.destroy();
        resolve({
          exitCode: exitCodeOf(code, signal),
          ...(stoppedBy ? { stoppedBy } : {}),
          durationMs: Date.now() - started,
          pid,
        });
      };
      const drained = setTimeout(finish, DRAIN_MS);
      child.on("close", () => {
        clearTimeout(drained);
        finish();
      });
    });
  });
}
