import { StringDecoder } from "node:string_decoder";

/**
 * The launcher behind createShellPool (shell-pool.ts): one small python process that starts
 * the deploy commands for node, and the two halves of the protocol between them.
 *
 * node -> launcher, on its stdin, frames `<length>\n<payload>`, payload fields split by NUL:
 *   B [+NAME=value]...                         first: the environment requests change
 *   R id cwd command [+NAME=value | -NAME]...  start `bash -eo pipefail -c command` in cwd,
 *                                              the launcher's environment changed as listed
 *   K id SIGNAL                                signal the command's process group
 * launcher -> node, on its stdout:
 *   ready\n                 once, when it runs (a launcher that dies before is not used again)
 *   O id length\n<bytes>    output (stdout and stderr merged, in the order written)
 *   E id status\n           the command ended; every byte of its output came before
 *   X id message\n          the command could not be started
 *
 * Why python, and posix_spawn: a fork of the action's node process (100 MB and more) costs
 * several times the command it starts, on node's one thread; even a fork of a small perl
 * costs half a millisecond of page-table copies and copy-on-write faults per command (perf).
 * glibc's posix_spawn shares the launcher's memory until the exec (CLONE_VM | CLONE_VFORK),
 * so starting a command costs what it costs xargs. python3 is on every runner image.
 *
 * A command's output pipe is drained and closed when the command ends, so a daemon it left
 * behind can never hold the target up or write into another target's lines.
 */
export const LAUNCHER_SOURCE = String.raw`
import os, selectors, signal, sys

# What an older python lacks fails here, before "ready": node then spawns the commands itself.
required = (os.posix_spawn, os.POSIX_SPAWN_DUP2, os.waitstatus_to_exitcode, signal.set_wakeup_fd)
shell = [os.fsencode(arg) for arg in sys.argv[1:]]
# The environment node asks for (the B frame): os.environ may hold what python added itself.
base = {}
jobs = {}   # id -> pid
pipes = {}  # id -> read end of the output pipe
ids = {}    # pid -> id
here = None
out = bytearray(b"ready\n")
selector = selectors.DefaultSelector()

# SIGCHLD wakes the loop through the wakeup fd: no command's end can be missed.
wake_r, wake_w = os.pipe()
os.set_blocking(wake_r, False)
os.set_blocking(wake_w, False)
signal.set_wakeup_fd(wake_w)
signal.signal(signal.SIGCHLD, lambda *_: None)
selector.register(wake_r, selectors.EVENT_READ, "wake")
selector.register(0, selectors.EVENT_READ, "in")


def drain(id, final):
    fd = pipes.get(id)
    if fd is None:
        return
    while True:
        try:
            data = os.read(fd, 65536)
        except BlockingIOError:
            if not final:
                return
            data = b""
        if data:
            out.extend(b"O %s %d\n" % (id, len(data)))
            out.extend(data)
            continue
        # End of output, or the command ended: whatever still holds the pipe writes into nothing.
        selector.unregister(fd)
        os.close(fd)
        del pipes[id]
        return


def reap():
    while jobs:
        try:
            pid, status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return
        id = ids.pop(pid, None)
        if id is None:
            continue
        del jobs[id]
        drain(id, True)
        code = os.waitstatus_to_exitcode(status)
        out.extend(b"E %s %d\n" % (id, code if code >= 0 else 128 - code))


def changed(env, changes):
    env = dict(env)
    for change in changes:
        if change[:1] == b"+":
            name, _, value = change[1:].partition(b"=")
            env[name] = value
        else:
            env.pop(change[1:], None)
    return env


def start(id, cwd, command, *changes):
    global here
    env = changed(base, changes)
    r, w = os.pipe()
    try:
        # posix_spawn has no cwd of its own: the launcher moves there, the command inherits it.
        if cwd != here:
            here = None
            os.chdir(cwd)
            here = cwd
        pid = os.posix_spawn(
            shell[0],
            shell + [command],
            env,
            file_actions=[
                (os.POSIX_SPAWN_OPEN, 0, "/dev/null", os.O_RDONLY, 0),
                (os.POSIX_SPAWN_DUP2, w, 1),
                (os.POSIX_SPAWN_DUP2, w, 2),
            ],
            # Its own process group: a timeout or a cancel kills the whole tree.
            setpgroup=0,
            # What python ignores for itself, the command gets as a spawned one does.
            setsigdef=(signal.SIGPIPE, signal.SIGXFSZ),
        )
    except OSError as error:
        os.close(r)
        out.extend(b"X %s %s\n" % (id, str(error).encode()))
        return
    finally:
        os.close(w)
    os.set_blocking(r, False)
    jobs[id] = pid
    ids[pid] = id
    pipes[id] = r
    selector.register(r, selectors.EVENT_READ, id)


def request(frame):
    global base
    kind, *fields = frame.split(b"\0")
    if kind == b"B":
        base = changed({}, fields)
    elif kind == b"R":
        start(*fields)
    elif kind == b"K" and fields[0] in jobs:
        try:
            os.killpg(jobs[fields[0]], getattr(signal, "SIG" + fields[1].decode()))
        except ProcessLookupError:
            pass


pending = bytearray()
while True:
    reap()
    while out:
        del out[: os.write(1, out)]
    for key, _ in selector.select():
        if key.data == "wake":
            try:
                os.read(wake_r, 512)
            except BlockingIOError:
                pass
        elif key.data == "in":
            data = os.read(0, 65536)
            # node is gone or done: the commands run on in their own groups, as spawned ones do.
            if not data:
                sys.exit(0)
            pending.extend(data)
            while True:
                newline = pending.find(b"\n")
                if newline < 0:
                    break
                size = int(pending[:newline])
                if len(pending) < newline + 1 + size:
                    break
                request(bytes(pending[newline + 1 : newline + 1 + size]))
                del pending[: newline + 1 + size]
        else:
            drain(key.data, False)
`;

