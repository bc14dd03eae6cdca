// actions/publish end to end: the committed bundle dist/publish/index.js, started by the runner
// harness exactly as the Actions runner starts it, against the local GitHub.
import { createHash } from "node:crypto";
import { readFileSync, rmSync } from "node:fs";
import { join, relative } from "node:path";
import { DefaultArtifactClient } from "@actions/artifact";
import { build, quietLog } from "@fastdeploy/commands";
import { createGitHubClient, downloadReleaseAsset, type GitHubClient } from "@fastdeploy/github";
import { type LocalGitHub, startLocalGitHub } from "@fastdeploy/sandbox";
import semver from "semver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gitSlice } from "../packages/sandbox/src/rest/routes/git-model.js";
import { tempDir, writeTree } from "./support/tree.js";

let github: LocalGitHub;
let client: GitHubClient;
const temps: string[] = [];
/** A temp directory removed when the file's tests end. */
const temp = (prefix: string) => {
  const dir = tempDir(prefix);
  temps.push(dir);
  return dir;
};
const [owner, repo] = ["acme", "shop"];
const UPLOAD = "/repos/{owner}/{repo}/releases/{release_id}/assets";

beforeAll(async () => {
  github = await startLocalGitHub({ artifacts: true });
  client = createGitHubClient({ token: github.token, apiUrl: github.sandbox.apiUrl });
});
afterAll(async () => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
  github.sandbox.assertNoViolations();
  await github.close();
});

const sha256 = (path: string) =>
  `sha256:${createHash("sha256").update(readFileSync(path)).digest("hex")}`;

interface Built {
  workspace: string;
  inputs: { archive: string; manifest: string; checksums: string };
  paths: { archive: string; manifest: string; checksums: string };
}

/** The build command's outputs in a fresh workspace; inputs are workspace-relative paths. */
async function buildVersion(version: string, content = "v1"): Promise<Built> {
  const workspace = writeTree(temp("fd-publish-"), {
    "app/index.js": `console.log(${JSON.stringify(content)});\n`,
    "app/static/logo.bin": Buffer.alloc(64 * 1024, content.length),
  });
  const result = await build(
    {
      workspace,
      workingDirectory: ".",
      paths: ["app"],
      name: "shop",
      version,
      outputDir: "out",
      upload: false,
      source: { repository: github.repository, commit: github.sha, ref: `refs/tags/v${version}` },
      run: { id: 1000, attempt: 1, number: 1, workflow: "Release", url: "" },
      builderVersion: "test",
      now: new Date(),
    },
    { log: quietLog },
  );
  const paths = { archive: result.archive, manifest: result.manifest, checksums: result.checksums };
  const inputs = {
    archive: relative(workspace, paths.archive),
    manifest: relative(workspace, paths.manifest),
    checksums: relative(workspace, paths.checksums),
  };
  return { workspace, inputs, paths };
}

const publishRun = (built: Built, inputs: Record<string, string> = {}) =>
  github.run({
    action: "publish",
    workspace: built.workspace,
    inputs: { ...built.inputs, ...inputs },
  });

type Run = Awaited<ReturnType<typeof publishRun>>;
const errors = (run: Run) =>
  run.annotations.filter((a) => a.level === "error").map((a) => a.message);

async function releaseByTag(tag: string) {
  return (await client.rest.repos.getReleaseByTag({ owner, repo, tag })).data;
}

