import { type ChildProcess, spawn } from "node:child_process";
import {
  accessSync,
  constants,
  existsSync,
  mkdtempSync,
  rmSync,
  unlink,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import type { Readable } from "node:stream";
import { runShell, type ShellOptions, type ShellResult } from "./shell.js";
import { Lines, requestScript } from "./shell-request.js";

/**
 * runShell for many commands: forking the action's ~100 MB node process per target costs 2-3x
 * what a fork from a small shell costs, so targets are started by launchers instead: small
 * long-lived bash processes, one per command in flight, that fork each command themselves.
 *
 * Per request node writes a script (cwd, env changes, the command) and sends its name on the
 * launcher's stdin. The launcher runs it as a background job (`set -m`: its own process group,
 * so a timeout or cancellation kills the whole tree with kill(-pgid)), reports `S id pid`,
 * `wait`s, and reports `E id status`: the exit status comes from wait, never from EOF, so a
 * daemon left holding the output does not hang the target. A launcher runs one job at a time
 * and passes on its output through its own pipes (fd 3 and 4), which is how lines stay
 * attributed. A job that leaves a process behind in its group (a daemon that could write
 * into those pipes later) retires its launcher (`E id status D`), as does output arriving
 * while a launcher is idle, so no later target gets another's lines. Launchers exit at stdin
 * EOF: they never outlive the action.
 */
export interface ShellPool {
  run(command: string, options: ShellOptions): Promise<ShellResult>;
  /** Stops the launchers; call once every run has settled. */
  close(): Promise<void>;
}

const GRACE_MS = 5_000;
const LAUNCHER = `set -m
while IFS= read -r id; do
  . "$1/$id" </dev/null >&3 2>&4 3>&- 4>&- &
  echo "S $id $!"
  wait "$!"
  s=$?
  if kill -0 -- "-$!" 2>/dev/null; then echo "E $id $s D"; exit 0; fi
  echo "E $id $s"
done`;

interface Job {
  onLine: NonNullable<ShellOptions["onLine"]>;
  pgid?: number;
  stopped?: boolean;
  exited?: boolean;
  done: (exitCode: number) => void;
  fail: (error: Error) => void;
}

interface Launcher {
  child: ChildProcess;
  env: NodeJS.ProcessEnv;
  job?: Job;
  jobId?: string;
  retired?: boolean;
}

// The request scripts are written and read once each: memory (tmpfs) makes them ~10x cheaper
// than a disk-backed temp dir, where writing them cost more than the forks they save.
function scratch(): string {
  try {
    accessSync("/dev/shm", constants.W_OK);
    return "/dev/shm";
  } catch {
    return tmpdir();
  }
}

export function createShellPool(): ShellPool {
  // Without bash there is no launcher: every command goes the spawn way.
  if (!existsSync("/bin/bash")) return { run: runShell, close: async () => {} };
  const dir = mkdtempSync(join(scratch(), "fastdeploy-shell-"));
  const idle: Launcher[] = [];
  const all = new Set<Launcher>();
  let nextId = 0;
  let closed = false;

  function launcher(env: NodeJS.ProcessEnv, cwd: string): Launcher {
    const child = spawn("/bin/bash", ["--noprofile", "--norc", "-c", LAUNCHER, "launcher", dir], {
      cwd,
      env,
      // Its own process group: a Ctrl-C meant for the action must not kill the launcher
      // while it waits for a command (the command would then never report its exit).
      detached: true,
      stdio: ["pipe", "pipe", "ignore", "pipe", "pipe"],
    });
    const self: Launcher = { child, env };
    all.add(self);
    child.stdin!.on("error", () => {});
    const splitters = (["stdout", "stderr"] as const).map((stream, i) => {
      const lines = new Lines((line) => self.job?.onLine(line, stream));
      const pipe = child.stdio[3 + i] as Readable;
      pipe.setEncoding("utf8");
      pipe.on("error", () => {});
      pipe.on("data", (data: string) => {
        // Output with no job running: something the last job left behind still writes here.
        if (!self.job) retire(self);
        else lines.push(data);
      });
      return lines;
    });
    createInterface({ input: child.stdout! }).on("line", (line) => {
      const [kind, id, value, daemon] = line.split(" ");
      const job = self.job;
      if (!job || id !== self.jobId) return;
      if (kind === "S") {
        job.pgid = Number(value);
        if (job.stopped) killTree(job, "SIGTERM");
      } else if (kind === "E") {
        job.exited = true;
        // The job's output was written before it exited, so it is already readable: the
        // pipes' events of this turn of the loop come before setImmediate.
        setImmediate(() => {
          for (const lines of splitters) lines.end();
          self.job = undefined;
          if (daemon) retire(self);
          else release(self);
          job.done(Number(value));
        });
      }
    });
    const gone = (error?: Error) => {
      self.retired = true;
      all.delete(self);
      const at = idle.indexOf(self);
      if (at >= 0) idle.splice(at, 1);
      const job = self.job;
      self.job = undefined;
      job?.fail(error ?? new Error("the command launcher exited unexpectedly"));
    };
    child.on("error", gone);
    child.on("exit", () => gone());
    return self;
  }

  function retire(self: Launcher) {
    if (self.retired) return;
    self.retired = true;
    const at = idle.indexOf(self);
    if (at >= 0) idle.splice(at, 1);
    self.child.stdin?.end();
    // Let go of the pipes: whatever is left holding them writes into nothing, as with runShell.
    self.child.stdio[3]?.destroy();
    self.child.stdio[4]?.destroy();
    self.child.unref();
  }

  // An idle launcher must not keep the action's process alive; a busy one must.
  const handles = (self: Launcher) =>
    [self.child, ...self.child.stdio].filter(Boolean) as Array<{ ref(): void; unref(): void }>;
  function release(self: Launcher) {
    if (closed || self.retired) return retire(self);
    for (const handle of handles(self)) handle.unref();
    idle.push(self);
  }
  function acquire(env: NodeJS.ProcessEnv, cwd: string): Launcher {
    const self = idle.pop() ?? launcher(env, cwd);
    for (const handle of handles(self)) handle.ref();
    return self;
  }

  function killTree(job: Job, signal: NodeJS.Signals) {
    if (job.pgid === undefined || job.exited) return;
    try {
      process.kill(-job.pgid, signal);
    } catch {
      // Already gone.
    }
  }

  async function run(command: string, options: ShellOptions): Promise<ShellResult> {
    const started = Date.now();
    const env = options.env ?? process.env;
    // A missing cwd: the spawn way reports it exactly as before.
    if (closed || !existsSync(options.cwd)) return runShell(command, options);
    const self = acquire(env, options.cwd);
    const script = requestScript({ command, cwd: options.cwd }, self.env, env);
    if (script === undefined) {
      // An environment bash cannot express (a name it would refuse): spawn it directly.
      release(self);
      return runShell(command, options);
    }
    const id = String(++nextId);
    const file = join(dir, id);
    writeFileSync(file, script, { mode: 0o600 });
    let stoppedBy: ShellResult["stoppedBy"];
    return new Promise<ShellResult>((resolve, reject) => {
      let settled = false;
      const settle = () => {
        if (settled) return false;
        settled = true;
        clearTimeout(timer);
        options.signal?.removeEventListener("abort", onAbort);
        unlink(file, () => {});
        return true;
      };
      const job: Job = {
        onLine: options.onLine ?? (() => {}),
        done: (exitCode) => {
          if (!settle()) return;
          const took = Date.now() - started;
          resolve({ exitCode, ...(stoppedBy ? { stoppedBy } : {}), durationMs: took });
        },
        fail: (error) => {
          if (settle()) reject(error);
        },
      };
      const stop = (reason: "timeout" | "cancelled") => {
        if (stoppedBy) return;
        stoppedBy = reason;
        job.stopped = true;
        killTree(job, "SIGTERM");
        setTimeout(() => killTree(job, "SIGKILL"), GRACE_MS).unref();
      };
      const timer =
        options.timeoutMs !== undefined
          ? setTimeout(() => stop("timeout"), options.timeoutMs)
          : undefined;
      const onAbort = () => stop("cancelled");
      self.job = job;
      self.jobId = id;
      if (options.signal?.aborted) onAbort();
      options.signal?.addEventListener("abort", onAbort, { once: true });
      self.child.stdin!.write(`${id}\n`);
    });
  }

  async function close() {
    closed = true;
    for (const self of [...all]) if (!self.job) retire(self);
    idle.length = 0;
    rmSync(dir, { recursive: true, force: true });
  }

  return { run, close };
}