/** One frame for the launcher's stdin. */
export function launcherFrame(fields: readonly string[]): Buffer {
  const payload = Buffer.from(fields.join("\0"));
  return Buffer.concat([Buffer.from(`${payload.length}\n`), payload]);
}

/**
 * A request's environment as changes to the launcher's own: `+NAME=value` for what is new or
 * different, `-NAME` for what the launcher has and the command must not.
 */
export function environmentChanges(base: NodeJS.ProcessEnv, env: NodeJS.ProcessEnv): string[] {
  const changes: string[] = [];
  for (const key in env) {
    const value = env[key];
    if (value !== undefined && value !== base[key]) changes.push(`+${key}=${value}`);
  }
  for (const key in base) {
    if (base[key] !== undefined && env[key] === undefined) changes.push(`-${key}`);
  }
  return changes;
}

export type LauncherEvent =
  | { kind: "ready" }
  | { kind: "output"; id: string; data: Buffer }
  | { kind: "exit"; id: string; status: number }
  | { kind: "failed"; id: string; message: string };

/** Reads the launcher's stdout into events, whatever the chunk boundaries. */
export class LauncherReader {
  private pending: Buffer = Buffer.alloc(0);

  constructor(private readonly emit: (event: LauncherEvent) => void) {}

  push(chunk: Buffer) {
    let data = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    for (;;) {
      const newline = data.indexOf(0x0a);
      if (newline < 0) break;
      const header = data.toString("latin1", 0, newline);
      const [kind, id = "", value = ""] = header.split(" ", 3);
      if (kind === "ready") {
        this.emit({ kind: "ready" });
        data = data.subarray(newline + 1);
        continue;
      }
      if (kind === "O") {
        const end = newline + 1 + Number(value);
        if (data.length < end) break;
        this.emit({ kind: "output", id, data: data.subarray(newline + 1, end) });
        data = data.subarray(end);
        continue;
      }
      if (kind === "E") this.emit({ kind: "exit", id, status: Number(value) });
      else if (kind === "X") {
        const message = data.toString("utf8", header.indexOf(" ", 2) + 1, newline);
        this.emit({ kind: "failed", id, message });
      }
      data = data.subarray(newline + 1);
    }
    this.pending = Buffer.from(data);
  }
}

/** Splits a command's output into lines as readline does (\n, \r\n or \r). */
export class Lines {
  private rest = "";
  private readonly decoder = new StringDecoder("utf8");

  constructor(private readonly emit: (line: string) => void) {}

  push(bytes: Buffer) {
    const text = this.rest + this.decoder.write(bytes);
    const pattern = /\r\n|\n|\r/g;
    let from = 0;
    for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
      // A \r at the very end may be the first half of a \r\n: wait for the next chunk.
      if (match[0] === "\r" && match.index === text.length - 1) break;
      this.emit(text.slice(from, match.index));
      from = match.index + match[0].length;
    }
    this.rest = text.slice(from);
  }

  /** The last line, unterminated, and a character cut short at the very end. */
  end() {
    const rest = this.rest + this.decoder.end();
    this.rest = "";
    const line = rest.endsWith("\r") ? rest.slice(0, -1) : rest;
    if (rest) this.emit(line);
  }
}
