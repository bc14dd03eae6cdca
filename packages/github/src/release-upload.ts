import { createReadStream } from "node:fs";
import { FastDeployError } from "@fastdeploy/core";
import type { GitHubClient } from "./octokit.js";
import type { RepoRef } from "./release-assets.js";
import {
  isAlreadyExists,
  type Release,
  type ReleaseAsset,
  ReleaseGoneError,
  ReleaseStore,
  statusOf,
  toReleaseAsset,
} from "./release-store.js";

/** A local file to upload as a release asset. */
export interface AssetSource {
  path: string;
  /** The asset's name on the release. */
  name: string;
  size: number;
  /** `sha256:<hex>` of the file, compared with GitHub's digest of the bytes that arrived. */
  digest: string;
  contentType: string;
}

/** An upload arrived different from the file (the file changed, or bytes were lost). */
export class AssetUploadError extends FastDeployError {
  override name = "AssetUploadError";
}

const CHUNK = 1024 * 1024;

/**
 * A request body that opens the file afresh every time it is read. The transport
 * (http-transport.ts) writes it a chunk at a time, waiting for the socket to drain, so memory
 * stays flat for a 2 GiB asset; and when the retry or throttling plugin repeats the request,
 * the file is sent again from its first byte instead of from a stream that is already drained.
 */
class FileBody implements AsyncIterable<Buffer> {
  constructor(private readonly path: string) {}
  [Symbol.asyncIterator](): AsyncIterator<Buffer> {
    return createReadStream(this.path, { highWaterMark: CHUNK })[Symbol.asyncIterator]();
  }
}

export function assetMatches(asset: ReleaseAsset, source: Pick<AssetSource, "size" | "digest">) {
  return asset.state === "uploaded" && asset.size === source.size && asset.digest === source.digest;
}

/**
 * Streams a file to the release's `upload_url` (the uploads host; its full template, so a GHES
 * `/api/uploads` prefix is kept) with Content-Length and Content-Type, as GitHub requires.
 *
 * An interrupted earlier attempt can leave an asset of the same name behind (state `starter` or
 * `open`), and a lost answer can hide an upload that did complete: either way GitHub answers
 * 422 `already_exists`. The asset is then kept when it holds exactly these bytes, and otherwise
 * deleted and the upload repeated once.
 */
export async function uploadReleaseAsset(
  client: GitHubClient,
  repo: RepoRef,
  release: Pick<Release, "id" | "uploadUrl">,
  source: AssetSource,
): Promise<ReleaseAsset> {
  const store = new ReleaseStore(client, repo);
  for (let attempt = 1; ; attempt++) {
    let asset: ReleaseAsset;
    try {
      const response = await client.request({
        method: "POST",
        url: release.uploadUrl,
        name: source.name,
        data: new FileBody(source.path),
        headers: {
          "content-type": source.contentType,
          "content-length": source.size,
        },
        // Uploads are never redirected; a redirect would find the file's stream already read.
        request: { redirect: "error" },
      });
      asset = toReleaseAsset(response.data);
    } catch (error) {
      if (attempt === 1 && isAlreadyExists(error, "ReleaseAsset")) {
        const existing = (await store.listAssets(release.id)).find((a) => a.name === source.name);
        if (existing && assetMatches(existing, source)) return existing;
        if (existing) await store.deleteAsset(existing.id);
        continue;
      }
      if (statusOf(error) === 404) throw new ReleaseGoneError(release.id);
      throw error;
    }
    // GitHub hashes what it received; servers without digests still report the size.
    if (asset.size !== source.size || (asset.digest !== null && asset.digest !== source.digest)) {
      await store.deleteAsset(asset.id);
      throw new AssetUploadError(
        `Upload of ${source.name} arrived as ${asset.size} bytes ${asset.digest ?? ""} instead of ` +
          `${source.size} bytes ${source.digest}; did the file change while it was uploading? ` +
          "The asset was removed; run the step again.",
      );
    }
    return asset;
  }
}
