import { writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { hashReleaseAsset } from "../src/release-assets.js";
import { ReleaseGoneError, ReleaseStore } from "../src/release-store.js";
import { AssetUploadError, uploadReleaseAsset } from "../src/release-upload.js";
import {
  assetFile,
  client,
  interruptedUpload,
  REPO,
  sha256,
  useReleaseSandbox,
} from "./release-fixture.js";

const UPLOAD = "/repos/{owner}/{repo}/releases/{release_id}/assets";

describe("uploadReleaseAsset", () => {
  const f = useReleaseSandbox();
  const store = () => new ReleaseStore(f.client, REPO);
  const draft = () => store().createDraft({ tag: "v1.0.0", target: f.sha, prerelease: false });

  it("streams a file to the uploads host and returns the digest GitHub computed", async () => {
    const release = await draft();
    const { source, data } = assetFile(f.dir, "shop-1.0.0.tar.gz");
    const asset = await uploadReleaseAsset(f.client, REPO, release, source);
    expect(asset).toMatchObject({
      name: "shop-1.0.0.tar.gz",
      size: data.length,
      digest: sha256(data),
      state: "uploaded",
    });
    const [record] = f.sandbox.log.filter({ method: "POST", route: UPLOAD });
    expect(record).toMatchObject({ host: "uploads", status: 201 });
  });

  it("resends the whole file when a 502 or a secondary rate limit answers the upload", async () => {
    const warnings: string[] = [];
    const github = client(f.sandbox, warnings);
    const release = await draft();
    const { source, data } = assetFile(f.dir, "a.tar.gz", Buffer.alloc(3 * 1024 * 1024, 7));
    f.sandbox.injectFault({ method: "POST", route: UPLOAD, kind: "status", status: 502 });
    f.sandbox.injectFault({ method: "POST", route: UPLOAD, kind: "secondary-rate-limit" });
    const asset = await uploadReleaseAsset(github, REPO, release, source);
    expect(asset).toMatchObject({ size: data.length, digest: sha256(data) });
    expect(f.sandbox.log.filter({ method: "POST", route: UPLOAD }).map((r) => r.status)).toEqual([
      502, 403, 201,
    ]);
    expect(warnings.join("\n")).toMatch(/secondary rate limit/);
  });

  it("retries a dropped connection", async () => {
    const release = await draft();
    const { source, data } = assetFile(f.dir, "a.tar.gz");
    f.sandbox.injectFault({ method: "POST", route: UPLOAD, kind: "drop" });
    const asset = await uploadReleaseAsset(f.client, REPO, release, source);
    expect(asset.digest).toBe(sha256(data));
  });

  it("replaces a partial asset that an interrupted upload left behind", async () => {
    const release = await draft();
    await interruptedUpload(release.uploadUrl, "a.tar.gz");
    const [partial] = await store().listAssets(release.id);
    expect(partial).toMatchObject({ name: "a.tar.gz", state: "open" });
    const { source, data } = assetFile(f.dir, "a.tar.gz");
    const asset = await uploadReleaseAsset(f.client, REPO, release, source);
    expect(asset).toMatchObject({ state: "uploaded", digest: sha256(data) });
    const assets = await store().listAssets(release.id);
    expect(assets.map((a) => a.id)).toEqual([asset.id]);
  });

  it("keeps an identical asset whose upload answer was lost", async () => {
    const release = await draft();
    const { source } = assetFile(f.dir, "a.tar.gz");
    const first = await uploadReleaseAsset(f.client, REPO, release, source);
    const writes = f.sandbox.writes().length;
    const again = await uploadReleaseAsset(f.client, REPO, release, source);
    expect(again.id).toBe(first.id);
    // One refused POST (422 already_exists), nothing deleted.
    expect(f.sandbox.writes().length - writes).toBe(1);
  });

  it("removes an upload that arrived different from the file it was checked as", async () => {
    const release = await draft();
    const { source } = assetFile(f.dir, "a.tar.gz");
    writeFileSync(source.path, Buffer.alloc(source.size, 9)); // changed after hashing
    await expect(uploadReleaseAsset(f.client, REPO, release, source)).rejects.toBeInstanceOf(
      AssetUploadError,
    );
    expect(await store().listAssets(release.id)).toEqual([]);
  });

  it("reports a draft that was deleted as gone", async () => {
    const release = await draft();
    await store().delete(release.id);
    const { source } = assetFile(f.dir, "a.tar.gz");
    await expect(uploadReleaseAsset(f.client, REPO, release, source)).rejects.toBeInstanceOf(
      ReleaseGoneError,
    );
  });
});

describe("hashReleaseAsset", () => {
  for (const mode of ["302", "200"] as const) {
    describe(`downloads answered with ${mode}`, () => {
      const f = useReleaseSandbox({ assetDownload: mode });
      it("hashes the bytes without storing them", async () => {
        const release = await new ReleaseStore(f.client, REPO).createDraft({
          tag: "v1.0.0",
          target: f.sha,
          prerelease: false,
        });
        const { source, data } = assetFile(f.dir, "a.tar.gz", Buffer.alloc(2 * 1024 * 1024, 3));
        const asset = await uploadReleaseAsset(f.client, REPO, release, source);
        const hashed = await hashReleaseAsset(f.client, {
          ...REPO,
          assetId: asset.id,
          name: asset.name,
        });
        expect(hashed).toEqual({ size: data.length, digest: sha256(data) });
      });
    });
  }
});
