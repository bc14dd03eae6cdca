// Builds a version with the real build command and publishes it to the local GitHub as a
// FastDeploy release (tag, archive, manifest, SHA256SUMS), for tests of the actions that
// consume releases: distribute, rollback, status, verify.
import { execFileSync } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { build, quietLog } from "@fastdeploy/commands";
import { isPrerelease, type Manifest, tagForVersion } from "@fastdeploy/core";
import { createGitHubClient, type GitHubClient } from "@fastdeploy/github";
import { type LocalGitHub, releaseSlice } from "@fastdeploy/sandbox";
import { tempDir, writeTree } from "./tree.js";

export interface PublishVersionOptions {
  version: string;
  /** The artifact's files (path → content); default a small service with a deploy script. */
  files?: Record<string, string | Buffer>;
  /** Artifact name; default `shop`. */
  name?: string;
  /** The ref the build came from; default the release tag (what production requires). */
  ref?: string;
  /** The commit the release is tagged at; default the repository's head commit. */
  commit?: string;
  tagPrefix?: string;
  /**
   * A release that must fail verification:
   * - `archive`: the archive asset holds other bytes than the ones SHA256SUMS and the manifest
   *   list, as uploaded by a compromised or broken publisher;
   * - `blob`: published intact, then the stored bytes behind the archive asset change, as a
   *   storage or CDN fault would;
   * - `substituted`: the archive asset is another valid archive (other files), so its entries
   *   fail the manifest as they are extracted, before its digest is known;
   * - `checksums`: SHA256SUMS names another digest for the archive than the manifest does;
   * - `repacked`: the same files packed again by GNU tar, so every entry matches the manifest
   *   and the archive extracts whole before its digest shows the mismatch.
   */
  tamper?: "archive" | "blob" | "substituted" | "checksums" | "repacked";
}

export interface PublishedVersion {
  version: string;
  tag: string;
  releaseId: number;
  releaseUrl: string;
  /** `sha256:<hex>` of the archive as built (what the manifest and SHA256SUMS say). */
  digest: string;
  manifest: Manifest;
  commit: string;
}

/** A tiny service: deploy commands can read VERSION and run bin/deploy.sh from the artifact. */
export function serviceFiles(version: string): Record<string, string | Buffer> {
  return {
    "app/VERSION": `${version}\n`,
    "app/index.js": `console.log("shop ${version}");\n`,
    "app/bin/deploy.sh": '#!/bin/sh\necho "deploying $(cat VERSION) to $FASTDEPLOY_TARGET"\n',
  };
}

export function sandboxClient(github: LocalGitHub): GitHubClient {
  return createGitHubClient({
    token: github.token,
    apiUrl: github.sandbox.apiUrl,
    writeIntervalMs: 0,
    retryBaseMs: 10,
  });
}

/** Builds the version with the real build command into a fresh workspace (`.out/`). */
async function buildArchive(github: LocalGitHub, options: PublishVersionOptions) {
  const tag = tagForVersion(options.version, options.tagPrefix ?? "v");
  const files = options.files ?? serviceFiles(options.version);
  const workspace = writeTree(tempDir("fd-release-"), files);
  const built = await build(
    {
      workspace,
      workingDirectory: ".",
      paths: [...new Set(Object.keys(files).map((path) => path.split("/")[0]!))],
      name: options.name ?? "shop",
      version: options.version,
      outputDir: ".out",
      upload: false,
      source: {
        repository: github.repository,
        commit: options.commit ?? github.sha,
        ref: options.ref ?? `refs/tags/${tag}`,
      },
      run: { id: 1, attempt: 1, number: 1, workflow: "Release", url: "" },
      builderVersion: "test",
      now: new Date(),
    },
    { log: quietLog },
  );
  return { ...built, workspace };
}

export async function publishVersion(
  github: LocalGitHub,
  options: PublishVersionOptions,
): Promise<PublishedVersion> {
  const { version } = options;
  const tag = tagForVersion(version, options.tagPrefix ?? "v");
  const commit = options.commit ?? github.sha;
  const built = await buildArchive(github, options);
  const workspaces = [built.workspace];
  try {
    if (options.tamper === "archive") {
      const bytes = readFileSync(built.archive);
      bytes.writeUInt8(bytes.readUInt8(bytes.length - 1) ^ 0xff, bytes.length - 1);
      writeFileSync(built.archive, bytes);
    }
    if (options.tamper === "substituted") {
      const other = await buildArchive(github, { ...options, files: { "app/other.js": "evil\n" } });
      workspaces.push(other.workspace);
      writeFileSync(built.archive, readFileSync(other.archive));
    }
    if (options.tamper === "repacked") {
      const paths = (JSON.parse(readFileSync(built.manifest, "utf8")) as Manifest).files.map(
        (f) => f.path,
      );
      execFileSync("tar", ["-czf", built.archive, "-C", built.workspace, ...paths]);
    }
    if (options.tamper === "checksums") {
      const sums = readFileSync(built.checksums, "utf8");
      const hex = built.digest.slice("sha256:".length);
      writeFileSync(built.checksums, sums.replace(hex, "0".repeat(64)));
    }

    const client = sandboxClient(github);
    const [owner, repo] = github.repository.split("/") as [string, string];
    const { data: draft } = await client.rest.repos.createRelease({
      owner,
      repo,
      tag_name: tag,
      target_commitish: commit,
      name: tag,
      draft: true,
      prerelease: isPrerelease(version),
    });
    for (const path of [built.archive, built.manifest, built.checksums]) {
      const data = readFileSync(path);
      await client.request({
        method: "POST",
        url: draft.upload_url,
        name: basename(path),
        data,
        headers: { "content-type": "application/octet-stream", "content-length": data.length },
      });
    }
    const { data: release } = await client.rest.repos.updateRelease({
      owner,
      repo,
      release_id: draft.id,
      draft: false,
    });
    if (options.tamper === "blob") corruptStoredAsset(github, release.id, basename(built.archive));
    return {
      version,
      tag,
      releaseId: release.id,
      releaseUrl: release.html_url,
      digest: built.digest,
      manifest: JSON.parse(readFileSync(built.manifest, "utf8")) as Manifest,
      commit,
    };
  } finally {
    for (const dir of workspaces) rmSync(dir, { recursive: true, force: true });
  }
}

/** Flips one byte of an uploaded asset in the sandbox's blob store; GitHub's records stay. */
export function corruptStoredAsset(github: LocalGitHub, releaseId: number, name: string): void {
  const asset = releaseSlice(github.sandbox.repo(github.repository)).assets.find(
    (a) => a.release_id === releaseId && a.name === name,
  );
  if (!asset) throw new Error(`release ${releaseId} has no asset ${name}`);
  const path = join(github.sandbox.blobDir, asset.blob);
  const bytes = readFileSync(path);
  const middle = Math.floor(bytes.length / 2);
  bytes.writeUInt8(bytes.readUInt8(middle) ^ 0xff, middle);
  writeFileSync(path, bytes);
}
