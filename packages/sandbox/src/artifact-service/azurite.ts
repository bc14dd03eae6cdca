/**
 * Azurite's blob service as a child process on loopback: the blob store behind the
 * signed URLs, so @actions/artifact talks to a real Azure Blob implementation
 * (block uploads arrive concurrently and out of order; a hand-written stand-in
 * would have to reassemble them).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import type { Socket } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export interface AzuriteOptions {
  /** Fixed port; by default Azurite binds port 0 and reports the port it got. */
  port?: number;
  /** Persist blobs here; by default they live in memory only. */
  location?: string;
  log?: (msg: string) => void;
  startTimeoutMs?: number;
}

export interface AzuriteBlob {
  port: number;
  /** `http://127.0.0.1:<port>`; blob URLs are path-style below it. */
  origin: string;
  pid: number;
  close(): Promise<void>;
}

/**
 * Preloaded into the child: the parent holds an IPC channel, which the OS closes
 * when the parent dies in any way (crash, SIGKILL, a killed test worker), so
 * Azurite never outlives the process that started it.
 */
const EXIT_WITH_PARENT = 'data:text/javascript,process.on("disconnect",()=>process.exit(0))';

const READY = /successfully listens on (http:\/\/\S+)/;
const CLOSED = /successfully closed/;

/**
 * Azurite's entry in the checkout's node_modules, found by walking up from this module and
 * from the working directory. Not require.resolve: Azurite runs as its own process, and a
 * bundler (ncc, for the CLI's demo) rewrites require.resolve into its own module table.
 */
function azuriteMain(): string {
  const main = findAzurite();
  if (main) return main;
  throw new Error(missingAzurite());
}

/** Azurite's blob entry when it is installed (in a checkout), else undefined. */
export function findAzurite(): string | undefined {
  const entry = join("node_modules", "azurite", "dist", "src", "blob", "main.js");
  for (const start of [dirname(fileURLToPath(import.meta.url)), process.cwd()]) {
    for (let dir = start; ; dir = dirname(dir)) {
      if (existsSync(join(dir, entry))) return join(dir, entry);
      if (dirname(dir) === dir) break;
    }
  }
  return undefined;
}

/**
 * What to do depends on where the CLI runs: inside a FastDeploy checkout whose dependencies
 * were never installed, `npm ci` there; anywhere else (an installed CLI, a copied bundle), the
 * local GitHub is not part of what was installed, so the demo runs from a checkout.
 */
function missingAzurite(): string {
  for (const start of [dirname(fileURLToPath(import.meta.url)), process.cwd()]) {
    for (let dir = start; ; dir = dirname(dir)) {
      const manifest = join(dir, "package.json");
      if (existsSync(manifest) && /"name":\s*"fastdeploy"/.test(readFileSync(manifest, "utf8"))) {
        return `The local GitHub needs Azurite, a development dependency of FastDeploy that is not installed in ${dir}: run \`npm ci\` there, then try again.`;
      }
      if (dirname(dir) === dir) break;
    }
  }
  return "The local GitHub needs FastDeploy's development dependencies (Azurite among them), which an installed CLI does not carry: run it from a FastDeploy checkout with `git clone https://github.com/fastdeploy/fastdeploy && cd fastdeploy && npm ci && npm run demo`.";
}

/** The node command line that runs azurite-blob; exported for the crash test. */
export function azuriteCommand(options: Pick<AzuriteOptions, "port" | "location"> = {}): string[] {
  const main = azuriteMain();
  return [
    "--import",
    EXIT_WITH_PARENT,
    main,
    "--blobHost",
    "127.0.0.1",
    "--blobPort",
    String(options.port ?? 0),
    "--disableTelemetry",
    // @azure/storage-blob 12.32 sends an x-ms-version newer than Azurite 3.35 knows.
    "--skipApiVersionCheck",
    "--silent",
    ...(options.location ? ["--location", options.location] : ["--inMemoryPersistence"]),
  ];
}

export async function startAzurite(options: AzuriteOptions = {}): Promise<AzuriteBlob> {
  const log = options.log ?? (() => {});
  const args = azuriteCommand(options);
  // Own process group, so close() can signal the whole tree at once.
  const child = spawn(process.execPath, args, {
    stdio: ["ignore", "pipe", "pipe", "ipc"],
    detached: true,
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error("azurite-blob could not be spawned");

  const killTree = (signal: NodeJS.Signals) => {
    try {
      process.kill(-pid, signal);
    } catch {
      // already gone
    }
  };
  const killOnExit = () => killTree("SIGKILL");
  process.on("exit", killOnExit);

  const output: string[] = [];
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const lines = watchLines(child, (line) => {
    output.push(line);
    if (output.length > 50) output.shift();
    log(`azurite: ${line}`);
  });

  let origin: string;
  try {
    origin = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`azurite-blob did not start in time:\n${output.join("\n")}`)),
        options.startTimeoutMs ?? 20_000,
      );
      lines.onLine((line) => {
        const match = READY.exec(line);
        if (match?.[1]) {
          clearTimeout(timer);
          resolve(new URL(match[1]).origin);
        }
      });
      child.once("exit", (code, signal) => {
        clearTimeout(timer);
        reject(
          new Error(`azurite-blob exited during start (${signal ?? code}):\n${output.join("\n")}`),
        );
      });
    });
  } catch (error) {
    killTree("SIGKILL");
    process.off("exit", killOnExit);
    throw error;
  }

  // From here on the caller's own servers keep the process alive; a forgotten
  // close() must not keep it from exiting (the exit hook then kills Azurite).
  child.unref();
  child.channel?.unref();
  // The pipes are sockets at runtime; Readable's type does not say so.
  (child.stdout as unknown as Socket | null)?.unref();
  (child.stderr as unknown as Socket | null)?.unref();

  let closing: Promise<void> | undefined;
  return {
    port: Number(new URL(origin).port),
    origin,
    pid,
    close() {
      closing ??= (async () => {
        if (child.exitCode === null && child.signalCode === null) {
          // SIGTERM lets Azurite flush a persistent location; it then idles on its
          // IPC listener instead of exiting, so the group is killed once it is closed.
          const closed = new Promise<void>((resolve) =>
            lines.onLine((l) => CLOSED.test(l) && resolve()),
          );
          killTree("SIGTERM");
          await Promise.race([closed, exited, delay(3_000)]);
          killTree("SIGKILL");
          await exited;
        }
        process.off("exit", killOnExit);
      })();
      return closing;
    },
  };
}

function watchLines(child: ChildProcess, sink: (line: string) => void) {
  const listeners: Array<(line: string) => void> = [sink];
  for (const stream of [child.stdout, child.stderr]) {
    let buffered = "";
    stream?.setEncoding("utf8");
    stream?.on("data", (chunk: string) => {
      buffered += chunk;
      const parts = buffered.split(/\r?\n/);
      buffered = parts.pop() ?? "";
      for (const line of parts) if (line) for (const l of listeners) l(line);
    });
  }
  return { onLine: (listener: (line: string) => void) => listeners.push(listener) };
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
