import { createHash } from "node:crypto";
import { createReadStream, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { failure, useSandbox } from "./rest-fixture.js";

const sha256 = (data: Buffer) => `sha256:${createHash("sha256").update(data).digest("hex")}`;

describe("release assets", () => {
  const f = useSandbox();

  async function draft(tag = "v1.0.0") {
    return (await f.octokit.rest.repos.createRelease({ ...f.repo, tag_name: tag, draft: true }))
      .data;
  }

  async function upload(
    releaseId: number,
    name: string,
    data: Buffer,
    contentType = "application/gzip",
  ) {
    return f.octokit.rest.repos.uploadReleaseAsset({
      ...f.repo,
      release_id: releaseId,
      name,
      data: data as unknown as string,
      baseUrl: f.sandbox.uploadsUrl,
      headers: { "content-type": contentType, "content-length": data.length },
    });
  }

  it("uploads on the uploads host through upload_url and describes the asset", async () => {
    const release = await draft();
    const data = Buffer.from("archive bytes");
    const { data: asset, status } = await f.octokit.request({
      method: "POST",
      url: release.upload_url,
      name: "app 1.0.0.tar.gz",
      label: "Archive",
      data,
      headers: { "content-type": "application/gzip", "content-length": data.length },
    });
    expect(status).toBe(201);
    expect(asset).toMatchObject({
      name: "app.1.0.0.tar.gz",
      label: "Archive",
      state: "uploaded",
      size: data.length,
      digest: sha256(data),
      content_type: "application/gzip",
      uploader: { login: "octocat" },
    });
    const onApiHost = await failure(
      f.octokit.request("POST /repos/{owner}/{repo}/releases/{release_id}/assets", {
        ...f.repo,
        release_id: release.id,
        name: "x",
        data: "x",
      }),
    );
    expect(onApiHost.status).toBe(404);
    const list = await f.octokit.rest.repos.listReleaseAssets({
      ...f.repo,
      release_id: release.id,
    });
    expect(list.data.map((a) => a.name)).toEqual(["app.1.0.0.tar.gz"]);
    expect(f.sandbox.requestCount({ route: "repos/upload-release-asset" })).toBe(1);
  });

  it("answers 422 already_exists for a duplicate name", async () => {
    const release = await draft();
    await upload(release.id, "a.txt", Buffer.from("one"));
    const dup = await failure(upload(release.id, "a.txt", Buffer.from("two")));
    expect(dup).toMatchObject({
      status: 422,
      data: { errors: [{ resource: "ReleaseAsset", code: "already_exists", field: "name" }] },
    });
  });

  it("freezes assets once an immutable release is published", async () => {
    const release = await draft();
    const { data: asset } = await upload(release.id, "a.txt", Buffer.from("one"));
    await f.octokit.rest.repos.updateRelease({ ...f.repo, release_id: release.id, draft: false });
    expect((await failure(upload(release.id, "b.txt", Buffer.from("two")))).status).toBe(422);
    expect(
      (await failure(f.octokit.rest.repos.deleteReleaseAsset({ ...f.repo, asset_id: asset.id })))
        .status,
    ).toBe(422);
    expect(
      (
        await failure(
          f.octokit.rest.repos.updateReleaseAsset({ ...f.repo, asset_id: asset.id, name: "c.txt" }),
        )
      ).status,
    ).toBe(422);
  });

  it("lets a mutable repository edit and delete assets after publishing", async () => {
    f.sandbox.createRepo("acme/mutable", { immutableReleases: false });
    const repo = { owner: "acme", repo: "mutable" };
    const { data: release } = await f.octokit.rest.repos.createRelease({ ...repo, tag_name: "v1" });
    expect(release.immutable).toBe(false);
    const { data: asset } = await f.octokit.rest.repos.uploadReleaseAsset({
      ...repo,
      release_id: release.id,
      name: "a.txt",
      data: "one",
      baseUrl: f.sandbox.uploadsUrl,
    });
    const renamed = await f.octokit.rest.repos.updateReleaseAsset({
      ...repo,
      asset_id: asset.id,
      name: "b.txt",
      label: "B",
    });
    expect(renamed.data).toMatchObject({ name: "b.txt", label: "B" });
    await f.octokit.rest.repos.deleteReleaseAsset({ ...repo, asset_id: asset.id });
    expect(
      (await f.octokit.rest.repos.listReleaseAssets({ ...repo, release_id: release.id })).data,
    ).toEqual([]);
  });

  it("downloads through a 302 to a signed URL", async () => {
    f.sandbox.options.assetDownload = "302";
    const release = await draft();
    const data = Buffer.from("302 bytes");
    const { data: asset } = await upload(release.id, "a.bin", data);
    const redirect = await f.octokit.rest.repos.getReleaseAsset({
      ...f.repo,
      asset_id: asset.id,
      headers: { accept: "application/octet-stream" },
      request: { redirect: "manual" },
    });
    expect(redirect.status).toBe(302);
    const location = String(redirect.headers.location);
    expect(location.startsWith(f.sandbox.apiUrl)).toBe(true);
    // The signed URL needs no token, like objects.githubusercontent.com.
    const plain = await fetch(location);
    expect(plain.status).toBe(200);
    expect(Buffer.from(await plain.arrayBuffer())).toEqual(data);
    const tampered = await fetch(`${location}0`);
    expect(tampered.status).toBe(403);
    // Octokit following the redirect gets the bytes.
    const followed = await f.octokit.rest.repos.getReleaseAsset({
      ...f.repo,
      asset_id: asset.id,
      headers: { accept: "application/octet-stream" },
    });
    expect(Buffer.from(followed.data as unknown as ArrayBuffer)).toEqual(data);
    const meta = await f.octokit.rest.repos.getReleaseAsset({ ...f.repo, asset_id: asset.id });
    expect(meta.data).toMatchObject({ name: "a.bin", download_count: 2 });
  });

  it("downloads with a direct 200 when configured, and via browser_download_url", async () => {
    f.sandbox.options.assetDownload = "200";
    try {
      const release = await draft("v9");
      const data = Buffer.from("200 bytes");
      const { data: asset } = await upload(release.id, "a.bin", data);
      const published = await f.octokit.rest.repos.updateRelease({
        ...f.repo,
        release_id: release.id,
        draft: false,
      });
      const direct = await f.octokit.rest.repos.getReleaseAsset({
        ...f.repo,
        asset_id: asset.id,
        headers: { accept: "application/octet-stream" },
        request: { redirect: "manual" },
      });
      expect(direct.status).toBe(200);
      expect(Buffer.from(direct.data as unknown as ArrayBuffer)).toEqual(data);
      const url = published.data.assets[0]!.browser_download_url;
      expect(url).toBe(`${f.sandbox.serverUrl}/acme/app/releases/download/v9/a.bin`);
      const browser = await fetch(url);
      expect(browser.status).toBe(200);
      expect(Buffer.from(await browser.arrayBuffer())).toEqual(data);
    } finally {
      f.sandbox.options.assetDownload = "302";
    }
  });

  it("streams a large upload and download with the right digest", async () => {
    const release = await draft();
    const chunk = Buffer.alloc(1024 * 1024, 7);
    const file = join(tmpdir(), `sandbox-asset-${process.pid}.bin`);
    writeFileSync(file, Buffer.concat(Array.from({ length: 8 }, () => chunk)));
    const size = 8 * chunk.length;
    const hash = createHash("sha256");
    for (let i = 0; i < 8; i++) hash.update(chunk);
    const uploadUrl = release.upload_url.replace("{?name,label}", "?name=big.bin");
    const response = await fetch(uploadUrl, {
      method: "POST",
      headers: {
        authorization: "token sandbox-token",
        "content-type": "application/octet-stream",
        "content-length": String(size),
      },
      body: Readable.toWeb(createReadStream(file)) as ReadableStream,
      duplex: "half",
    } as RequestInit);
    expect(response.status).toBe(201);
    const asset = (await response.json()) as { id: number; size: number; digest: string };
    expect(asset).toMatchObject({ size, digest: `sha256:${hash.digest("hex")}` });
    f.sandbox.options.assetDownload = "200";
    try {
      const download = await fetch(
        `${f.sandbox.apiUrl}/repos/acme/app/releases/assets/${asset.id}`,
        {
          headers: { authorization: "token sandbox-token", accept: "application/octet-stream" },
        },
      );
      const again = createHash("sha256");
      let received = 0;
      for await (const part of download.body as unknown as AsyncIterable<Uint8Array>) {
        again.update(part);
        received += part.length;
      }
      expect(received).toBe(size);
      expect(`sha256:${again.digest("hex")}`).toBe(asset.digest);
    } finally {
      f.sandbox.options.assetDownload = "302";
    }
  });

  it("leaves an open asset after an interrupted upload; it must be deleted before a retry", async () => {
    const release = await draft();
    const { port } = new URL(f.sandbox.uploadsUrl);
    await new Promise<void>((resolve) => {
      const socket = connect(Number(port), "127.0.0.1", () => {
        socket.write(
          `POST /repos/acme/app/releases/${release.id}/assets?name=cut.bin HTTP/1.1\r\n` +
            "Host: uploads\r\nAuthorization: token sandbox-token\r\n" +
            "Content-Type: application/octet-stream\r\nContent-Length: 1000\r\n\r\n" +
            "x".repeat(100),
        );
        setTimeout(() => socket.destroy(), 50);
      });
      socket.on("close", () => setTimeout(resolve, 50));
    });
    const list = await f.octokit.rest.repos.listReleaseAssets({
      ...f.repo,
      release_id: release.id,
    });
    expect(list.data).toMatchObject([{ name: "cut.bin", state: "open" }]);
    expect((await failure(upload(release.id, "cut.bin", Buffer.from("x")))).status).toBe(422);
    await f.octokit.rest.repos.deleteReleaseAsset({ ...f.repo, asset_id: list.data[0]!.id });
    expect((await upload(release.id, "cut.bin", Buffer.from("x"))).data.state).toBe("uploaded");
  });

  it("requires Content-Length and the name query", async () => {
    const release = await draft();
    const noName = await fetch(release.upload_url.replace("{?name,label}", ""), {
      method: "POST",
      headers: { authorization: "token sandbox-token", "content-type": "text/plain" },
      body: "x",
    });
    expect(noName.status).toBe(422);
    expect(f.sandbox.takeViolations()[0]?.errors.join()).toContain('"name" is required');
    const chunked = await fetch(release.upload_url.replace("{?name,label}", "?name=a"), {
      method: "POST",
      headers: { authorization: "token sandbox-token" },
      body: Readable.toWeb(Readable.from([Buffer.from("x")])) as ReadableStream,
      duplex: "half",
    } as RequestInit);
    expect(chunked.status).toBe(411);
  });
});
