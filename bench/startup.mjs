#!/usr/bin/env node
// Start-up of each bundled action against softprops/action-gh-release's committed bundle, on
// Node 24 (what runs.using: node24 gives both), alternating one start of ours with one of the
// peer's for many rounds. Prints each action's median and its ratio to the peer's (goal <= 1.0).
//
// "Start" is the same for both: from spawning `node <bundle>` with the environment the runner
// would give the step (every declared input, defaults applied) until the action's first HTTP
// request reaches a local server that stands in for GitHub (GITHUB_API_URL, and for build the
// artifact service's ACTIONS_RESULTS_URL). It covers loading the bundle, reading inputs and
// config and creating the client. The process is then killed; no request is answered.
// build is the exception: its first request (the artifact upload) comes after its real work,
// packing the archive. So build's start, and the peer's in that pair, ends when the process
// exits having refused its input (build without `path`, the peer on a branch instead of a tag).
// Besides wall time it reads the CPU time the process's main thread had used by then (Linux,
// /proc/<pid>/task/<pid>/schedstat, in ns): on a shared machine wall times swing with the
// load, while CPU time stays close to what an idle runner would wait.
//
//   node bench/startup.mjs <path to softprops' checkout or its dist/index.js>
//   FASTDEPLOY_BENCH_PEER=<path> FASTDEPLOY_BENCH_ROUNDS=40 node bench/startup.mjs
//   FASTDEPLOY_BENCH_ACTIONS=approve,verify    only these entries
//   FASTDEPLOY_BENCH_DIST=<dir>                 another build of dist/ (to compare bundlers)
//
// The peer is never part of this repository: bench/README.md says how to get its bundle.
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { parse } from "yaml";
import { median, ROOT } from "./lib.mjs";

const peerArg = process.argv[2] ?? process.env.FASTDEPLOY_BENCH_PEER;
const ROUNDS = Number(process.env.FASTDEPLOY_BENCH_ROUNDS ?? 30);
const TOKEN = "bench-token";
const REPOSITORY = "acme/shop";
const DIST = process.env.FASTDEPLOY_BENCH_DIST ?? join(ROOT, "dist");
const ONLY = process.env.FASTDEPLOY_BENCH_ACTIONS?.split(",");

function peerPaths(path) {
  if (!path) return undefined;
  const script = path.endsWith(".js") ? path : join(path, "dist", "index.js");
  const actionYml = join(dirname(dirname(script)), "action.yml");
  return existsSync(script) ? { script, actionYml } : undefined;
}

const peer = peerPaths(peerArg);
if (!peer) {
  console.log(
    `startup: skipped, softprops/action-gh-release's bundle not found${peerArg ? ` at ${peerArg}` : ""}.\n` +
      "  Pass its checkout (or its dist/index.js) as the argument or in FASTDEPLOY_BENCH_PEER;\n" +
      "  bench/README.md says how to get it. Nothing of the peer is kept in this repository.",
  );
  process.exit(0);
}

// Node 24, as the runner starts node24 actions: the `node` devDependency, else this node.
const NODE24 = join(ROOT, "node_modules", "node", "bin", "node");
const node = existsSync(NODE24) ? NODE24 : process.execPath;

/** The runner's INPUT_ variables: every declared input, its default where the step gives none. */
function runnerInputs(actionYml, given) {
  const declared = existsSync(actionYml)
    ? (parse(readFileSync(actionYml, "utf8")).inputs ?? {})
    : {};
  const context = { "github.token": TOKEN, "github.repository": REPOSITORY };
  const env = {};
  for (const [name, spec] of Object.entries(declared)) {
    const fallback = String(spec?.default ?? "").replace(
      /\$\{\{\s*([\w.]+)\s*\}\}/g,
      (_, key) => context[key] ?? "",
    );
    env[`INPUT_${name.replace(/ /g, "_").toUpperCase()}`] = given[name] ?? fallback;
  }
  for (const [name, value] of Object.entries(given)) {
    env[`INPUT_${name.replace(/ /g, "_").toUpperCase()}`] = value;
  }
  return env;
}

/** An unsigned runtime token: @actions/artifact only decodes it for its job scope. */
function runtimeToken() {
  const part = (v) => Buffer.from(JSON.stringify(v)).toString("base64url");
  const exp = Math.floor(Date.now() / 1000) + 3600;
  return `${part({ typ: "JWT", alg: "none" })}.${part({ scp: "Actions.Results:run-1:job-1", exp })}.`;
}

