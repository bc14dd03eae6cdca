import { FastDeployError } from "@fastdeploy/core";
import type { ReleaseAsset } from "@fastdeploy/github";

/**
 * What to do with the assets a draft already holds (a crashed run's leftover, or one being
 * completed again): keep the ones that are exactly the wanted bytes, remove partial, different
 * and foreign ones, upload the rest. Pure, so every case is tested without a server.
 */

export interface WantedAsset {
  name: string;
  size: number;
  digest: string;
}

export interface AssetPlan {
  /** Wanted name → the asset on the release that already holds its bytes. */
  keep: Map<string, ReleaseAsset>;
  /** Partial uploads (state not `uploaded`), wrong sizes or digests, names not wanted. */
  remove: ReleaseAsset[];
  upload: WantedAsset[];
  /** Complete and the right size, but the server gave no digest: hash them, then plan again. */
  unknownDigest: ReleaseAsset[];
}

export function planAssets(wanted: readonly WantedAsset[], existing: readonly ReleaseAsset[]) {
  const plan: AssetPlan = { keep: new Map(), remove: [], upload: [], unknownDigest: [] };
  const byName = new Map(wanted.map((w) => [w.name, w]));
  for (const asset of existing) {
    const want = byName.get(asset.name);
    const complete = asset.state === "uploaded" && want !== undefined && asset.size === want.size;
    if (complete && asset.digest === want.digest && !plan.keep.has(asset.name)) {
      plan.keep.set(asset.name, asset);
    } else if (complete && asset.digest === null) {
      plan.unknownDigest.push(asset);
    } else {
      plan.remove.push(asset);
    }
  }
  const pending = new Set(plan.unknownDigest.map((a) => a.name));
  plan.upload = wanted.filter((w) => !plan.keep.has(w.name) && !pending.has(w.name));
  return plan;
}

export interface ContentDifference {
  name: string;
  /** What the release holds: `sha256:<hex>`, or undefined when the asset is missing. */
  published?: string;
  publishedSize?: number;
  local: string;
  localSize: number;
}

/**
 * How a published release differs from the local files: a wanted asset missing or holding other
 * bytes. Assets the release has beyond the wanted ones are not differences.
 */
export function contentDifferences(
  wanted: readonly WantedAsset[],
  published: readonly ReleaseAsset[],
): ContentDifference[] {
  const differences: ContentDifference[] = [];
  for (const want of wanted) {
    const asset = published.find((a) => a.name === want.name && a.state === "uploaded");
    if (!asset || asset.size !== want.size || asset.digest !== want.digest) {
      differences.push({
        name: want.name,
        published: asset ? (asset.digest ?? "no digest") : undefined,
        publishedSize: asset?.size,
        local: want.digest,
        localSize: want.size,
      });
    }
  }
  return differences;
}

export class PublishError extends FastDeployError {
  override name = "PublishError";
}

/** A published release holds other bytes than the ones being published. */
export class ReleaseContentError extends PublishError {
  override name = "ReleaseContentError";
}

/** The error for a published release that differs, naming each asset and both digests. */
export function contentError(tag: string, differences: readonly ContentDifference[]) {
  const lines = differences.map((d) =>
    d.published === undefined
      ? `${d.name} is missing from the release (local ${d.local}, ${d.localSize} bytes)`
      : `${d.name} is ${d.published} (${d.publishedSize} bytes) on the release but ` +
        `${d.local} (${d.localSize} bytes) here`,
  );
  return new ReleaseContentError(
    `Release ${tag} is already published with different content: ${lines.join("; ")}. ` +
      "A published release is never changed: build and publish a new version.",
  );
}
