import * as core from "@actions/core";
import { verifyArtifact, verifyRelease } from "@fastdeploy/commands";
import { formatSize, parseSize } from "@fastdeploy/core";
import { InputError, listInput, optionalInput } from "./inputs.js";
import { runAction } from "./run-action.js";
import { actionLog, githubClient, setupAction } from "./setup.js";

await runAction(async () => {
  const { context, config, repo } = await setupAction();
  const archive = optionalInput("archive");
  const manifest = optionalInput("manifest");
  const checksums = optionalInput("checksums");
  const version = optionalInput("version");
  const maxSizeText = optionalInput("max-size");
  const policy = {
    ...(listInput("require-files") ? { requireFiles: listInput("require-files") } : {}),
    ...(maxSizeText ? { maxSize: parseSize(maxSizeText) } : {}),
  };

  if (version && (archive || manifest)) {
    throw new InputError(
      'Give either "version" (verify a published release) or "archive" and "manifest" (verify local files), not both.',
    );
  }
  let result: {
    version: string;
    digest: string;
    size: number;
    source: string;
    files: number;
    checked: string;
  };
  if (version) {
    const verified = await verifyRelease(
      { repo, version, tagPrefix: config.tagPrefix, ...policy },
      { log: actionLog, github: githubClient(context) },
    );
    result = {
      version: verified.version,
      digest: verified.digest,
      size: verified.size,
      source: `release <a href="${verified.releaseUrl}">${verified.tag}</a>`,
      files: verified.manifest.files.length,
      checked: "SHA256SUMS, the manifest and every file in the archive match.",
    };
  } else {
    if (!archive || !manifest) {
      throw new InputError(
        'Nothing to verify: set "archive" and "manifest" (local files from actions/build), or "version" (a published release).',
      );
    }
    const verified = await verifyArtifact(
      { archive, manifest, ...(checksums ? { checksums } : {}) },
      policy,
      { log: actionLog },
    );
    result = {
      version: verified.version,
      digest: verified.digest,
      size: verified.size,
      source: "local files",
      files: verified.manifest.files.length,
      checked: checksums
        ? "SHA256SUMS, the manifest and every file in the archive match."
        : "The manifest and every file in the archive match (no checksums file given).",
    };
  }

  core.setOutput("verified", "true");
  core.setOutput("version", result.version);
  core.setOutput("digest", result.digest);
  await core.summary
    .addHeading(`Verified ${result.version}`, 2)
    .addTable([
      [
        { data: "Source", header: true },
        { data: "Size", header: true },
        { data: "Files", header: true },
        { data: "Digest", header: true },
      ],
      [
        result.source,
        formatSize(result.size),
        String(result.files),
        `<code>${result.digest}</code>`,
      ],
    ])
    .addRaw(`<p>${result.checked}</p>`, true)
    .write();
});
