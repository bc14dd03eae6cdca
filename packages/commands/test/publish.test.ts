import { createHash } from "node:crypto";
import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ChecksumError } from "@fastdeploy/artifact";
import {
  downloadReleaseAsset,
  ReleaseStore,
  TagMismatchError,
  uploadReleaseAsset,
} from "@fastdeploy/github";
import { describe, expect, it } from "vitest";
import { interruptedUpload } from "../../github/test/release-fixture.js";
import { releaseSlice } from "../../sandbox/src/rest/index.js";
import { gitSlice } from "../../sandbox/src/rest/routes/git-model.js";
import { PublishError, publish, ReleaseContentError } from "../src/publish.js";
import { PublishFilesError } from "../src/publish-files.js";
import {
  buildFiles,
  clientFor,
  FULL_NAME,
  memoryLog,
  REPO,
  runPublish,
  usePublishSandbox,
} from "./publish-fixture.js";

const UPLOAD = "/repos/{owner}/{repo}/releases/{release_id}/assets";
const sha256Of = (path: string) =>
  `sha256:${createHash("sha256").update(readFileSync(path)).digest("hex")}`;

describe("publish", () => {
  const f = usePublishSandbox();
  const store = () => new ReleaseStore(f.client, REPO);
  const tagCommit = (tag: string) => gitSlice(f.sandbox.repo(FULL_NAME)).refs[`refs/tags/${tag}`];

  it("publishes three assets in at most 10 requests, draft first and published last", async () => {
    const files = await buildFiles(f.dir, { version: "1.0.0", commit: f.sha });
    const { result, lines } = await runPublish(f.sandbox, files);
    expect(result).toMatchObject({
      status: "published",
      version: "1.0.0",
      tag: "v1.0.0",
      commit: f.sha,
      prerelease: false,
    });
    expect(result.assets.map((a) => a.name)).toEqual([
      "shop-1.0.0.tar.gz",
      "shop-1.0.0.manifest.json",
      "SHA256SUMS",
    ]);
    expect(result.assets[0]?.digest).toBe(files.digest);
    expect(result.requests).toBeLessThanOrEqual(10);
    expect(f.sandbox.requestCount()).toBe(result.requests);
    // The release became visible only once complete: created as a draft, published by PATCH.
    const writes = f.sandbox.writes().map((w) => `${w.method} ${w.route}`);
    expect(writes[0]).toBe("POST /repos/{owner}/{repo}/releases");
    expect(writes.at(-1)).toBe("PATCH /repos/{owner}/{repo}/releases/{release_id}");
    expect(tagCommit("v1.0.0")).toBe(f.sha);
    expect(lines.join("\n")).toContain("Created draft");

    const release = await store().getByTag("v1.0.0");
    expect(release?.id).toBe(result.releaseId);
    for (const [asset, path] of [
      [result.assets[0]!, files.archive],
      [result.assets[1]!, files.manifest],
      [result.assets[2]!, files.checksums],
    ] as const) {
      const onRelease = release!.assets.find((a) => a.name === asset.name)!;
      const downloaded = await downloadReleaseAsset(
        f.client,
        { ...REPO, assetId: onRelease.id, name: asset.name },
        join(f.dir, `dl-${asset.name}`),
      );
      expect(readFileSync(downloaded.path).equals(readFileSync(path))).toBe(true);
      expect(asset.url).toBe(onRelease.url);
    }
  });

  it("reports already_published on a re-run without a single write", async () => {
    const files = await buildFiles(f.dir, { version: "1.0.0", commit: f.sha });
    const first = await runPublish(f.sandbox, files);
    f.sandbox.log.clear();
    const again = await runPublish(f.sandbox, files);
    expect(again.result).toMatchObject({
      status: "already_published",
      releaseId: first.result.releaseId,
      releaseUrl: first.result.releaseUrl,
    });
    expect(again.result.assets).toEqual(first.result.assets);
    expect(f.sandbox.writes()).toEqual([]);
    expect(again.result.requests).toBeLessThanOrEqual(3);
  });

  it("refuses different content for a published version and changes nothing", async () => {
    const original = await buildFiles(f.dir, { version: "1.0.0", commit: f.sha, content: "a" });
    await runPublish(f.sandbox, original);
    const other = await buildFiles(f.dir, { version: "1.0.0", commit: f.sha, content: "b" });
    f.sandbox.log.clear();
    const error = await runPublish(f.sandbox, other).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReleaseContentError);
    const message = (error as Error).message;
    expect(message).toContain("shop-1.0.0.tar.gz");
    expect(message).toContain(original.digest);
    expect(message).toContain(other.digest);
    expect(f.sandbox.writes()).toEqual([]);
    const release = await store().getByTag("v1.0.0");
    expect(release?.assets.find((a) => a.name === "shop-1.0.0.tar.gz")?.digest).toBe(
      original.digest,
    );
  });

  it("refuses a tag that points at another commit, naming both, before any write", async () => {
    const other = f.sandbox.seedCommit(FULL_NAME, { message: "Something else" });
    gitSlice(f.sandbox.repo(FULL_NAME)).refs["refs/tags/v1.0.0"] = other;
    const files = await buildFiles(f.dir, { version: "1.0.0", commit: f.sha });
    const error = await runPublish(f.sandbox, files).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TagMismatchError);
    expect((error as Error).message).toContain(other);
    expect((error as Error).message).toContain(f.sha);
    expect(f.sandbox.writes()).toEqual([]);
  });

  it("accepts an existing annotated tag at the manifest's commit", async () => {
    const tag = await f.client.rest.git.createTag({
      ...REPO,
      tag: "v1.0.0",
      message: "1.0.0",
      object: f.sha,
      type: "commit",
    });
    await f.client.rest.git.createRef({ ...REPO, ref: "refs/tags/v1.0.0", sha: tag.data.sha });
    const files = await buildFiles(f.dir, { version: "1.0.0", commit: f.sha });
    const { result } = await runPublish(f.sandbox, files);
    expect(result.status).toBe("published");
    expect(tagCommit("v1.0.0")).toBe(tag.data.sha);
  });

  it("completes a crashed run's draft: keeps good assets, replaces partial and foreign ones", async () => {
    const files = await buildFiles(f.dir, { version: "1.0.0", commit: f.sha });
    const draft = await store().createDraft({ tag: "v1.0.0", target: f.sha, prerelease: false });
    const archive = await uploadReleaseAsset(f.client, REPO, draft, {
      path: files.archive,
      name: "shop-1.0.0.tar.gz",
      size: readFileSync(files.archive).length,
      digest: files.digest,
      contentType: "application/gzip",
    });
    await interruptedUpload(draft.uploadUrl, "shop-1.0.0.manifest.json");
    const wrong = join(f.dir, "SHA256SUMS.wrong");
    writeFileSync(wrong, "not the checksums\n");
    await uploadReleaseAsset(f.client, REPO, draft, {
      path: wrong,
      name: "SHA256SUMS",
      size: 18,
      digest: sha256Of(wrong),
      contentType: "text/plain",
    });
    await f.client.request({
      method: "POST",
      url: draft.uploadUrl,
      name: "notes.txt",
      data: "stray",
      headers: { "content-type": "text/plain", "content-length": 5 },
    });
    f.sandbox.log.clear();

    const { result, lines } = await runPublish(f.sandbox, files);
    expect(result).toMatchObject({ status: "published", releaseId: draft.id });
    expect(lines.join("\n")).toContain(`Reusing draft ${draft.id}`);
    const release = await store().getByTag("v1.0.0");
    expect(release?.assets.map((a) => a.name).sort()).toEqual([
      "SHA256SUMS",
      "shop-1.0.0.manifest.json",
      "shop-1.0.0.tar.gz",
    ]);
    // The complete archive was kept, not sent again.
    expect(release?.assets.find((a) => a.name === "shop-1.0.0.tar.gz")?.id).toBe(archive.id);
    expect(f.sandbox.requestCount({ method: "POST", route: UPLOAD })).toBe(2);
    for (const asset of release!.assets) expect(asset.state).toBe("uploaded");
    expect(result.assets.map((a) => a.digest)).toEqual(
      [files.archive, files.manifest, files.checksums].map(sha256Of),
    );
  });

  it("fails after the first upload, then a re-run completes one release", async () => {
    const files = await buildFiles(f.dir, { version: "1.0.0", commit: f.sha });
    f.sandbox.injectFault({
      method: "POST",
      route: UPLOAD,
      kind: "status",
      status: 500,
      after: 1,
      times: Number.POSITIVE_INFINITY,
    });
    await expect(runPublish(f.sandbox, files)).rejects.toMatchObject({ status: 500 });
    const [draft] = (await store().find("v1.0.0")).drafts;
    // The three uploads run at once: whichever arrived first is the one kept.
    expect(draft?.assets).toHaveLength(1);
    expect(await store().getByTag("v1.0.0")).toBeUndefined();

    f.sandbox.faults.clear();
    f.sandbox.log.clear();
    const { result } = await runPublish(f.sandbox, files);
    expect(result).toMatchObject({ status: "published", releaseId: draft?.id });
    expect(f.sandbox.requestCount({ method: "POST", route: UPLOAD })).toBe(2);
    const { data: all } = await f.client.rest.repos.listReleases(REPO);
    expect(all).toHaveLength(1);
    expect(all[0]?.assets).toHaveLength(3);
  });

  it("survives 502s and a secondary rate limit on every kind of write", async () => {
    const warnings: string[] = [];
    const files = await buildFiles(f.dir, { version: "1.0.0", commit: f.sha });
    f.sandbox.injectFault({ route: "/repos/{owner}/{repo}/releases", kind: "status", status: 502 });
    f.sandbox.injectFault({ method: "POST", route: UPLOAD, kind: "status", status: 502, after: 1 });
    f.sandbox.injectFault({ method: "POST", route: UPLOAD, kind: "secondary-rate-limit" });
    f.sandbox.injectFault({
      method: "PATCH",
      route: "/repos/{owner}/{repo}/releases/{release_id}",
      kind: "secondary-rate-limit",
    });
    f.sandbox.injectFault({ method: "GET", route: "repos/get-release", kind: "status" });
    const { log } = memoryLog();
    const result = await publish(
      { repo: REPO, archive: files.archive, manifest: files.manifest, checksums: files.checksums },
      { github: clientFor(f.sandbox, warnings), log, tempDir: f.dir },
    );
    expect(result.status).toBe("published");
    expect(f.sandbox.faults.pending()).toEqual([]);
    expect(warnings.join("\n")).toMatch(/secondary rate limit/);
    const release = await store().getByTag("v1.0.0");
    expect(release?.assets.every((a) => a.state === "uploaded")).toBe(true);
    expect(release?.assets).toHaveLength(3);
  });

  it("lets two publishers of one version race: one release, both succeed", async () => {
    const files = await buildFiles(f.dir, { version: "1.0.0", commit: f.sha });
    // Both look up before either creates a draft, so both create and fill one.
    f.sandbox.injectFault({ method: "POST", route: UPLOAD, kind: "latency", ms: 100, times: 6 });
    const [a, b] = await Promise.all([runPublish(f.sandbox, files), runPublish(f.sandbox, files)]);
    const statuses = [a.result.status, b.result.status].sort();
    expect(statuses).toEqual(["already_published", "published"]);
    expect(a.result.releaseId).toBe(b.result.releaseId);
    const { data: all } = await f.client.rest.repos.listReleases(REPO);
    expect(all.map((r) => ({ draft: r.draft, assets: r.assets.length }))).toEqual([
      { draft: false, assets: 3 },
    ]);
    const loser = [a, b].find((r) => r.result.status === "already_published")!;
    expect(loser.lines.join("\n")).toMatch(/published v1\.0\.0 first; removing draft/);
  });

  it("converges when a second publisher starts while the first fills its draft", async () => {
    const files = await buildFiles(f.dir, { version: "1.0.0", commit: f.sha });
    f.sandbox.injectFault({ method: "POST", route: UPLOAD, kind: "latency", ms: 150, times: 6 });
    const first = runPublish(f.sandbox, files);
    // The second run starts once the first one's draft exists, so it finds and reuses it.
    while (!releaseSlice(f.sandbox.repo(FULL_NAME)).releases.length) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const second = runPublish(f.sandbox, files);
    const results = await Promise.all([first, second]);
    // Which of the two flips the shared draft to published depends on timing (the assets go up
    // together): the second may finish the draft's uploads and publish it itself. Either way one
    // run publishes, neither fails, and both name the same release.
    const statuses = results.map((r) => r.result.status);
    expect(statuses).toContain("published");
    expect(statuses.every((s) => s === "published" || s === "already_published")).toBe(true);
    expect(results[0]?.result.releaseId).toBe(results[1]?.result.releaseId);
    const { data: all } = await f.client.rest.repos.listReleases(REPO);
    expect(all.map((r) => ({ draft: r.draft, assets: r.assets.length }))).toEqual([
      { draft: false, assets: 3 },
    ]);
    expect(all[0]?.assets.every((a) => a.state === "uploaded")).toBe(true);
  });

  it("removes duplicate leftover drafts once published", async () => {
    const files = await buildFiles(f.dir, { version: "1.0.0", commit: f.sha });
    const first = await store().createDraft({ tag: "v1.0.0", target: f.sha, prerelease: false });
    const second = await store().createDraft({ tag: "v1.0.0", target: f.sha, prerelease: false });
    const { result } = await runPublish(f.sandbox, files);
    expect([first.id, second.id]).toContain(result.releaseId);
    const { data: all } = await f.client.rest.repos.listReleases(REPO);
    expect(all.map((r) => r.id)).toEqual([result.releaseId]);
  });

  it("writes notes generated since the previous release by SemVer", async () => {
    const v1 = await buildFiles(f.dir, { version: "1.0.0", commit: f.sha });
    await runPublish(f.sandbox, v1);
    const two = f.sandbox.seedCommit(FULL_NAME, { message: "Add payments" });
    await runPublish(f.sandbox, await buildFiles(f.dir, { version: "2.0.0", commit: two }));
    // A patch of the 1.x line, published after 2.0.0: its notes run from 1.0.0.
    const fix = f.sandbox.seedCommit(FULL_NAME, {
      message: "Fix rounding",
      parents: [f.sha],
      branch: "release-1.x",
    });
    f.sandbox.log.clear();
    const { result } = await runPublish(
      f.sandbox,
      await buildFiles(f.dir, { version: "1.0.1", commit: fix }),
      { notes: "auto" },
    );
    expect(result.requests).toBeLessThanOrEqual(10);
    const [notes] = f.sandbox.log.filter({ route: "repos/generate-release-notes" });
    expect(notes).toBeDefined();
    const release = await store().getByTag("v1.0.1");
    const { data } = await f.client.rest.repos.getRelease({ ...REPO, release_id: release!.id });
    expect(data.body).toContain("Fix rounding");
    expect(data.body).toContain("v1.0.0...v1.0.1");
    expect(data.body).not.toContain("Add payments");
  });

  it("uses text notes, make-latest and the prerelease default", async () => {
    const stable = await buildFiles(f.dir, { version: "1.0.0", commit: f.sha });
    await runPublish(f.sandbox, stable, { notes: "First release", makeLatest: true });
    const latest = await f.client.rest.repos.getLatestRelease(REPO);
    expect(latest.data).toMatchObject({ tag_name: "v1.0.0", body: "First release" });

    const rc = await buildFiles(f.dir, { version: "1.1.0-rc.1", commit: f.sha });
    const { result } = await runPublish(f.sandbox, rc);
    expect(result.prerelease).toBe(true);
    const next = await buildFiles(f.dir, { version: "1.1.0", commit: f.sha });
    await runPublish(f.sandbox, next, { makeLatest: false });
    expect((await f.client.rest.repos.getLatestRelease(REPO)).data.tag_name).toBe("v1.0.0");

    f.sandbox.log.clear();
    const rc2 = await buildFiles(f.dir, { version: "1.2.0-rc.1", commit: f.sha });
    await expect(runPublish(f.sandbox, rc2, { makeLatest: true })).rejects.toBeInstanceOf(
      PublishError,
    );
    expect(f.sandbox.requestCount()).toBe(0);
  });

  it("leaves a draft when asked, and a re-run of it writes nothing", async () => {
    const files = await buildFiles(f.dir, { version: "1.0.0", commit: f.sha });
    const { result } = await runPublish(f.sandbox, files, { draft: true });
    expect(result.status).toBe("draft");
    expect(await store().getByTag("v1.0.0")).toBeUndefined();
    expect(tagCommit("v1.0.0")).toBeUndefined();
    f.sandbox.log.clear();
    const again = await runPublish(f.sandbox, files, { draft: true });
    expect(again.result).toMatchObject({ status: "draft", releaseId: result.releaseId });
    expect(f.sandbox.writes()).toEqual([]);
    const published = await runPublish(f.sandbox, files);
    expect(published.result).toMatchObject({ status: "published", releaseId: result.releaseId });
  });

  it("compares by downloading when the server reports no digests", async () => {
    const files = await buildFiles(f.dir, { version: "1.0.0", commit: f.sha });
    await runPublish(f.sandbox, files);
    for (const asset of releaseSlice(f.sandbox.repo(FULL_NAME)).assets) asset.digest = null;
    f.sandbox.log.clear();
    const { result } = await runPublish(f.sandbox, files);
    expect(result.status).toBe("already_published");
    expect(f.sandbox.writes()).toEqual([]);
    const other = await buildFiles(f.dir, { version: "1.0.0", commit: f.sha, content: "x" });
    await expect(runPublish(f.sandbox, other)).rejects.toBeInstanceOf(ReleaseContentError);
  });

  it("refuses a version input that is not the manifest's", async () => {
    const files = await buildFiles(f.dir, { version: "1.0.0", commit: f.sha });
    await expect(runPublish(f.sandbox, files, { version: "1.0.1" })).rejects.toThrow(
      /differs from the manifest's version 1\.0\.0/,
    );
  });

  it("checks the files before sending anything", async () => {
    const files = await buildFiles(f.dir, { version: "1.0.0", commit: f.sha });
    const bytes = readFileSync(files.archive);
    bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 0xff;
    writeFileSync(files.archive, bytes);
    await expect(runPublish(f.sandbox, files)).rejects.toBeInstanceOf(ChecksumError);
    expect(f.sandbox.requestCount()).toBe(0);
  });

  it("downloads a workflow artifact through the port", async () => {
    const files = await buildFiles(f.dir, { version: "1.0.0", commit: f.sha });
    const downloads: string[] = [];
    const { log } = memoryLog();
    const result = await publish(
      { repo: REPO, artifact: "shop-1.0.0" },
      {
        github: f.client,
        log,
        tempDir: f.dir,
        artifacts: {
          download: async (name, dest) => {
            downloads.push(name);
            for (const path of [files.archive, files.manifest, files.checksums]) {
              copyFileSync(path, join(dest, path.split("/").pop()!));
            }
            return [dest];
          },
        },
      },
    );
    expect(downloads).toEqual(["shop-1.0.0"]);
    expect(result.status).toBe("published");
    await expect(
      publish(
        { repo: REPO, artifact: "x", archive: files.archive },
        { github: f.client, log, tempDir: f.dir },
      ),
    ).rejects.toBeInstanceOf(PublishFilesError);
  });
});
