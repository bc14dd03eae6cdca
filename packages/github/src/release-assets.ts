import { createHash } from "node:crypto";
import { createWriteStream } from "node:fs";
import { rm } from "node:fs/promises";
import { Readable, Transform, Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { FastDeployError } from "@fastdeploy/core";
import type { GitHubClient } from "./octokit.js";

export interface RepoRef {
  owner: string;
  repo: string;
}

export interface DownloadedAsset {
  path: string;
  size: number;
  /** `sha256:<hex>` of the bytes written. */
  digest: string;
}

/** A release asset could not be fetched; the message names the asset and what answered. */
export class AssetDownloadError extends FastDeployError {
  override name = "AssetDownloadError";
}

type AssetRef = RepoRef & { assetId: number; name: string };

/**
 * Opens a release asset's bytes as a stream. GitHub answers `Accept: application/octet-stream`
 * either with a 302 to a signed CDN URL or with the bytes themselves; both are handled. The
 * redirect is followed by hand so the token is never sent to the CDN (signed URLs reject an
 * Authorization header).
 */
export async function openReleaseAsset(
  client: GitHubClient,
  where: AssetRef,
  signal?: AbortSignal,
): Promise<Readable> {
  const response = await client.request("GET /repos/{owner}/{repo}/releases/assets/{asset_id}", {
    owner: where.owner,
    repo: where.repo,
    asset_id: where.assetId,
    headers: { accept: "application/octet-stream" },
    request: { redirect: "manual", parseSuccessResponseBody: false, ...(signal ? { signal } : {}) },
  });
  let body = response.data as unknown as WebReadableStream<Uint8Array> | null;
  const status = response.status as number;
  if (status >= 300 && status < 400) {
    // Drain the redirect body so the connection can be reused.
    await body?.cancel().catch(() => {});
    const location = response.headers.location;
    if (!location) {
      throw new AssetDownloadError(
        `Download of ${where.name} answered ${status} without a Location.`,
      );
    }
    const cdn = await fetch(location, {
      headers: { accept: "application/octet-stream" },
      ...(signal ? { signal } : {}),
    });
    if (!cdn.ok || !cdn.body) {
      throw new AssetDownloadError(
        `Download of ${where.name} from its signed URL failed with HTTP ${cdn.status}.`,
      );
    }
    body = cdn.body as unknown as WebReadableStream<Uint8Array>;
  }
  if (!body) throw new AssetDownloadError(`Download of ${where.name} returned no content.`);
  return Readable.fromWeb(body);
}

/**
 * Streams a release asset into `sink` (a file, or nothing), hashing on the way, so memory
 * stays flat for multi-GiB assets.
 */
async function streamReleaseAsset(
  client: GitHubClient,
  where: AssetRef,
  sink: Writable,
  signal?: AbortSignal,
): Promise<{ size: number; digest: string }> {
  const source = await openReleaseAsset(client, where, signal);
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
    await pipeline(source, tap, sink, ...(signal ? [{ signal }] : []));
  } catch (error) {
    throw new AssetDownloadError(
      `Download of ${where.name} failed: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return { size, digest: `sha256:${hash.digest("hex")}` };
}

/**
 * Downloads a release asset to `dest` (which must not exist), streaming and hashing; an abort
 * stops it and removes what was written.
 */
export async function downloadReleaseAsset(
  client: GitHubClient,
  where: AssetRef,
  dest: string,
  signal?: AbortSignal,
): Promise<DownloadedAsset> {
  try {
    const { size, digest } = await streamReleaseAsset(
      client,
      where,
      createWriteStream(dest, { flags: "wx" }),
      signal,
    );
    return { path: dest, size, digest };
  } catch (error) {
    await rm(dest, { force: true });
    throw error;
  }
}

/**
 * The digest of a release asset computed from its bytes, streamed and never stored: for
 * servers that do not report `digest` on assets (older GitHub Enterprise Server).
 */
export function hashReleaseAsset(
  client: GitHubClient,
  where: AssetRef,
): Promise<{ size: number; digest: string }> {
  const discard = new Writable({ write: (_chunk, _encoding, done) => done() });
  return streamReleaseAsset(client, where, discard);
}
