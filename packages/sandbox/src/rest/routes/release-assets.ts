import { createHash } from "node:crypto";
import { createReadStream, createWriteStream, rmSync } from "node:fs";
import { join } from "node:path";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { paginate } from "../paginate.js";
import { HttpError, type Route, type RouteContext, type RouteResult } from "../types.js";
import {
  assertMutable,
  assetJson,
  findAsset,
  findRelease,
  releaseSlice,
  type StoredAsset,
  untaggedName,
} from "./release-model.js";

/**
 * Release assets. Uploads arrive on the uploads host and stream to a blob file while being
 * hashed; downloads stream from it, either directly (200) or through a 302 to a signed URL,
 * as GitHub does. Nothing holds a whole asset in memory: assets go up to 2 GiB.
 */

const SIGNED_TTL_MS = 5 * 60_000;

/** GitHub renames names with special characters; spaces and the like become dots. */
export function sanitizeAssetName(name: string): string {
  return name.replace(/[^\w.+@-]/g, ".").replace(/^\.+|\.+$/g, "") || "default.bin";
}

const listAssets: Route = {
  method: "GET",
  path: "/repos/{owner}/{repo}/releases/{release_id}/assets",
  handler: (ctx) => {
    const release = findRelease(ctx, ctx.params.release_id!);
    const assets = releaseSlice(ctx.repo).assets.filter((a) => a.release_id === release.id);
    const page = paginate(
      assets,
      ctx.query,
      `${ctx.apiUrl}/repos/${ctx.repo.owner}/${ctx.repo.name}/releases/${release.id}/assets`,
    );
    return {
      status: 200,
      body: page.items.map((a) => assetJson(ctx, ctx.repo, a)),
      headers: page.headers,
    };
  },
};

const uploadAsset: Route = {
  method: "POST",
  path: "/repos/{owner}/{repo}/releases/{release_id}/assets",
  uploads: true,
  rawBody: true,
  handler: async (ctx) => {
    const release = findRelease(ctx, ctx.params.release_id!);
    assertMutable(release);
    const lengthHeader = ctx.headers["content-length"];
    if (lengthHeader === undefined) {
      throw new HttpError(411, "Content-Length header is required for asset uploads");
    }
    const expected = Number(lengthHeader);
    const slice = releaseSlice(ctx.repo);
    const name = sanitizeAssetName(ctx.query.get("name") ?? "");
    if (slice.assets.some((a) => a.release_id === release.id && a.name === name)) {
      throw new HttpError(422, "Validation Failed", [
        { resource: "ReleaseAsset", code: "already_exists", field: "name" },
      ]);
    }
    const now = ctx.now();
    const asset: StoredAsset = {
      id: ctx.nextId(),
      release_id: release.id,
      name,
      label: ctx.query.get("label") ?? "",
      content_type: ctx.headers["content-type"] ?? "application/octet-stream",
      size: 0,
      digest: null,
      state: "open",
      download_count: 0,
      uploader: ctx.actor,
      created_at: now,
      updated_at: now,
      blob: "",
    };
    asset.blob = `asset-${asset.id}`;
    // Stored before the body arrives: an interrupted upload leaves an "open" asset behind.
    slice.assets.push(asset);
    const hash = createHash("sha256");
    let size = 0;
    const tap = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        hash.update(chunk);
        size += chunk.length;
        done(null, chunk);
      },
    });
    try {
      await pipeline(ctx.rawBody!, tap, createWriteStream(join(ctx.blobDir, asset.blob)));
    } catch {
      throw new HttpError(400, "Upload interrupted");
    }
    if (size !== expected) {
      throw new HttpError(400, `Bad Content-Length: ${lengthHeader}, received ${size} bytes`);
    }
    Object.assign(asset, {
      size,
      digest: `sha256:${hash.digest("hex")}`,
      state: "uploaded",
      updated_at: ctx.now(),
    });
    return { status: 201, body: assetJson(ctx, ctx.repo, asset) };
  },
};

function streamAsset(ctx: RouteContext, asset: StoredAsset): RouteResult {
  asset.download_count++;
  return {
    status: 200,
    stream: createReadStream(join(ctx.blobDir, asset.blob)),
    headers: {
      "content-type": "application/octet-stream",
      "content-length": String(asset.size),
      "content-disposition": `attachment; filename=${asset.name}`,
    },
  };
}

