import { type ChildProcess, spawn } from "node:child_process";
import { accessSync, constants, existsSync } from "node:fs";
import { delimiter, join } from "node:path";
import { runShell, type ShellOptions, type ShellResult } from "./shell.js";
import {
  environmentChanges,
  LAUNCHER_SOURCE,
  LauncherReader,
  Lines,
  launcherFrame,
} from "./shell-launcher.js";

/**
 * runShell for a fan-out: the deploy commands are started by one launcher process (see
 * shell-launcher.ts) instead of a fork of the action's node process each. A command runs
 * exactly as runShell runs it: the runner's `bash --noprofile --norc -eo pipefail -c`, in its
 * own process group (a timeout or a cancellation kills the whole tree), with the asked
 * directory and environment. Its stdout and stderr arrive merged, in the order written, and
 * are reported as stdout.
 *
 * The launcher runs in its own session, so a Ctrl-C to the action's process group never
 * reaches it; it exits when node closes its stdin or goes away, and while no command runs it
 * does not keep node alive. Without python3 (or bash), every command goes the spawn way.
 */
export interface ShellPool {
  run(command: string, options: ShellOptions): Promise<ShellResult>;
  /** Lets the launcher go once the commands still running have ended. */
  close(): void;
}

export interface ShellPoolOptions {
  /** The python to run the launcher with; python3 on PATH when not given, false for none. */
  python?: string | false;
}

const GRACE_MS = 5_000;
const BASH = "/bin/bash";
const SHELL_ARGS = ["--noprofile", "--norc", "-eo", "pipefail", "-c"];

interface Job {
  lines: Lines;
  ended: boolean;
  finish(status: number): void;
  fail(error: Error): void;
  /** Runs the command the spawn way instead: the launcher never came up. */
  respawn(): void;
}

function findOnPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not here.
    }
  }
  return undefined;
}

export function createShellPool(options: ShellPoolOptions = {}): ShellPool {
  const python = options.python === undefined ? findOnPath("python3") : options.python;
  if (!python || !existsSync(BASH)) return { run: runShell, close: () => {} };

  const jobs = new Map<string, Job>();
  let launcher: { child: ChildProcess; env: NodeJS.ProcessEnv; ready: boolean } | undefined;
  // A launcher that died before it was ready (no posix_spawn, a broken python): spawn instead.
  let broken = false;
  let nextId = 0;
  let closed = false;

  function start(env: NodeJS.ProcessEnv) {
    // -I -S: no PYTHON* variables, no site packages. The commands' environment comes in the
    // first frame, not from python's own (which may add to it, as LC_CTYPE).
    const child = spawn(
      python as string,
      ["-I", "-S", "-c", LAUNCHER_SOURCE, BASH, ...SHELL_ARGS],
      // Any directory: each command asks for its own.
      { cwd: "/", env, detached: true, stdio: ["pipe", "pipe", "inherit"] },
    );
    const self = { child, env, ready: false };
    const reader = new LauncherReader((event) => {
      if (event.kind === "ready") {
        self.ready = true;
        return;
      }
      const job = jobs.get(event.id);
      if (!job) return;
      if (event.kind === "output") job.lines.push(event.data);
      else if (event.kind === "exit") job.finish(event.status);
      else job.fail(new Error(`the command did not start: ${event.message}`));
    });
    child.stdout!.on("data", (chunk: Buffer) => reader.push(chunk));
    child.stdin!.on("error", () => {});
    const gone = (error?: Error) => {
      if (launcher === self) launcher = undefined;
      if (!self.ready) broken = true;
      for (const job of [...jobs.values()]) {
        if (!self.ready) job.respawn();
        else job.fail(error ?? new Error(`the command launcher ended (exit ${child.exitCode})`));
      }
    };
    child.on("error", gone);
    child.on("close", () => gone());
    child.stdin!.write(launcherFrame(["B", ...environmentChanges({}, env)]));
    launcher = self;
    idle();
  }

  // A launcher with nothing to do must not keep node alive; one with commands running must.
  function idle() {
    if (!launcher) return;
    const { child } = launcher;
    // The pipes are sockets underneath, which can be unref'd like the process.
    const handles = [child, child.stdin, child.stdout] as Array<{ ref(): void; unref(): void }>;
    for (const handle of handles) {
      if (jobs.size) handle.ref();
      else handle.unref();
    }
  }

  async function run(command: string, options: ShellOptions): Promise<ShellResult> {
    // What no launcher request can hold (a NUL) goes the spawn way. A missing cwd is
    // reported by the launcher: the command did not start.
    const env = options.env ?? process.env;
    if (closed || broken || command.includes("\0")) return runShell(command, options);
    if (!launcher) start(env);
    const { child, env: base } = launcher!;
    const changes = environmentChanges(base, env);
    if (changes.some((change) => change.includes("\0"))) return runShell(command, options);

    const id = String(++nextId);
    const started = Date.now();
    let stoppedBy: ShellResult["stoppedBy"];
    return new Promise<ShellResult>((resolve, reject) => {
      const onLine = options.onLine ?? (() => {});
      const end = () => {
        job.ended = true;
        jobs.delete(id);
        clearTimeout(timer);
        options.signal?.removeEventListener("abort", onAbort);
        job.lines.end();
        if (closed && !jobs.size) launcher?.child.stdin?.end();
        idle();
      };
      const job: Job = {
        lines: new Lines((line) => onLine(line, "stdout")),
        ended: false,
        finish: (status) => {
          end();
          resolve({
            exitCode: status,
            ...(stoppedBy ? { stoppedBy } : {}),
            durationMs: Date.now() - started,
          });
        },
        fail: (error) => {
          end();
          reject(error);
        },
        respawn: () => {
          end();
          resolve(runShell(command, options));
        },
      };
      const signal = (name: "TERM" | "KILL") => {
        if (!job.ended) child.stdin!.write(launcherFrame(["K", id, name]));
      };
      const stop = (reason: "timeout" | "cancelled") => {
        if (stoppedBy) return;
        stoppedBy = reason;
        signal("TERM");
        setTimeout(() => signal("KILL"), GRACE_MS).unref();
      };
      const timer =
        options.timeoutMs !== undefined
          ? setTimeout(() => stop("timeout"), options.timeoutMs)
          : undefined;
      const onAbort = () => stop("cancelled");
      jobs.set(id, job);
      idle();
      child.stdin!.write(launcherFrame(["R", id, options.cwd, command, ...changes]));
      if (options.signal?.aborted) onAbort();
      options.signal?.addEventListener("abort", onAbort, { once: true });
    });
  }

  function close() {
    if (closed) return;
    closed = true;
    if (!jobs.size) launcher?.child.stdin?.end();
  }

  return { run, close };
}
