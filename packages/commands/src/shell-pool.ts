import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import type { Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runShell, type ShellOptions, type ShellResult } from "./shell.js";
import { commandScript, execLevel, Lines, MarkedStream, requestPrelude } from "./shell-request.js";

/**
 * runShell for a fan-out: forking the action's node process (100 MB and more) once per target
 * costs several times what the fork of a small shell costs, and it happens on node's one
 * thread. So targets are started by a launcher: one bash process, spawned once, whose slots
 * (one background subshell per command in flight) fork the commands themselves.
 *
 * Slot i talks to node over one socket, the launcher's fd 3+i. A request is one line: an id,
 * the command's script (a file written once per command: exec of the runner's `bash -eo
 * pipefail -c`) and a prelude (a `cd` and the environment's changes, usually one `export`).
 * The slot runs the prelude and the script as a `set -m` job, so the command leads its own
 * process group and a timeout or a cancellation kills its whole tree with kill(-pgid). The command's stdout and
 * stderr are the slot's socket (both streams merged, in the order written, as a terminal shows
 * them); after them the slot writes its markers: `S id pid` when the job started, and from
 * `wait` `E id status`. Output and markers share one ordered stream, so a command's lines can
 * never be taken for the next one's. A job that leaves a process in its group (a daemon that
 * could write later) ends its slot (`E id status D`), as does output while a slot is idle.
 *
 * The launcher runs in its own session: a Ctrl-C or a signal to the action's process group
 * never reaches it. Slots exit when node's end of their socket closes, so the launcher never
 * outlives node, and idle slots do not keep node alive.
 */
export interface ShellPool {
  run(command: string, options: ShellOptions): Promise<ShellResult>;
  /** Ends the idle slots and removes the request scripts; runs in flight finish normally. */
  close(): void;
}

const GRACE_MS = 5_000;
// File descriptors are cheap, but a launcher's slots are all open in every slot at start.
const MAX_SLOTS = 128;

// $1: the request directory, $2: the marker nonce, $3: how many slots (fd 3 onwards), $4:
// SHLVL, $5: OLDPWD (empty: unset), which bash changed on its start.
const LAUNCHER = String.raw`dir=$1 nonce=$2 count=$3
export SHLVL=$4
if [[ $5 ]]; then export OLDPWD=$5; else unset -v OLDPWD; fi
slot() {
  local fd=$1 other id pid status
  for ((other = 3; other < 3 + count; other++)); do
    ((other == fd)) || exec {other}>&-
  done
  # Job control gives each command its own process group; its "Done" notices go nowhere.
  set -m
  exec 2>/dev/null
  while IFS=' ' read -r -u "$fd" id command prelude; do
    { eval "$prelude" && . "$dir/$command"; } </dev/null >&"$fd" 2>&1 {fd}>&- &
    pid=$!
    printf '\0%s S %s %s\n' "$nonce" "$id" "$pid" >&"$fd"
    wait "$pid"
    status=$?
    if kill -0 -- "-$pid" 2>/dev/null; then
      printf '\0%s E %s %s D\n' "$nonce" "$id" "$status" >&"$fd"
      exit 0
    fi
    printf '\0%s E %s %s\n' "$nonce" "$id" "$status" >&"$fd"
  done
}
for ((fd = 3; fd < 3 + count; fd++)); do slot "$fd" & done
for ((fd = 3; fd < 3 + count; fd++)); do exec {fd}>&-; done
wait`;

interface Job {
  id: string;
  lines: Lines;
  pgid?: number;
  stopped: boolean;
  exited: boolean;
  finish(status: number): void;
  fail(error: Error): void;
}

interface Slot {
  socket: Socket;
  /** The launcher's directory and environment, which a request's prelude changes. */
  cwd: string;
  env: NodeJS.ProcessEnv;
  stream: MarkedStream;
  job?: Job;
  retired: boolean;
}

/**
 * `tempRoot` holds the commands' scripts while the pool lives; on a runner, pass RUNNER_TEMP,
 * which the runner empties after the job even when the step is killed.
 */
