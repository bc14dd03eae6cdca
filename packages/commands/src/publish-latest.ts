import { isPrerelease, isValidVersion, tagForVersion, versionFromInput } from "@fastdeploy/core";
import { ReleaseStore } from "@fastdeploy/github";
import type { PublishOptions, PublishPorts, PublishResult } from "./publish.js";
import { PublishError } from "./publish-plan.js";

/**
 * `publish` with only `version` and `make-latest: true`: marks the already published release
 * of that version latest, and nothing else. The release workflows run this in a job of its
 * own that holds `contents: write` and runs no user code, so the job that runs the deploy
 * command never needs that permission (docs/security.md). A prerelease is left alone: GitHub
 * never marks one latest. Two requests.
 */
export async function markPublishedLatest(
  options: Pick<PublishOptions, "repo" | "version" | "tag" | "tagPrefix">,
  ports: Pick<PublishPorts, "github" | "log">,
): Promise<PublishResult> {
  const startRequests = ports.github.requestCount();
  const version = versionFromInput(options.version ?? "");
  if (!isValidVersion(version)) {
    throw new PublishError(
      `version "${options.version ?? ""}" is not a SemVer version: give the published version to mark latest, e.g. 1.2.3.`,
    );
  }
  const tag = options.tag ?? tagForVersion(version, options.tagPrefix ?? "v");
  const store = new ReleaseStore(ports.github, options.repo);
  const found = await store.getByTag(tag);
  if (!found) {
    throw new PublishError(
      `No published release has the tag ${tag}: publish ${version} first (with its archive, manifest and checksums, or artifact), then mark it latest.`,
    );
  }
  let release = found;
  if (isPrerelease(version) || found.prerelease) {
    ports.log.info(
      `${tag} is a prerelease; GitHub never marks one latest, so it is left as it is.`,
    );
  } else {
    release = await store.makeLatest(found.id);
    ports.log.info(`Marked ${tag} as the latest release.`);
  }
  return {
    status: "already_published",
    version,
    tag,
    commit: release.targetCommitish,
    releaseId: release.id,
    releaseUrl: release.htmlUrl,
    prerelease: release.prerelease,
    assets: release.assets.map((a) => ({
      name: a.name,
      size: a.size,
      digest: a.digest ?? "",
      url: a.url,
    })),
    requests: ports.github.requestCount() - startRequests,
  };
}
