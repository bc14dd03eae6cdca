import { createHash } from "node:crypto";
import { createWriteStream } from "node:fs";
import { rm } from "node:fs/promises";
import { type Readable, Transform, Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { FastDeployError } from "@fastdeploy/core";
import { transportFetch } from "./http-transport.js";
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
  /** The bytes themselves, when asked for with `keep` and no larger than it. */
  bytes?: Buffer;
}

export interface DownloadOptions {
  signal?: AbortSignal | undefined;
  /**
   * Receives the bytes as they arrive; destroyed with the error if the download fails, so it
   * needs an 'error' listener of its own (or a consumer reading it).
   */
  copy?: Writable | undefined;
  /**
   * Keep the bytes in memory too when the asset is at most this many bytes (small files a
   * caller reads at once), so they need not be read back from disk.
   */
  keep?: number | undefined;
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
  // The transport's body (http-transport.ts): a Node stream, not a web one.
  let body = response.data as unknown as Readable | null;
  const status = response.status as number;
  if (status >= 300 && status < 400) {
    // Drain the redirect body so the connection can be reused.
    body?.resume();
    const location = response.headers.location;
    if (!location) {
      throw new AssetDownloadError(
        `Download of ${where.name} answered ${status} without a Location.`,
      );
    }
    const cdn = await transportFetch(location, {
      headers: { accept: "application/octet-stream" },
      signal,
    });
    if (!cdn.ok) {
      cdn.body.resume();
      throw new AssetDownloadError(
        `Download of ${where.name} from its signed URL failed with HTTP ${cdn.status}.`,
      );
    }
    body = cdn.body;
  }
  if (!body) throw new AssetDownloadError(`Download of ${where.name} returned no content.`);
  return body;
}

/**
 * Streams a release asset into `sink` (a file, or nothing), hashing on the way, so memory
 * stays flat for multi-GiB assets. With `copy`, the same bytes go there too as they arrive
 * (a consumer such as an extractor that works while the asset downloads); the download waits
 * for it as for the sink, and goes on without it once it is destroyed.
 */
async function streamReleaseAsset(
  client: GitHubClient,
  where: AssetRef,
  /** Made once the asset answers: a failed request must not leave a file open. */
  sink: () => Writable,
  options: DownloadOptions = {},
): Promise<{ size: number; digest: string; bytes?: Buffer }> {
  const { signal, copy, keep = 0 } = options;
  let kept: Buffer[] | undefined = keep > 0 ? [] : undefined;
  const source = await openReleaseAsset(client, where, signal).catch((error: unknown) => {
    copy?.destroy(error as Error);
    throw error;
  });
  const hash = createHash("sha256");
  let size = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      size += chunk.length;
      if (kept && size <= keep) kept.push(chunk);
      else kept = undefined;
      if (!copy || copy.destroyed || copy.write(chunk)) {
        done(null, chunk);
        return;
      }
      const resume = () => {
        copy.off("drain", resume);
        copy.off("close", resume);
        done(null, chunk);
      };
      copy.on("drain", resume);
      copy.on("close", resume);
    },
    flush(done) {
      if (copy && !copy.destroyed) copy.end();
      done();
    },
  });
  try {
    await pipeline(source, tap, sink(), ...(signal ? [{ signal }] : []));
  } catch (error) {
    const failure = new AssetDownloadError(
      `Download of ${where.name} failed: ${error instanceof Error ? error.message : String(error)}`,
    );
    copy?.destroy(failure);
    throw failure;
  }
  return {
    size,
    digest: `sha256:${hash.digest("hex")}`,
    ...(kept ? { bytes: Buffer.concat(kept) } : {}),
  };
}

/**
 * Downloads a release asset to `dest` (which must not exist), streaming and hashing; an abort
 * stops it and removes what was written.
 */
export async function downloadReleaseAsset(
  client: GitHubClient,
  where: AssetRef,
  dest: string,
  options: DownloadOptions = {},
): Promise<DownloadedAsset> {
  try {
    const { size, digest, bytes } = await streamReleaseAsset(
      client,
      where,
      () => createWriteStream(dest, { flags: "wx" }),
      options,
    );
    return { path: dest, size, digest, ...(bytes ? { bytes } : {}) };
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
  return streamReleaseAsset(
    client,
    where,
    () => new Writable({ write: (_chunk, _encoding, done) => done() }),
  );
}
