/**
 * The bad-input corpus: every case runs a bundled action as the runner does and must end
 * with a non-zero exit, exactly one `::error::` that says what was wrong, and nothing
 * written outside the places the action owns.
 */
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Manifest, ManifestFile } from "@fastdeploy/core";
import { type LocalGitHub, startLocalGitHub } from "@fastdeploy/sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { digestOf, type RawEntry, rawTar } from "../packages/artifact/test/raw-tar.js";
import { publishVersion } from "./support/release-fixture.js";
import { tempDir, writeTree } from "./support/tree.js";

let github: LocalGitHub;
beforeAll(async () => {
  github = await startLocalGitHub();
});
afterAll(async () => {
  github.sandbox.assertNoViolations();
  await github.close();
});

// A unique name an escaping entry would create, looked for everywhere afterwards.
const ESCAPE = `fd-escape-${randomBytes(4).toString("hex")}`;

interface Case {
  name: string;
  action: "build" | "verify";
  /** Prepares the workspace; returns the step's inputs. */
  setup(workspace: string): Record<string, string> | Promise<Record<string, string>>;
  ref?: string;
  error: RegExp;
}

const tagged = "refs/tags/v1.0.0";

function manifestOf(
  files: ManifestFile[],
  archive: Buffer,
  extra: Partial<Manifest> = {},
): Manifest {
  return {
    schema: "fastdeploy/manifest@1",
    name: "shop",
    version: "1.0.0",
    source: { repository: "acme/shop", commit: "a".repeat(40), ref: tagged },
    build: { run_id: 1, run_attempt: 1, workflow: "Release", run_url: "", builder_version: "test" },
    created_at: "2026-01-01T00:00:00Z",
    archive: { name: "shop-1.0.0.tar.gz", size: archive.length, digest: digestOf(archive) },
    files,
    ...extra,
  };
}
const listed = (path: string, content: string): ManifestFile => ({
  path,
  size: Buffer.byteLength(content),
  digest: digestOf(content),
  mode: "0644",
});

/** Writes a crafted archive and a manifest that matches its digest, so extraction is reached. */
function crafted(workspace: string, entries: RawEntry[], files: ManifestFile[]) {
  const archive = rawTar(entries);
  writeFileSync(join(workspace, "shop-1.0.0.tar.gz"), archive);
  writeFileSync(
    join(workspace, "shop-1.0.0.manifest.json"),
    JSON.stringify(manifestOf(files, archive)),
  );
  return { archive: "shop-1.0.0.tar.gz", manifest: "shop-1.0.0.manifest.json" };
}

/** Builds a real artifact in the workspace (tests then tamper with it). */
async function built(workspace: string) {
  writeTree(workspace);
  const result = await github.run({
    action: "build",
    workspace,
    inputs: { path: "app", name: "shop", upload: "false", "output-dir": "out" },
    github: { ref: tagged },
  });
  expect(result.exitCode).toBe(0);
  return {
    archive: result.outputs.archive!,
    manifest: result.outputs.manifest!,
    checksums: result.outputs.checksums!,
  };
}

const config = (workspace: string, text: string) => {
  mkdirSync(join(workspace, ".github"), { recursive: true });
  writeFileSync(join(workspace, ".github/fastdeploy.yml"), text);
};

const withTree = (inputs: Record<string, string>) => (workspace: string) => {
  writeTree(workspace);
  return inputs;
};
const withConfig = (text: string, inputs: Record<string, string>) => (workspace: string) => {
  writeTree(workspace);
  config(workspace, text);
  return inputs;
};

const ok = { path: "ok.txt", content: "fine" };