/** archive, manifest and SHA256SUMS that pass publish's local verification. */
function releaseFiles(dir) {
  const sha = (data) => createHash("sha256").update(data).digest("hex");
  const archive = Buffer.from("not really a tarball");
  writeFileSync(join(dir, "shop-1.0.0.tar.gz"), archive);
  const digest = `sha256:${sha(archive)}`;
  const manifest = `${JSON.stringify({
    schema: "fastdeploy/manifest@1",
    name: "shop",
    version: "1.0.0",
    source: { repository: REPOSITORY, commit: "a".repeat(40), ref: "refs/tags/v1.0.0" },
    build: { run_id: 1, run_attempt: 1, workflow: "Bench", run_url: "", builder_version: "b" },
    created_at: "2026-01-01T00:00:00Z",
    archive: { name: "shop-1.0.0.tar.gz", size: archive.length, digest },
    files: [{ path: "app.bin", size: archive.length, digest, mode: "0644" }],
  })}\n`;
  writeFileSync(join(dir, "shop-1.0.0.manifest.json"), manifest);
  writeFileSync(
    join(dir, "SHA256SUMS"),
    `${sha(archive)}  shop-1.0.0.tar.gz\n${sha(manifest)}  shop-1.0.0.manifest.json\n`,
  );
  return {
    archive: "shop-1.0.0.tar.gz",
    manifest: "shop-1.0.0.manifest.json",
    checksums: "SHA256SUMS",
  };
}

