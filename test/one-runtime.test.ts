// One runtime (DESIGN.md, Bundles): the product's code is TypeScript run by node, and the
// only programs it starts are the user's commands in the runner's shell and the tools the
// design names (git, tar). No interpreter of another language, and no program in another
// language inside a string, hides in packages/*/src.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../packages/sandbox/src/runner/index.js";

// The local engine's table of GitHub's `shell:` keywords names the interpreters a user's own
// `run:` step may ask for (https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-syntax#jobsjob_idstepsshell):
// it starts the user's program, as the runner does, never a program of ours.
const USER_SHELLS = join("packages", "engine", "src", "job", "shell.ts");

const INTERPRETERS = /\b(python[23]?|perl|ruby|php|lua|tclsh|pwsh|powershell|osascript)\b/i;

/** The code without its comments: prose may name another language, code may not. */
function codeOf(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:"'`\\])\/\/.*$/gm, "$1");
}

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(ts|mts|cts|js|mjs)$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name));
}

function secondLanguages(files: readonly string[]): string[] {
  return files.flatMap((file) => {
    const match = INTERPRETERS.exec(codeOf(readFileSync(file, "utf8")));
    return match ? [`${file}: ${match[0]}`] : [];
  });
}

describe("one runtime", () => {
  const packages = join(REPO_ROOT, "packages");
  const files = readdirSync(packages).flatMap((name) => {
    try {
      return sources(join(packages, name, "src"));
    } catch {
      return [];
    }
  });

  it("finds no interpreter of another language in packages/*/src", () => {
    expect(files.length).toBeGreaterThan(50);
    expect(secondLanguages(files.filter((f) => !f.endsWith(USER_SHELLS)))).toEqual([]);
  });

  it("exempts only the engine's table of the shells a user's step may name", () => {
    // A stale exemption would hide a second language that moved into that file's place.
    expect(secondLanguages(files.filter((f) => f.endsWith(USER_SHELLS)))).toHaveLength(1);
  });
});