export function createShellPool(tempRoot: string = tmpdir()): ShellPool {
  // Without bash there is no launcher: every command goes the spawn way.
  if (!existsSync("/bin/bash")) return { run: runShell, close: () => {} };
  const nonce = randomBytes(12).toString("hex");
  const marker = Buffer.from(`\0${nonce} `, "latin1");
  const idle: Slot[] = [];
  const scripts = new Map<string, string>();
  let dir: string | undefined;
  let slots = 0;
  let nextId = 0;
  let closed = false;

  function startLauncher(count: number, env: NodeJS.ProcessEnv, cwd: string) {
    dir ??= mkdtempSync(join(tempRoot, "fastdeploy-shell-"));
    // The launcher must not source the job's BASH_ENV; each command's own bash still does.
    const { BASH_ENV: _, ...base } = env;
    const child = spawn(
      "/bin/bash",
      [
        ...["--noprofile", "--norc", "-c", LAUNCHER, "fastdeploy-launcher"],
        ...[dir, nonce, String(count), execLevel(base.SHLVL), base.OLDPWD ?? ""],
      ],
      {
        cwd,
        env: base,
        detached: true,
        stdio: ["ignore", "ignore", "inherit", ...Array<"pipe">(count).fill("pipe")],
      },
    );
    child.on("error", () => {});
    // A launcher that could not start: its commands go the spawn way.
    if (child.pid === undefined) return;
    child.unref();
    for (let i = 0; i < count; i++) {
      idle.push(slot(child, child.stdio[3 + i] as Socket, cwd, base));
    }
  }

  function slot(launcher: ChildProcess, socket: Socket, cwd: string, env: NodeJS.ProcessEnv): Slot {
    const self: Slot = {
      socket,
      cwd,
      env,
      retired: false,
      stream: new MarkedStream(marker, {
        output: (text) => {
          // Output with no command running: something the last one left behind.
          if (self.job) self.job.lines.push(text);
          else retire(self);
        },
        marker: ([kind, id, value, daemon]) => {
          const job = self.job;
          if (!job || id !== job.id) return;
          if (kind === "S") {
            job.pgid = Number(value);
            if (job.stopped) killTree(job, "SIGTERM");
          } else if (kind === "E") {
            job.exited = true;
            self.stream.flush();
            self.job = undefined;
            if (daemon) retire(self);
            else release(self);
            job.finish(Number(value));
          }
        },
      }),
    };
    slots++;
    socket.on("data", (chunk: Buffer) => self.stream.push(chunk));
    socket.on("error", () => {});
    socket.on("close", () => {
      retire(self);
      const job = self.job;
      self.job = undefined;
      job?.fail(
        new Error(`the command launcher (pid ${launcher.pid ?? "none"}) ended before the command`),
      );
    });
    socket.unref();
    return self;
  }

  function retire(self: Slot) {
    if (self.retired) return;
    self.retired = true;
    slots--;
    const at = idle.indexOf(self);
    if (at >= 0) idle.splice(at, 1);
    // The slot reads end-of-file and exits; whatever still holds its socket writes into nothing.
    self.socket.destroy();
  }

  function release(self: Slot) {
    if (closed) return retire(self);
    self.socket.unref();
    idle.push(self);
  }

  function killTree(job: Job, signal: NodeJS.Signals) {
    if (job.pgid === undefined || job.exited) return;
    try {
      process.kill(-job.pgid, signal);
    } catch {
      // Already gone.
    }
  }

  function take(options: ShellOptions, env: NodeJS.ProcessEnv): Slot | undefined {
    if (!idle.length) {
      // Start as many slots as the caller will keep busy, in one launcher.
      const busy = slots - idle.length;
      const count = Math.min(MAX_SLOTS - slots, Math.max(1, (options.concurrency ?? 1) - busy));
      if (count <= 0) return undefined;
      startLauncher(count, env, options.cwd);
    }
    return idle.pop();
  }

  async function run(command: string, options: ShellOptions): Promise<ShellResult> {
    // A missing cwd: the spawn way reports it exactly as before.
    if (closed || !existsSync(options.cwd)) return runShell(command, options);
    const env = options.env ?? process.env;
    const self = take(options, env);
    const prelude = self && requestPrelude(options.cwd, self, env);
    if (!self || prelude === undefined || !dir) {
      // No slot left, or an environment bash cannot express (a name it would refuse).
      if (self) idle.push(self);
      return runShell(command, options);
    }
    let script = scripts.get(command);
    if (!script) {
      script = `c${scripts.size + 1}`;
      writeFileSync(join(dir, script), commandScript(command), { mode: 0o600 });
      scripts.set(command, script);
    }
    const id = String(++nextId);
    const started = Date.now();
    let stoppedBy: ShellResult["stoppedBy"];
    return new Promise<ShellResult>((resolve, reject) => {
      const settle = () => {
        clearTimeout(timer);
        options.signal?.removeEventListener("abort", onAbort);
      };
      const onLine = options.onLine ?? (() => {});
      const job: Job = {
        id,
        lines: new Lines((line) => onLine(line, "stdout")),
        stopped: false,
        exited: false,
        finish: (status) => {
          settle();
          job.lines.end();
          resolve({
            exitCode: status,
            ...(stoppedBy ? { stoppedBy } : {}),
            durationMs: Date.now() - started,
          });
        },
        fail: (error) => {
          settle();
          job.lines.end();
          reject(error);
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
      self.socket.ref();
      if (options.signal?.aborted) onAbort();
      options.signal?.addEventListener("abort", onAbort, { once: true });
      self.socket.write(`${id} ${script} ${prelude}\n`);
    });
  }

  function close() {
    if (closed) return;
    closed = true;
    process.removeListener("exit", close);
    for (const self of [...idle]) retire(self);
    // The runs have settled: no command is left to read its script.
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
  // The request scripts never outlive the process, even when nobody calls close.
  process.once("exit", close);

  return { run, close };
}
