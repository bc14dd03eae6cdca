import {
  type GitHubClient,
  hashReleaseAsset,
  type Release,
  type ReleaseAsset,
  type ReleaseStore,
  ReleaseTagTakenError,
  type RepoRef,
  uploadReleaseAsset,
} from "@fastdeploy/github";
import type { Log } from "./ports.js";
import type { PublishFile } from "./publish-files.js";
import { PublishError, planAssets } from "./publish-plan.js";

/**
 * Filling a draft: upload what is missing, remove what is partial or foreign, and confirm the
 * draft holds exactly the three assets before anyone publishes it.
 */

export interface DraftContext {
  github: GitHubClient;
  log: Log;
  store: ReleaseStore;
  repo: RepoRef;
  tag: string;
  files: readonly PublishFile[];
}

/** Passes of upload → check before giving up on a draft that keeps changing. */
const MAX_PASSES = 3;

/**
 * Assets that match a wanted file by name, state and size but carry no digest (older GitHub
 * Enterprise Server) get one computed from their bytes; the rest are returned as they are.
 */
export async function withDigests(
  github: GitHubClient,
  repo: RepoRef,
  assets: readonly ReleaseAsset[],
  files: readonly PublishFile[],
): Promise<ReleaseAsset[]> {
  return Promise.all(
    assets.map(async (asset) => {
      const wanted = files.find((f) => f.name === asset.name);
      const candidate = asset.state === "uploaded" && asset.size === wanted?.size;
      if (asset.digest !== null || !candidate) return asset;
      const { digest } = await hashReleaseAsset(github, {
        ...repo,
        assetId: asset.id,
        name: asset.name,
      });
      return { ...asset, digest };
    }),
  );
}

/**
 * Makes the draft hold exactly the three assets, then checks that it does: a concurrent run
 * completing the same draft may have removed an upload of ours that it took for partial.
 */
export async function completeDraft(ctx: DraftContext, draft: Release): Promise<Release> {
  const { github, log, store, repo, files } = ctx;
  let current = draft;
  for (let pass = 1; ; pass++) {
    const plan = planAssets(files, await withDigests(github, repo, current.assets, files));
    for (const asset of plan.keep.values()) log.info(`${asset.name}: already on the draft.`);
    for (const asset of plan.remove) {
      log.info(`${asset.name}: removing a ${asset.state} asset of ${asset.size} bytes.`);
      await store.deleteAsset(asset.id);
    }
    const ours = new Map(plan.keep);
    // The (at most three) uploads go out together: a release's assets are independent, and
    // each streams from its file, so memory stays flat. Every upload ends before the check.
    const uploads = await Promise.allSettled(
      plan.upload.map(async (want) => {
        const file = files.find((f) => f.name === want.name)!;
        const started = Date.now();
        const asset = await uploadReleaseAsset(github, repo, current, file);
        const seconds = Math.max(0.001, (Date.now() - started) / 1000);
        log.info(
          `${file.name}: uploaded ${file.size} bytes in ${seconds.toFixed(1)} s ` +
            `(${(file.size / 1048576 / seconds).toFixed(1)} MiB/s).`,
        );
        ours.set(file.name, asset);
      }),
    );
    const failed = uploads.find((u) => u.status === "rejected");
    if (failed) throw failed.reason;
    const fresh = await store.get(current.id);
    // Published by another run completing the same draft: nothing is left for this one to do.
    if (!fresh.draft) throw new ReleaseTagTakenError(ctx.tag);
    const intact = files.every((f) => {
      const asset = fresh.assets.find((a) => a.name === f.name);
      return (
        asset?.state === "uploaded" &&
        asset.size === f.size &&
        (asset.digest === f.digest || (asset.digest === null && asset.id === ours.get(f.name)?.id))
      );
    });
    const foreign = fresh.assets.some((a) => !files.some((f) => f.name === a.name));
    if (intact && !foreign) return fresh;
    if (pass >= MAX_PASSES) {
      throw new PublishError(
        `Draft ${current.id} kept changing while assets were uploaded (another run is ` +
          "completing it); run the step again.",
      );
    }
    log.info(`Draft ${current.id} changed during the upload; completing it again.`);
    current = fresh;
  }
}