/** What each of our entries is given so that its first step is a request (or a refusal). */
function ourStarts(workspace) {
  mkdirSync(join(workspace, "app"), { recursive: true });
  writeFileSync(join(workspace, "app", "index.html"), "hello\n");
  const release = releaseFiles(workspace);
  const yml = (name) => join(ROOT, name === "fastdeploy" ? "" : `actions/${name}`, "action.yml");
  const given = {
    approve: { environment: "dev", version: "1.0.0" },
    build: { path: "" },
    distribute: { environment: "dev", version: "1.0.0", command: "true" },
    publish: release,
    rollback: { environment: "dev", command: "true" },
    status: {},
    verify: { version: "1.0.0" },
    fastdeploy: { args: "status --json" },
  };
  const starts = readdirSync(DIST, { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name in given)
    .map((d) => ({
      name: d.name,
      script: join(DIST, d.name, "index.js"),
      env: runnerInputs(yml(d.name), given[d.name]),
      until: d.name === "build" ? "exit" : "request",
    }));
  // The post step of distribute and rollback closes the deployment its main left open.
  const post = ["post", "distribute-post"].find((n) => existsSync(join(DIST, n, "index.js")));
  starts.push({
    name: "post",
    script: join(DIST, post ?? "post", "index.js"),
    env: { ...runnerInputs(yml("distribute"), given.distribute), "STATE_open-deployment-id": "7" },
    until: "request",
  });
  return starts.filter((s) => !ONLY || ONLY.includes(s.name));
}

const server = createServer();
let arrived;
server.on("request", (request) => {
  arrived?.(process.hrtime.bigint());
  request.socket.destroy();
});
await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
const url = `http://127.0.0.1:${server.address().port}`;

const workspace = mkdtempSync(join(tmpdir(), "fd-bench-startup-"));
const runnerTemp = mkdtempSync(join(tmpdir(), "fd-bench-startup-temp-"));
// The runner creates the file-command files before the step starts.
for (const file of ["output", "state", "summary", "env", "path"]) {
  writeFileSync(join(runnerTemp, file), "");
}
const commonEnv = {
  PATH: process.env.PATH ?? "",
  HOME: process.env.HOME ?? tmpdir(),
  GITHUB_ACTIONS: "true",
  CI: "true",
  GITHUB_API_URL: url,
  GITHUB_SERVER_URL: "http://github.localhost",
  GITHUB_REPOSITORY: REPOSITORY,
  GITHUB_REF: "refs/tags/v1.0.0",
  GITHUB_REF_NAME: "v1.0.0",
  GITHUB_REF_TYPE: "tag",
  GITHUB_SHA: "a".repeat(40),
  GITHUB_EVENT_NAME: "push",
  GITHUB_RUN_ID: "1",
  GITHUB_RUN_ATTEMPT: "1",
  GITHUB_WORKSPACE: workspace,
  RUNNER_TEMP: runnerTemp,
  GITHUB_OUTPUT: join(runnerTemp, "output"),
  GITHUB_STATE: join(runnerTemp, "state"),
  GITHUB_STEP_SUMMARY: join(runnerTemp, "summary"),
  GITHUB_ENV: join(runnerTemp, "env"),
  GITHUB_PATH: join(runnerTemp, "path"),
  ACTIONS_RUNTIME_TOKEN: runtimeToken(),
  ACTIONS_RESULTS_URL: `${url}/`,
};

/** ms of CPU the process's main thread has used (undefined where /proc is absent). */
function mainThreadCpuMs(pid) {
  try {
    const [ns] = readFileSync(`/proc/${pid}/task/${pid}/schedstat`, "utf8").split(" ");
    return Number(ns) / 1e6;
  } catch {
    return undefined;
  }
}

const CPU_AT_EXIT = join(ROOT, "bench", "cpu-at-exit.mjs");
const cpuFile = join(runnerTemp, "cpu-at-exit");

/**
 * {wall, cpu} ms from spawn to the first request, when the process is killed, or (until:
 * "exit") to its exit, with the CPU time its main thread wrote on the way out.
 */
async function start(script, env, until) {
  const args = until === "exit" ? ["--import", CPU_AT_EXIT, script] : [script];
  writeFileSync(cpuFile, "");
  const child = spawn(node, args, {
    cwd: workspace,
    env: { ...commonEnv, ...env, FASTDEPLOY_BENCH_CPU_FILE: cpuFile },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const began = process.hrtime.bigint();
  let log = "";
  const keep = (d) => {
    log += d;
  };
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  const exited = new Promise((ok) => child.once("exit", ok));
  if (until === "exit") {
    const code = await exited;
    const wall = Number(process.hrtime.bigint() - began) / 1e6;
    if (code === 0) throw new Error(`${script} was expected to refuse its input:\n${log}`);
    const cpu = Number(readFileSync(cpuFile, "utf8")) || undefined;
    return { wall, cpu };
  }
  const at = await Promise.race([
    new Promise((ok) => {
      arrived = (time) => ok({ time, cpu: mainThreadCpuMs(child.pid) });
    }),
    exited.then(() => undefined),
  ]);
  arrived = undefined;
  child.kill("SIGKILL");
  await exited;
  if (at === undefined) throw new Error(`${script} exited before its first request:\n${log}`);
  return { wall: Number(at.time - began) / 1e6, cpu: at.cpu };
}

// CPU time is undefined where /proc is absent: no median then.
const medianOf = (xs) => (xs.some((x) => x === undefined) ? Number.NaN : median(xs));

const peerEnv = runnerInputs(peer.actionYml, {});
// On a branch, softprops' action refuses to run ("GitHub Releases requires a tag").
const peerRefusing = { ...peerEnv, GITHUB_REF: "refs/heads/main", GITHUB_REF_TYPE: "branch" };
const version = await new Promise((ok) => {
  const child = spawn(node, ["--version"]);
  let out = "";
  child.stdout.on("data", (d) => {
    out += d;
  });
  child.on("exit", () => ok(out.trim()));
});
console.log(
  `startup: spawn -> first request on ${version}, ${ROUNDS} rounds, each action alternating with ` +
    `softprops/action-gh-release's bundle (${peer.script})`,
);
const worst = { wall: 0, cpu: 0 };
try {
  for (const ours of ourStarts(workspace)) {
    const starts = { ours: [], peer: [] };
    for (let round = 0; round < ROUNDS; round++) {
      // ABBA order, so a drift in machine load falls on both sides alike.
      const pair = [
        ["ours", () => start(ours.script, ours.env, ours.until)],
        [
          "peer",
          () => start(peer.script, ours.until === "exit" ? peerRefusing : peerEnv, ours.until),
        ],
      ];
      if (round % 2) pair.reverse();
      for (const [side, run] of pair) starts[side].push(await run());
    }
    const figure = (kind) => {
      const [a, b] = [starts.ours, starts.peer].map((xs) => medianOf(xs.map((x) => x[kind])));
      if (Number.isNaN(a) || Number.isNaN(b)) return "n/a";
      worst[kind] = Math.max(worst[kind], a / b);
      return `${a.toFixed(1)} vs ${b.toFixed(1)} ms, ratio ${(a / b).toFixed(2)}`;
    };
    console.log(
      `  ${ours.name.padEnd(10)} wall ${figure("wall")}; main-thread CPU ${figure("cpu")} ` +
        `(goal <= 1.0)${ours.until === "exit" ? ", both until they refuse their input" : ""}`,
    );
  }
  console.log(
    `  worst ratio: wall ${worst.wall.toFixed(2)}, main-thread CPU ${worst.cpu.toFixed(2)}`,
  );
} finally {
  server.close();
  rmSync(workspace, { recursive: true, force: true });
  rmSync(runnerTemp, { recursive: true, force: true });
}