const cases: Case[] = [
  // --- build: versions, paths, inputs, config ---
  {
    name: "version input that is not SemVer",
    action: "build",
    setup: withTree({ path: "app", version: "1.2" }),
    error: /version/i,
  },
  {
    name: "tag that is not a version",
    action: "build",
    ref: "refs/tags/v1.2",
    setup: withTree({ path: "app" }),
    error: /v1\.2/,
  },
  {
    name: "tag with letters",
    action: "build",
    ref: "refs/tags/vfoo",
    setup: withTree({ path: "app" }),
    error: /vfoo/,
  },
  {
    name: "version input conflicting with the tag",
    action: "build",
    ref: "refs/tags/v2.0.0",
    setup: withTree({ path: "app", version: "2.0.1" }),
    error: /conflicts with tag/,
  },
  {
    name: "missing path",
    action: "build",
    setup: () => ({ path: "" }),
    error: /"path" is required/,
  },
  {
    name: "path that matches nothing",
    action: "build",
    setup: withTree({ path: "nope/**/*.js" }),
    error: /nope/,
  },
  {
    name: "empty directory",
    action: "build",
    setup: (w) => {
      mkdirSync(join(w, "empty"));
      return { path: "empty" };
    },
    error: /empty/,
  },
  {
    name: "path escaping the workspace",
    action: "build",
    setup: withTree({ path: "../" }),
    error: /\.\./,
  },
  {
    name: "artifact name unusable in file names",
    action: "build",
    setup: withTree({ path: "app", name: "my app!" }),
    error: /Artifact name "my app!"/,
  },
  {
    name: "upload that is not a boolean",
    action: "build",
    setup: withTree({ path: "app", upload: "maybe" }),
    error: /"upload" must be true or false/,
  },
  {
    name: "failing build command",
    action: "build",
    setup: () => ({ path: "dist", command: "echo compiling; exit 7" }),
    error: /exited with code 7/,
  },
  {
    name: "malformed config YAML",
    action: "build",
    setup: withConfig("name: shop\nbuild:\n  path: [dist\n", { path: "app" }),
    error: /fastdeploy\.yml:\d+:\d+/,
  },
  {
    name: "config file that exists but is empty",
    action: "build",
    setup: withConfig("# TODO\n", { path: "app" }),
    error: /fastdeploy\.yml:1:1.*the file is empty/,
  },
  {
    name: "build.path that is a number",
    action: "build",
    setup: withConfig("build:\n  path: 5\n", {}),
    error: /fastdeploy\.yml:2:9.*build\.path: must be a non-empty string or a list of strings/,
  },
  {
    name: "unknown config key",
    action: "build",
    setup: withConfig("name: shop\nbuidl:\n  path: dist\n", { path: "app" }),
    error: /fastdeploy\.yml:2:1.*buidl/,
  },
  {
    name: "config after naming an unknown environment",
    action: "build",
    setup: withConfig("environments:\n  - name: prod\n    after: [qa]\n", { path: "app" }),
    error: /qa/,
  },
  {
    name: "bad repository input",
    action: "build",
    setup: withTree({ path: "app", repository: "not a repo" }),
    error: /"repository" must be owner\/name/,
  },
  // --- verify: inputs ---
  { name: "nothing to verify", action: "verify", setup: () => ({}), error: /Nothing to verify/ },
  {
    name: "both a version and local files",
    action: "verify",
    setup: () => ({ version: "1.0.0", archive: "a.tar.gz", manifest: "m.json" }),
    error: /either "version"/,
  },
  {
    name: "archive that does not exist",
    action: "verify",
    setup: () => ({ archive: "missing.tar.gz", manifest: "missing.json" }),
    error: /does not exist/,
  },
  {
    name: "max-size that is not a size",
    action: "verify",
    setup: () => ({ archive: "a", manifest: "m", "max-size": "12XB" }),
    error: /12XB/,
  },
  {
    name: "version never published",
    action: "verify",
    setup: () => ({ version: "9.9.9" }),
    error: /No published release with tag v9\.9\.9/,
  },
  // --- verify: a published release whose archive does not hold up (extracted under TMPDIR
  // as it downloads; the jail check below proves nothing of it is left) ---
  ...(["repacked", "substituted", "checksums"] as const).map(
    (tamper, i): Case => ({
      name: `published release, tampered (${tamper})`,
      action: "verify",
      setup: async () => {
        const version = `7.0.${i + 1}`;
        await publishVersion(github, { version, tamper });
        return { version };
      },
      error: /shop-7\.0\.\d\.tar\.gz does not match SHA256SUMS/,
    }),
  ),
  // --- verify: tampering ---
  {
    name: "tampered archive",
    action: "verify",
    setup: async (w) => {
      const files = await built(w);
      const bytes = readFileSync(files.archive);
      bytes[bytes.length - 20]! ^= 0xff;
      writeFileSync(files.archive, bytes);
      return files;
    },
    error:
      /shop-1\.0\.0\.tar\.gz does not match SHA256SUMS: the file is sha256:[0-9a-f]{64}, SHA256SUMS says sha256:[0-9a-f]{64}/,
  },
  {
    name: "tampered archive without checksums",
    action: "verify",
    setup: async (w) => {
      const { checksums: _, ...files } = await built(w);
      const bytes = readFileSync(files.archive);
      bytes[bytes.length - 20]! ^= 0xff;
      writeFileSync(files.archive, bytes);
      return files;
    },
    error:
      /does not match its manifest: the file is sha256:[0-9a-f]{64} .*the manifest says sha256:/,
  },
  {
    name: "tampered manifest",
    action: "verify",
    setup: async (w) => {
      const { checksums: _, ...files } = await built(w);
      const manifest = JSON.parse(readFileSync(files.manifest, "utf8"));
      manifest.files[0].digest = `sha256:${"0".repeat(64)}`;
      writeFileSync(files.manifest, JSON.stringify(manifest));
      return files;
    },
    error: /content has digest sha256:[0-9a-f]{64} but the manifest says sha256:0{64}/,
  },
  {
    name: "tampered checksums",
    action: "verify",
    setup: async (w) => {
      const files = await built(w);
      writeFileSync(
        files.checksums,
        readFileSync(files.checksums, "utf8").replace(/^[0-9a-f]/, (c) => (c === "0" ? "1" : "0")),
      );
      return files;
    },
    error: /does not match SHA256SUMS/,
  },
  {
    name: "checksums that do not cover the archive",
    action: "verify",
    setup: async (w) => {
      const files = await built(w);
      writeFileSync(
        files.checksums,
        readFileSync(files.checksums, "utf8")
          .split("\n")
          .filter((l) => !l.endsWith(".tar.gz"))
          .join("\n"),
      );
      return files;
    },
    error: /has no line for shop-1\.0\.0\.tar\.gz/,
  },
  {
    name: "manifest that is not JSON",
    action: "verify",
    setup: (w) => {
      writeFileSync(join(w, "a.tar.gz"), "x");
      writeFileSync(join(w, "m.json"), "{nope");
      return { archive: "a.tar.gz", manifest: "m.json" };
    },
    error: /m\.json: is not valid JSON/,
  },
  {
    name: "oversized manifest",
    action: "verify",
    setup: (w) => {
      writeFileSync(join(w, "a.tar.gz"), "x");
      writeFileSync(join(w, "m.json"), Buffer.alloc(17 * 1024 * 1024, 0x20));
      return { archive: "a.tar.gz", manifest: "m.json" };
    },
    error: /oversized manifest/,
  },
  {
    name: "archive over max-size",
    action: "verify",
    setup: async (w) => ({ ...(await built(w)), "max-size": "100" }),
    error: /over max-size/,
  },
  {
    name: "required file missing",
    action: "verify",
    setup: async (w) => ({ ...(await built(w)), "require-files": "app/index.js, app/missing.js" }),
    error: /lacks required files: app\/missing\.js/,
  },
  // --- verify: hostile archives ---
  {
    name: "entry with ../",
    action: "verify",
    setup: (w) =>
      crafted(w, [ok, { path: `../${ESCAPE}`, content: "evil" }], [listed("ok.txt", "fine")]),
    error: /\.\. segments/,
  },
  {
    name: "absolute entry",
    action: "verify",
    setup: (w) =>
      crafted(w, [{ path: `/tmp/${ESCAPE}`, content: "evil" }], [listed("ok.txt", "fine")]),
    error: /must be relative/,
  },
  {
    name: "symlink escaping the directory",
    action: "verify",
    setup: (w) =>
      crafted(
        w,
        [
          { path: "link", type: "2", linkname: "/tmp" },
          { path: `link/${ESCAPE}`, content: "evil" },
        ],
        [listed("ok.txt", "fine")],
      ),
    error: /symbolic links are refused/,
  },
  {
    name: "hard link",
    action: "verify",
    setup: (w) =>
      crafted(
        w,
        [ok, { path: "hard", type: "1", linkname: "/etc/passwd" }],
        [listed("ok.txt", "fine")],
      ),
    error: /hard links are refused/,
  },
  {
    name: "device file",
    action: "verify",
    setup: (w) => crafted(w, [{ path: "dev", type: "3" }], [listed("ok.txt", "fine")]),
    error: /device files are refused/,
  },
  {
    name: "duplicate entry",
    action: "verify",
    setup: (w) => crafted(w, [ok, { path: "ok.txt", content: "fine" }], [listed("ok.txt", "fine")]),
    error: /appears twice/,
  },
  {
    name: "entry the manifest does not list",
    action: "verify",
    setup: (w) =>
      crafted(w, [ok, { path: "extra.sh", content: "evil" }], [listed("ok.txt", "fine")]),
    error: /not listed in the manifest/,
  },
  {
    name: "listed file missing from the archive",
    action: "verify",
    setup: (w) => crafted(w, [ok], [listed("gone.txt", "x"), listed("ok.txt", "fine")]),
    error: /gone\.txt/,
  },
];

