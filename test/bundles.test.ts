// The committed dist/ must be exactly what `npm run bundle` makes from the sources, because
// GitHub runs dist/<name>/index.js, never the TypeScript. ncc's output is deterministic (same
// bytes on every run and from any checkout path: module ids are hashes of repo-relative
// paths), so any difference means someone changed a source without rebuilding.
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
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../packages/sandbox/src/runner/index.js";

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
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it("equal a fresh `npm run bundle`", { timeout: 900_000 }, () => {
    // ~40 s on two idle cores; much longer when other suites run beside it.
    const build = spawnSync(process.execPath, ["scripts/bundle.mjs", "--out", out], {
      cwd: REPO_ROOT,
      encoding: "utf8",
    });
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
});
