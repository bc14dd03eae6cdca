// The committed dist/ must be exactly what `npm run bundle` makes from the sources, because
// GitHub runs dist/<name>/index.js, never the TypeScript. esbuild's output is deterministic
// (same bytes on every run and from any checkout path: paths in it are repository-relative and
// chunk names are content hashes), so any difference means someone changed a source without
// rebuilding. The same fresh build, through its metafile, holds the shared bundle's layout to
// what issue 13 asks: thin action entries, @actions/artifact once and only on demand, one post
// entry, one licenses file, and the local GitHub never in the actions nor at the CLI's start.
import { spawnSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../packages/sandbox/src/runner/index.js";
import { type BundleGraph, readBundleGraph } from "./support/bundle-graph.js";

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => statSync(join(dir, f)).isFile())
    .sort();
}

/** The bundle names (top-level folders) whose files differ, are missing or are extra. */
function differingBundles(expectedDir: string, actualDir: string): string[] {
  const expected = listFiles(expectedDir);
  const actual = listFiles(actualDir);
  const differing = new Set<string>();
  for (const file of new Set([...expected, ...actual])) {
    const a = join(expectedDir, file);
    const b = join(actualDir, file);
    const same = existsSync(a) && existsSync(b) && readFileSync(a).equals(readFileSync(b));
    if (!same) differing.add(file.split(/[\\/]/)[0] ?? file);
  }
  return [...differing].sort();
}

describe("the bundle comparison", () => {
  it("names bundles whose files differ, are missing or are extra", () => {
    const a = mkdtempSync(join(tmpdir(), "bundles-a-"));
    const b = mkdtempSync(join(tmpdir(), "bundles-b-"));
    const put = (dir: string, file: string, text: string) => {
      mkdirSync(join(dir, file, ".."), { recursive: true });
      writeFileSync(join(dir, file), text);
    };
    put(a, "same/index.js", "x");
    put(b, "same/index.js", "x");
    put(a, "changed/index.js", "new");
    put(b, "changed/index.js", "old");
    put(a, "added/index.js", "x");
    put(b, "removed/index.js", "x");
    put(a, "asset/index.js", "x");
    put(b, "asset/index.js", "x");
    put(b, "asset/licenses.txt", "x");
    expect(differingBundles(a, b)).toEqual(["added", "asset", "changed", "removed"]);
    rmSync(a, { recursive: true });
    rmSync(b, { recursive: true });
  });
});

describe("committed bundles", () => {
  const out = mkdtempSync(join(tmpdir(), "fastdeploy-bundles-"));
  const metafile = join(out, "..", `${relative(tmpdir(), out)}.meta.json`);
  let build: ReturnType<typeof spawnSync>;
  let graph: BundleGraph;
  beforeAll(() => {
    // About 2 s; much longer when other suites run beside it.
    build = spawnSync(
      process.execPath,
      ["scripts/bundle.mjs", "--out", out, "--metafile", metafile],
      { cwd: REPO_ROOT, encoding: "utf8" },
    );
    if (build.status === 0) graph = readBundleGraph(metafile, REPO_ROOT, out);
  }, 300_000);
  afterAll(() => {
    rmSync(out, { recursive: true, force: true });
    rmSync(metafile, { force: true });
  });

  it("equal a fresh `npm run bundle`", () => {
    expect(build.status, `bundling failed:\n${build.stderr}`).toBe(0);
    const dist = join(REPO_ROOT, "dist");
    const differing = differingBundles(out, dist);
    const message =
      differing.length === 0
        ? ""
        : `dist/ is out of date for: ${differing.join(", ")}. Run npm run bundle and commit dist/.`;
    expect(message).toBe("");
    // Guard against a vacuous pass: the build must have produced bundles to compare.
    expect(listFiles(out).map((f) => relative(out, join(out, f)))).toContain("build/index.js");
  });

  const entries = () => graph.outputs.filter((o) => o.endsWith("/index.js"));
  const actionEntries = () => entries().filter((e) => !e.startsWith("cli/"));
  const sources = (outputs: string[]) => outputs.flatMap((o) => graph.inputsOf(o));
  const LOCAL_GITHUB = /^packages\/(sandbox|engine)\//;
  const ARTIFACT_CLIENT = /node_modules\/@actions\/artifact\//;

  it("has thin entries over shared chunks, one post entry and one licenses file", () => {
    expect(actionEntries()).toEqual(
      expect.arrayContaining(["build/index.js", "post/index.js", "fastdeploy/index.js"]),
    );
    expect(entries().filter((e) => /-post\//.test(e))).toEqual([]);
    for (const entry of actionEntries()) {
      const own = graph.inputsOf(entry).filter((i) => i.includes("node_modules/"));
      expect(own, `${entry} carries dependencies itself`).toEqual([]);
    }
    expect(listFiles(out).filter((f) => f.endsWith("licenses.txt"))).toEqual(["licenses.txt"]);
    expect(readFileSync(join(out, "licenses.txt"), "utf8")).toContain("@octokit/core@");
  });

  it("holds @actions/artifact once, loaded only by the steps that move a workflow artifact", () => {
    const holders = graph.outputs.filter((o) =>
      graph.inputsOf(o).some((i) => ARTIFACT_CLIENT.test(i)),
    );
    expect(holders).toHaveLength(1);
    for (const entry of actionEntries()) {
      expect(graph.atStart(entry), `${entry} loads the artifact client at start`).not.toContain(
        holders[0],
      );
    }
    const movers = actionEntries().filter((e) => graph.reachable(e).includes(holders[0] ?? ""));
    expect(movers).toEqual(["build/index.js", "publish/index.js"]);
  });

  it("bundles undici once, apart, for the stand-in that requires it on first use", async () => {
    const inChunks = graph.outputs.filter((o) =>
      graph.inputsOf(o).some((i) => /node_modules\/undici\//.test(i)),
    );
    expect(inChunks).toEqual([]);
    const undici = createRequire(join(out, "chunks", "any.js"))("./undici.cjs");
    expect(typeof undici.fetch).toBe("function");
    const agent = new undici.ProxyAgent("http://127.0.0.1:9");
    await agent.close();
  });

  it("gives the retry plugin the limiter without timers (scripts/bundle-retry-limiter.mjs)", () => {
    // Nothing imports retry-plugin-limiter.ts but the redirect of the retry plugin's
    // Bottleneck, so finding it beside the plugin in every action proves the redirect applied;
    // without it each request pays Bottleneck's timers again (bench/retry-cost.mjs).
    for (const entry of actionEntries()) {
      const loaded = sources(graph.atStart(entry));
      expect(loaded.some((i) => i.includes("node_modules/@octokit/plugin-retry/"))).toBe(true);
      expect(loaded, `${entry} runs the retry plugin on Bottleneck`).toContain(
        "packages/github/src/retry-plugin-limiter.ts",
      );
    }
  });

  it("keeps the local GitHub out of every action and out of the CLI's start", () => {
    for (const entry of actionEntries()) {
      const local = sources(graph.reachable(entry)).filter((i) => LOCAL_GITHUB.test(i));
      expect(local, `${entry} can load the local GitHub`).toEqual([]);
    }
    const atStart = sources(graph.atStart("cli/index.js"));
    expect(atStart.filter((i) => LOCAL_GITHUB.test(i))).toEqual([]);
    // Only through import(), as `demo` (and `local`) do: the guard above is not vacuous.
    const later = sources(graph.reachable("cli/index.js"));
    expect(later.filter((i) => LOCAL_GITHUB.test(i)).length).toBeGreaterThan(0);
  });
});