function allPaths(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: "utf8" });
}

describe("bad inputs", () => {
  it("has at least 25 cases", () => {
    expect(cases.length).toBeGreaterThanOrEqual(25);
  });

  it.each(cases)("$action: $name", async (badCase) => {
    const jail = tempDir("fd-jail-");
    const workspace = join(jail, "workspace");
    const scratch = join(jail, "tmp");
    mkdirSync(workspace);
    mkdirSync(scratch);
    const inputs = await badCase.setup(workspace);
    const before = new Set(allPaths(jail));
    const result = await github.run({
      action: badCase.action,
      workspace,
      inputs,
      // Extraction happens under TMPDIR: keep it inside the jail to see every write.
      env: { TMPDIR: scratch },
      github: { ref: badCase.ref ?? tagged },
    });
    expect(result.exitCode).not.toBe(0);
    const errors = result.annotations.filter((a) => a.level === "error");
    expect(errors, result.stdout).toHaveLength(1);
    expect(errors[0]!.message).toMatch(badCase.error);
    // Nothing new outside the workspace, and the scratch space is left clean.
    const added = allPaths(jail).filter((p) => !before.has(p) && !p.startsWith("workspace"));
    expect(added).toEqual([]);
    expect(allPaths(jail).some((p) => p.includes(ESCAPE))).toBe(false);
    // An escaping entry would land next to the extraction directory or at /tmp itself.
    expect(readdirSync("/tmp").some((p) => p.includes(ESCAPE))).toBe(false);
  });
});
