import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { chmodSync, readFileSync, utimesSync } from "node:fs";
import { join } from "node:path";
import { DefaultArtifactClient } from "@actions/artifact";
import { type LocalGitHub, startLocalGitHub } from "@fastdeploy/sandbox";
import semver from "semver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SAMPLE_FILES, tempDir, writeTree } from "./support/tree.js";

let github: LocalGitHub;
beforeAll(async () => {
  github = await startLocalGitHub({ artifacts: true });
});
afterAll(async () => {
  github.sandbox.assertNoViolations();
  await github.close();
});

const sha256 = (path: string) => createHash("sha256").update(readFileSync(path)).digest("hex");
const tagRef = (tag: string) => ({ ref: `refs/tags/${tag}`, sha: github.sha });

describe("actions/build", () => {
  it("packs a tag build into a reproducible archive that GNU tar and sha256sum accept", async () => {
    const workspace = writeTree(tempDir());
    const first = await github.run({
      action: "build",
      workspace,
      inputs: { path: "app", name: "shop", upload: "false", "output-dir": "out1" },
      github: tagRef("v1.4.2"),
    });
    expect(first.annotations).toEqual([]);
    expect(first.exitCode).toBe(0);
    expect(first.outputs.version).toBe("1.4.2");
    expect(first.outputs.archive).toBe(join(workspace, "out1/shop-1.4.2.tar.gz"));
    expect(first.outputs["artifact-id"]).toBe("");

    const listing = execFileSync("tar", ["-tzf", first.outputs.archive!], { encoding: "utf8" });
    expect(listing.trim().split("\n").sort()).toEqual(Object.keys(SAMPLE_FILES).sort());
    execFileSync("sha256sum", ["-c", "SHA256SUMS"], { cwd: join(workspace, "out1") });
    const manifest = JSON.parse(readFileSync(first.outputs.manifest!, "utf8"));
    for (const file of manifest.files) {
      expect(file.digest).toBe(`sha256:${sha256(join(workspace, file.path))}`);
    }
    expect(manifest.files.find((f: { path: string }) => f.path === "app/bin/start.sh").mode).toBe(
      "0755",
    );
    expect(first.outputs.digest).toBe(`sha256:${sha256(first.outputs.archive!)}`);
    expect(first.summary).toContain("shop 1.4.2");

    // Same tree, other mtimes and permissions on disk: byte-identical archive.
    for (const path of Object.keys(SAMPLE_FILES)) {
      utimesSync(join(workspace, path), new Date(2001, 1, 1), new Date(2001, 1, 1));
    }
    chmodSync(join(workspace, "app/index.js"), 0o600);
    const second = await github.run({
      action: "build",
      workspace,
      inputs: { path: "app", name: "shop", upload: "false", "output-dir": "out2" },
      github: tagRef("v1.4.2"),
    });
    expect(second.exitCode).toBe(0);
    expect(second.outputs.digest).toBe(first.outputs.digest);
    expect(readFileSync(second.outputs.archive!).equals(readFileSync(first.outputs.archive!))).toBe(
      true,
    );
  });

  it("gives a branch build a SemVer prerelease holding the short SHA", async () => {
    const workspace = writeTree(tempDir());
    const result = await github.run({
      action: "build",
      workspace,
      inputs: { path: "app/**/*.txt, app/index.js", upload: "false" },
      github: { ref: "refs/heads/main", sha: github.sha, runNumber: 12 },
    });
    expect(result.exitCode).toBe(0);
    const version = result.outputs.version!;
    expect(semver.valid(version)).toBe(version);
    expect(semver.prerelease(version)?.join(".")).toContain(github.sha.slice(0, 7));
    // The name defaults to the repository's.
    expect(result.outputs.archive).toContain(`shop-${version}.tar.gz`);
  });

  it("runs the build command first, streaming its output, and packs what it made", async () => {
    const workspace = tempDir();
    const result = await github.run({
      action: "build",
      workspace,
      inputs: {
        command:
          'mkdir -p dist && echo "built $FASTDEPLOY_VERSION" > dist/out.txt && echo BUILD-LINE',
        path: "dist",
        upload: "false",
      },
      github: tagRef("v2.0.0"),
    });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain("BUILD-LINE");
    expect(result.stdout).toContain("::group::Build:");
    const manifest = JSON.parse(readFileSync(result.outputs.manifest!, "utf8"));
    expect(manifest.files.map((f: { path: string }) => f.path)).toEqual(["dist/out.txt"]);
    expect(readFileSync(join(workspace, "dist/out.txt"), "utf8")).toBe("built 2.0.0\n");
  });

  it("uploads the archive, manifest and SHA256SUMS as a workflow artifact that downloads back identical", async () => {
    const workspace = writeTree(tempDir());
    const result = await github.run({
      action: "build",
      workspace,
      inputs: { path: "app", name: "shop" },
      github: tagRef("v1.5.0"),
    });
    expect(result.exitCode).toBe(0);
    expect(Number(result.outputs["artifact-id"])).toBeGreaterThan(0);

    Object.assign(process.env, github.artifacts!.env());
    const client = new DefaultArtifactClient();
    const { artifact } = await client.getArtifact("shop-1.5.0");
    expect(artifact.id).toBe(Number(result.outputs["artifact-id"]));
    const dest = tempDir();
    await client.downloadArtifact(artifact.id, { path: dest });
    for (const output of ["archive", "manifest", "checksums"]) {
      const local = result.outputs[output]!;
      const downloaded = join(dest, local.split("/").pop()!);
      expect(readFileSync(downloaded).equals(readFileSync(local))).toBe(true);
    }
  });
});

describe("actions/verify", () => {
  it("verifies local build outputs, checksums included", async () => {
    const workspace = writeTree(tempDir());
    const built = await github.run({
      action: "build",
      workspace,
      inputs: { path: "app", upload: "false" },
      github: tagRef("v3.1.0"),
    });
    const verified = await github.run({
      action: "verify",
      workspace,
      inputs: {
        archive: built.outputs.archive!,
        manifest: built.outputs.manifest!,
        checksums: built.outputs.checksums!,
        "require-files": "app/index.js\napp/bin/start.sh",
        "max-size": "1MB",
      },
    });
    expect(verified.annotations).toEqual([]);
    expect(verified.exitCode).toBe(0);
    expect(verified.outputs).toMatchObject({
      verified: "true",
      version: "3.1.0",
      digest: built.outputs.digest,
    });
    expect(verified.summary).toContain("SHA256SUMS, the manifest and every file");
  });
});
