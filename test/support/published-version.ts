import { readFileSync, rmSync } from "node:fs";
import { basename } from "node:path";
import { build, quietLog } from "@fastdeploy/commands";
import { createGitHubClient, type GitHubClient } from "@fastdeploy/github";
import type { LocalGitHub } from "@fastdeploy/sandbox";
import { tempDir, writeTree } from "./tree.js";

/**
 * Publishes a version the way actions/publish leaves it (tag at the manifest's commit, a
 * published release with archive, manifest and SHA256SUMS) through the REST API, without
 * depending on the publish command. For approve, status and rollback tests; replace with
 * release-fixture's `publishVersion` once it lands.
 */
export interface PublishedVersion {
  version: string;
  tag: string;
  commit: string;
  digest: string;
  releaseId: number;
}

export function testClient(github: LocalGitHub): GitHubClient {
  return createGitHubClient({
    token: github.token,
    apiUrl: github.sandbox.apiUrl,
    writeIntervalMs: 0,
    retryBaseMs: 5,
  });
}

export async function publishTestVersion(
  github: LocalGitHub,
  spec: { version: string; commit?: string; makeLatest?: boolean },
): Promise<PublishedVersion> {
  const [owner = "", repo = ""] = github.repository.split("/");
  const commit =
    spec.commit ??
    github.sandbox.seedCommit(github.repository, { message: `Release ${spec.version}` });
  const tag = `v${spec.version}`;
  const workspace = writeTree(tempDir("fd-publish-"), {
    "app/index.js": `console.log("shop ${spec.version}");\n`,
    "app/VERSION": `${spec.version}\n`,
  });
  try {
    const built = await build(
      {
        workspace,
        workingDirectory: ".",
        paths: ["app"],
        name: "shop",
        version: spec.version,
        outputDir: "out",
        upload: false,
        source: { repository: github.repository, commit, ref: `refs/tags/${tag}` },
        run: { id: 1, attempt: 1, number: 1, workflow: "Release", url: "" },
        builderVersion: "test",
        now: new Date(),
      },
      { log: quietLog },
    );
    const client = testClient(github);
    await client.rest.git.createRef({ owner, repo, ref: `refs/tags/${tag}`, sha: commit });
    const { data: release } = await client.rest.repos.createRelease({
      owner,
      repo,
      tag_name: tag,
      target_commitish: commit,
      draft: true,
      make_latest: "false",
    });
    const uploads = new URL(release.upload_url.replace(/\{.*\}$/, "")).origin;
    for (const path of [built.archive, built.manifest, built.checksums]) {
      const data = readFileSync(path);
      await client.rest.repos.uploadReleaseAsset({
        owner,
        repo,
        release_id: release.id,
        name: basename(path),
        data: data as unknown as string,
        baseUrl: uploads,
        headers: {
          "content-type": path.endsWith(".json") ? "application/json" : "application/octet-stream",
          "content-length": data.length,
        },
      });
    }
    await client.rest.repos.updateRelease({
      owner,
      repo,
      release_id: release.id,
      draft: false,
      make_latest: spec.makeLatest ? "true" : "false",
    });
    return { version: spec.version, tag, commit, digest: built.digest, releaseId: release.id };
  } finally {
    rmSync(workspace, { recursive: true, force: true });
  }
}