describe("actions/publish", () => {
  it("publishes a release whose assets are byte-identical to the build outputs", async () => {
    const built = await buildVersion("1.0.0");
    github.sandbox.log.clear();
    const run = await publishRun(built);
    expect(errors(run)).toEqual([]);
    expect(run.exitCode).toBe(0);
    // A fresh publish of three assets costs at most 10 requests.
    expect(github.sandbox.requestCount()).toBeLessThanOrEqual(10);

    const release = await releaseByTag("v1.0.0");
    expect(run.outputs).toMatchObject({
      status: "published",
      tag: "v1.0.0",
      "release-id": String(release.id),
      "release-url": release.html_url,
    });
    expect(release).toMatchObject({ draft: false, prerelease: false, name: "v1.0.0" });
    const assets = JSON.parse(run.outputs.assets!) as {
      name: string;
      size: number;
      digest: string;
      url: string;
    }[];
    const files = [built.paths.archive, built.paths.manifest, built.paths.checksums];
    expect(assets).toEqual(
      files.map((path, i) => ({
        name: i === 2 ? "SHA256SUMS" : path.split("/").pop(),
        size: readFileSync(path).length,
        digest: sha256(path),
        url: release.assets.find((a) => a.name === (i === 2 ? "SHA256SUMS" : path.split("/").pop()))
          ?.browser_download_url,
      })),
    );
    // The tag was created at the manifest's commit when the draft was published.
    expect(gitSlice(github.sandbox.repo(github.repository)).refs["refs/tags/v1.0.0"]).toBe(
      github.sha,
    );
    expect(run.summary).toContain(`href="${release.html_url}"`);
    for (const asset of assets) {
      expect(run.summary).toContain(asset.name);
      expect(run.summary).toContain(asset.digest);
    }

    // Byte-identical through the API, both when GitHub redirects to a CDN and when it streams.
    for (const mode of ["302", "200"] as const) {
      github.sandbox.options.assetDownload = mode;
      for (const [i, path] of files.entries()) {
        const asset = release.assets.find((a) => a.name === assets[i]!.name)!;
        const dest = join(temp("fd-download-"), asset.name);
        await downloadReleaseAsset(
          client,
          { owner, repo, assetId: asset.id, name: asset.name },
          dest,
        );
        expect(readFileSync(dest).equals(readFileSync(path))).toBe(true);
      }
    }
    github.sandbox.options.assetDownload = "302";

    // A re-run of the same content: already_published and not one write.
    github.sandbox.log.clear();
    const again = await publishRun(built);
    expect(again.exitCode).toBe(0);
    expect(again.outputs).toMatchObject({
      status: "already_published",
      "release-id": String(release.id),
      "release-url": release.html_url,
      tag: "v1.0.0",
      assets: run.outputs.assets,
    });
    expect(github.sandbox.writes()).toEqual([]);
  });

  it("ends two publishers started together with one release, each succeeding", async () => {
    const built = await buildVersion("1.1.0");
    const runs = await Promise.all([publishRun(built), publishRun(built)]);
    for (const run of runs) expect(errors(run)).toEqual([]);
    expect(runs.map((r) => r.exitCode)).toEqual([0, 0]);
    // The first to publish won. Either the other had drafted apart and removed its own draft
    // (already_published), or it found the first one's draft (a draft is reused, as one left
    // by a crashed run is) and published that very draft in the same moment: GitHub answers
    // both edits alike, so neither can tell it came second, and both say published.
    const statuses = runs.map((r) => r.outputs.status).sort();
    expect([
      ["already_published", "published"],
      ["published", "published"],
    ]).toContainEqual(statuses);
    expect(new Set(runs.map((r) => r.outputs["release-id"])).size).toBe(1);
    const { data: all } = await client.rest.repos.listReleases({ owner, repo, per_page: 100 });
    const mine = all.filter((r) => r.tag_name === "v1.1.0");
    expect(mine.map((r) => ({ draft: r.draft, assets: r.assets.length }))).toEqual([
      { draft: false, assets: 3 },
    ]);
  });

  it("recovers from a failure after the first asset upload on a re-run", async () => {
    const built = await buildVersion("1.2.0");
    github.sandbox.injectFault({
      method: "POST",
      route: UPLOAD,
      kind: "status",
      status: 500,
      after: 1,
      times: Number.POSITIVE_INFINITY,
    });
    const failed = await publishRun(built);
    github.sandbox.faults.clear();
    expect(failed.exitCode).not.toBe(0);
    expect(errors(failed).join("\n")).toMatch(/500|Server Error/);
    await expect(releaseByTag("v1.2.0")).rejects.toMatchObject({ status: 404 });

    github.sandbox.injectFault({ method: "POST", route: UPLOAD, kind: "drop", after: 1 });
    const dropped = await publishRun(built, {});
    github.sandbox.faults.clear();
    expect(dropped.exitCode).toBe(0);
    const release = await releaseByTag("v1.2.0");
    expect(release.assets.map((a) => [a.name, a.state]).sort()).toEqual([
      ["SHA256SUMS", "uploaded"],
      ["shop-1.2.0.manifest.json", "uploaded"],
      ["shop-1.2.0.tar.gz", "uploaded"],
    ]);
    expect(release.assets.find((a) => a.name === "shop-1.2.0.tar.gz")?.digest).toBe(
      sha256(built.paths.archive),
    );
    const { data: all } = await client.rest.repos.listReleases({ owner, repo, per_page: 100 });
    expect(all.filter((r) => r.tag_name === "v1.2.0")).toHaveLength(1);
  });

  it("fails on a different archive for a published version and leaves the release alone", async () => {
    const original = await buildVersion("1.3.0", "first");
    expect((await publishRun(original)).exitCode).toBe(0);
    const before = await releaseByTag("v1.3.0");
    const other = await buildVersion("1.3.0", "second");
    github.sandbox.log.clear();
    const run = await publishRun(other);
    expect(run.exitCode).not.toBe(0);
    const [message] = errors(run);
    expect(message).toContain("shop-1.3.0.tar.gz");
    expect(message).toContain(sha256(original.paths.archive));
    expect(message).toContain(sha256(other.paths.archive));
    expect(github.sandbox.writes()).toEqual([]);
    expect(await releaseByTag("v1.3.0")).toEqual(before);
  });

  it("publishes through 502s and a 403 secondary rate limit", async () => {
    const built = await buildVersion("1.4.0");
    github.sandbox.injectFault({ route: "repos/list-releases", kind: "status", status: 502 });
    github.sandbox.injectFault({ route: "repos/create-release", kind: "status", status: 502 });
    github.sandbox.injectFault({ method: "POST", route: UPLOAD, kind: "status", status: 502 });
    github.sandbox.injectFault({
      method: "POST",
      route: UPLOAD,
      kind: "secondary-rate-limit",
      after: 1,
    });
    github.sandbox.injectFault({ route: "repos/update-release", kind: "secondary-rate-limit" });
    const run = await publishRun(built);
    expect(github.sandbox.faults.pending()).toEqual([]);
    github.sandbox.faults.clear();
    expect(errors(run)).toEqual([]);
    expect(run.exitCode).toBe(0);
    expect(run.outputs.status).toBe("published");
    expect(
      run.annotations.some((a) => a.level === "warning" && /secondary rate/.test(a.message)),
    ).toBe(true);
    expect((await releaseByTag("v1.4.0")).assets).toHaveLength(3);
  });

  it("publishes from the workflow artifact build uploaded, with notes and make-latest", async () => {
    const built = await buildVersion("2.0.0");
    const artifacts = github.artifacts!;
    // What build's upload step does, from this process (its log muted).
    const saved = { ...process.env };
    const write = process.stdout.write;
    Object.assign(process.env, artifacts.env());
    process.stdout.write = () => true;
    try {
      await new DefaultArtifactClient().uploadArtifact(
        "shop-2.0.0",
        Object.values(built.paths),
        join(built.workspace, "out"),
      );
    } finally {
      process.stdout.write = write;
      process.env = saved;
    }
    const run = await github.run({
      action: "publish",
      workspace: temp("fd-publish-artifact-"),
      inputs: { artifact: "shop-2.0.0", notes: "auto", "make-latest": "true" },
    });
    expect(errors(run)).toEqual([]);
    expect(run.exitCode).toBe(0);
    expect(run.outputs.status).toBe("published");
    const latest = (await client.rest.repos.getLatestRelease({ owner, repo })).data;
    expect(latest.tag_name).toBe("v2.0.0");
    // Generated notes run from the previous release by SemVer (whichever earlier tests left).
    const { data: all } = await client.rest.repos.listReleases({ owner, repo, per_page: 100 });
    const previous = all
      .filter((r) => !r.draft && r.tag_name !== "v2.0.0")
      .map((r) => r.tag_name)
      .sort((a, b) => semver.rcompare(a.slice(1), b.slice(1)))[0];
    expect(latest.body).toContain(previous ? `${previous}...v2.0.0` : "/commits/v2.0.0");
  });

  it("refuses conflicting inputs with one clear message", async () => {
    const built = await buildVersion("3.0.0");
    const run = await publishRun(built, { artifact: "shop-3.0.0" });
    expect(run.exitCode).not.toBe(0);
    expect(errors(run)).toEqual([expect.stringMatching(/either "artifact" or "archive"/)]);
  });
});
