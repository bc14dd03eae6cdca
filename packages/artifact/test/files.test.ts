import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { collectFiles, FileMatchError, globMatcher } from "../src/index.js";
import { tempDir, writeTree } from "./tree.js";

async function tree() {
  const cwd = await tempDir();
  await writeTree(cwd, {
    "dist/index.html": "x",
    "dist/js/app.js": "x",
    "dist/js/vendor/lib.js": "x",
    "dist/.hidden": "x",
    "README.md": "x",
    "scripts/deploy.sh:x": "x",
  });
  return cwd;
}

const paths = async (cwd: string, patterns: string[]) =>
  (await collectFiles({ cwd, patterns })).map((file) => file.path);

describe("collectFiles", () => {
  it("takes files, directories recursively and globs, sorted and unique", async () => {
    const cwd = await tree();
    expect(await paths(cwd, ["dist", "README.md", "./dist/index.html", "scripts/"])).toEqual([
      "README.md",
      "dist/.hidden",
      "dist/index.html",
      "dist/js/app.js",
      "dist/js/vendor/lib.js",
      "scripts/deploy.sh",
    ]);
    expect(await paths(cwd, ["dist/**/*.js"])).toEqual(["dist/js/app.js", "dist/js/vendor/lib.js"]);
    expect(await paths(cwd, ["**/*.js"])).toEqual(["dist/js/app.js", "dist/js/vendor/lib.js"]);
    expect(await paths(cwd, ["dist/*"])).toHaveLength(4);
    expect(await paths(cwd, ["*.m?"])).toEqual(["README.md"]);
    expect(await paths(cwd, ["dist", "!dist/js/vendor", "!**/.hidden"])).toEqual([
      "dist/index.html",
      "dist/js/app.js",
    ]);
    const all = await collectFiles({ cwd, patterns: ["."] });
    expect(all).toHaveLength(6);
    expect(all[0]).toEqual({ path: "README.md", absPath: join(cwd, "README.md") });
  });

  it("names the pattern that matched nothing", async () => {
    const cwd = await tree();
    await expect(collectFiles({ cwd, patterns: ["dist", "build/**"] })).rejects.toThrow(
      /path "build\/\*\*": matched no files/,
    );
    await expect(collectFiles({ cwd, patterns: ["nope.txt"] })).rejects.toThrow(FileMatchError);
    await expect(collectFiles({ cwd, patterns: ["", " "] })).rejects.toThrow(/no path given/);
    await expect(collectFiles({ cwd, patterns: ["dist", "!dist"] })).rejects.toThrow(/excluded/);
  });

  it("refuses paths outside the working directory", async () => {
    const cwd = await tree();
    await expect(collectFiles({ cwd, patterns: ["../etc"] })).rejects.toThrow(/\.\./);
    await expect(collectFiles({ cwd, patterns: ["/etc/passwd"] })).rejects.toThrow(/relative/);
  });

  it("refuses symlinks instead of following them", async () => {
    const cwd = await tree();
    execFileSync("ln", ["-s", "/etc", join(cwd, "dist/etc")]);
    await expect(collectFiles({ cwd, patterns: ["dist"] })).rejects.toThrow(
      /"dist\/etc" is a symlink or special file/,
    );
    expect(await paths(cwd, ["dist", "!dist/etc"])).not.toContain("dist/etc");
  });
});

describe("globMatcher", () => {
  it.each([
    ["*.js", "a.js", true],
    ["*.js", "d/a.js", false],
    ["**/*.js", "a.js", true],
    ["**/*.js", "a/b/c.js", true],
    ["a/**", "a/b/c", true],
    ["a/**/c", "a/c", true],
    ["a/**/c", "a/x/y/c", true],
    ["?.txt", "ab.txt", false],
    ["a+b(1).txt", "a+b(1).txt", true],
    ["[ab].txt", "a.txt", false],
  ])("%s against %s → %s", (pattern, path, expected) => {
    expect(globMatcher(pattern)(path)).toBe(expected);
  });
});