function signedLocation(ctx: RouteContext, asset: StoredAsset): string {
  const expires = Date.now() + SIGNED_TTL_MS;
  const path = `/_sandbox/release-assets/${ctx.repo.owner}/${ctx.repo.name}/${asset.id}`;
  const signature = ctx.sign!(`${path}:${expires}`);
  return `${ctx.apiUrl}${path}?expires=${expires}&signature=${signature}`;
}

const getAsset: Route = {
  method: "GET",
  path: "/repos/{owner}/{repo}/releases/assets/{asset_id}",
  handler: (ctx) => {
    const asset = findAsset(ctx, ctx.params.asset_id!);
    const wantsBytes = (ctx.headers.accept ?? "").includes("application/octet-stream");
    if (!wantsBytes) return { status: 200, body: assetJson(ctx, ctx.repo, asset) };
    if (asset.state !== "uploaded") throw new HttpError(404, "Not Found");
    if (ctx.assetDownload === "200") return streamAsset(ctx, asset);
    return { status: 302, headers: { location: signedLocation(ctx, asset) } };
  },
};

/** Where the 302 points: like objects.githubusercontent.com, no token, an expiring signature. */
const signedDownload: Route = {
  method: "GET",
  path: "/_sandbox/release-assets/{owner}/{repo}/{asset_id}",
  unvalidated: true,
  anonymous: true,
  handler: (ctx) => {
    const expires = Number(ctx.query.get("expires"));
    const path = `/_sandbox/release-assets/${ctx.params.owner}/${ctx.params.repo}/${ctx.params.asset_id}`;
    if (ctx.query.get("signature") !== ctx.sign!(`${path}:${expires}`) || expires < Date.now()) {
      throw new HttpError(403, "Request has expired or the signature does not match");
    }
    const asset = releaseSlice(ctx.repo).assets.find((a) => a.id === Number(ctx.params.asset_id));
    if (asset?.state !== "uploaded") throw new HttpError(404, "Not Found");
    return streamAsset(ctx, asset);
  },
};

/** browser_download_url: what pull-based clients fetch; redirects like github.com does. */
const browserDownload: Route = {
  method: "GET",
  path: "/{owner}/{repo}/releases/download/{tag*}/{name}",
  unvalidated: true,
  anonymous: true,
  handler: (ctx) => {
    const slice = releaseSlice(ctx.repo);
    const release =
      slice.releases.find((r) => !r.draft && r.tag_name === ctx.params.tag) ??
      slice.releases.find((r) => r.draft && untaggedName(r) === ctx.params.tag && ctx.actor);
    const asset = slice.assets.find(
      (a) => a.release_id === release?.id && a.name === ctx.params.name && a.state === "uploaded",
    );
    if (!asset) throw new HttpError(404, "Not Found");
    return { status: 302, headers: { location: signedLocation(ctx, asset) } };
  },
};

const updateAsset: Route = {
  method: "PATCH",
  path: "/repos/{owner}/{repo}/releases/assets/{asset_id}",
  handler: (ctx) => {
    const asset = findAsset(ctx, ctx.params.asset_id!);
    const slice = releaseSlice(ctx.repo);
    assertMutable(slice.releases.find((r) => r.id === asset.release_id)!);
    const input = (ctx.body ?? {}) as { name?: string; label?: string };
    if (input.name !== undefined) {
      const name = sanitizeAssetName(input.name);
      if (
        slice.assets.some(
          (a) => a.release_id === asset.release_id && a.name === name && a !== asset,
        )
      ) {
        throw new HttpError(422, "Validation Failed", [
          { resource: "ReleaseAsset", code: "already_exists", field: "name" },
        ]);
      }
      asset.name = name;
    }
    if (input.label !== undefined) asset.label = input.label;
    asset.updated_at = ctx.now();
    return { status: 200, body: assetJson(ctx, ctx.repo, asset) };
  },
};

const deleteAsset: Route = {
  method: "DELETE",
  path: "/repos/{owner}/{repo}/releases/assets/{asset_id}",
  handler: (ctx) => {
    const asset = findAsset(ctx, ctx.params.asset_id!);
    const slice = releaseSlice(ctx.repo);
    assertMutable(slice.releases.find((r) => r.id === asset.release_id)!);
    slice.assets = slice.assets.filter((a) => a !== asset);
    rmSync(join(ctx.blobDir, asset.blob), { force: true });
    return { status: 204 };
  },
};

export const routes: Route[] = [
  listAssets,
  uploadAsset,
  getAsset,
  signedDownload,
  browserDownload,
  updateAsset,
  deleteAsset,
];
