import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createInterface } from "node:readline";

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
  exitCode: number;
  /** Set when the command was stopped: by a timeout or a cancellation. */
  stoppedBy?: "timeout" | "cancelled";
  durationMs: number;
}

// The runner's own `run:` default: bash without profiles, exit on error, fail pipelines.
const SHELL = existsSync("/bin/bash")
  ? ["/bin/bash", "--noprofile", "--norc", "-eo", "pipefail", "-c"]
  : ["/bin/sh", "-ec"];
const GRACE_MS = 5_000;

/**
 * Runs a user command in a shell in its own process group, so a timeout or a cancelled run
 * stops the command and everything it started (deploy scripts fork: ssh, kubectl, sleep).
 */
export function runShell(command: string, options: ShellOptions): Promise<ShellResult> {
  const started = Date.now();
  const [shell, ...args] = SHELL;
  const child = spawn(shell!, [...args, command], {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  const onLine = options.onLine ?? (() => {});
  createInterface({ input: child.stdout }).on("line", (l) => onLine(l, "stdout"));
  createInterface({ input: child.stderr }).on("line", (l) => onLine(l, "stderr"));

  let stoppedBy: ShellResult["stoppedBy"];
  const killTree = (signal: NodeJS.Signals) => {
    if (child.pid === undefined || child.exitCode !== null) return;
    try {
      process.kill(-child.pid, signal);
    } catch {
      // Already gone.
    }
  };
  const stop = (reason: "timeout" | "cancelled") => {
    if (stoppedBy) return;
    stoppedBy = reason;
    killTree("SIGTERM");
    setTimeout(() => killTree("SIGKILL"), GRACE_MS).unref();
  };
  const timer =
    options.timeoutMs !== undefined
      ? setTimeout(() => stop("timeout"), options.timeoutMs)
      : undefined;
  const onAbort = () => stop("cancelled");
  if (options.signal?.aborted) onAbort();
  options.signal?.addEventListener("abort", onAbort, { once: true });

  return new Promise((resolve, reject) => {
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    // Resolve on exit, not close: a deploy script may leave a daemon running that still
    // holds our pipes. Give the pipes a moment to drain, then let go of them.
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      options.signal?.removeEventListener("abort", onAbort);
      const finish = () => {
        child.stdout.destroy();
        child.stderr.destroy();
        resolve({
          exitCode: code ?? (signal ? 128 : 1),
          ...(stoppedBy ? { stoppedBy } : {}),
          durationMs: Date.now() - started,
        });
      };
      const drained = setTimeout(finish, 200);
      child.on("close", () => {
        clearTimeout(drained);
        finish();
      });
    });
  });
}
