import { createHash } from "node:crypto";
import { Readable, Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import type { GitHubClient } from "./octokit.js";
import { AssetDownloadError, type RepoRef } from "./release-assets.js";

/**
 * The digest of a release asset computed from its bytes, streamed and never stored: for
 * servers that do not report `digest` on assets (older GitHub Enterprise Server). Handles the
 * 302-to-signed-URL and 200 answers like `downloadReleaseAsset`.
 */
export async function hashReleaseAsset(
  client: GitHubClient,
  where: RepoRef & { assetId: number; name: string },
): Promise<{ size: number; digest: string }> {
  const response = await client.request("GET /repos/{owner}/{repo}/releases/assets/{asset_id}", {
    owner: where.owner,
    repo: where.repo,
    asset_id: where.assetId,
    headers: { accept: "application/octet-stream" },
    request: { redirect: "manual", parseSuccessResponseBody: false },
  });
  let body = response.data as unknown as WebReadableStream<Uint8Array> | null;
  const status = response.status as number;
  if (status >= 300 && status < 400) {
    await body?.cancel().catch(() => {});
    const location = response.headers.location;
    if (!location) {
      throw new AssetDownloadError(
        `Download of ${where.name} answered ${status} without a Location.`,
      );
    }
    // No Authorization header: the signed URL carries its own credential.
    const cdn = await fetch(location, { headers: { accept: "application/octet-stream" } });
    if (!cdn.ok || !cdn.body) {
      throw new AssetDownloadError(
        `Download of ${where.name} from its signed URL failed with HTTP ${cdn.status}.`,
      );
    }
    body = cdn.body as unknown as WebReadableStream<Uint8Array>;
  }
  if (!body) throw new AssetDownloadError(`Download of ${where.name} returned no content.`);
  const hash = createHash("sha256");
  let size = 0;
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      size += chunk.length;
      done();
    },
  });
  try {
    await pipeline(Readable.fromWeb(body), sink);
  } catch (error) {
    throw new AssetDownloadError(
      `Download of ${where.name} failed: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return { size, digest: `sha256:${hash.digest("hex")}` };
}
