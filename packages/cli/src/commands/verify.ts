import { resolve } from "node:path";
import { verifyRelease } from "@fastdeploy/commands";
import {
  FastDeployError,
  formatSize,
  isValidVersion,
  parseSize,
  versionFromInput,
} from "@fastdeploy/core";
import { CliFailure, EXIT_OK, UsageError } from "../errors.js";
import { type Io, printJson, progressLog } from "../io.js";
import {
  connect,
  flag,
  listOption,
  type ParsedArgs,
  readLocalConfig,
  stringOption,
} from "../options.js";

export const VERIFY_OPTIONS = {
  "require-files": { type: "string" },
  "max-size": { type: "string" },
  "download-dir": { type: "string" },
} as const;

/**
 * `fastdeploy verify <version>`: downloads the published release's assets and checks them
 * exactly as distribute does before a deploy (SHA256SUMS, manifest, every archive entry).
 */
export async function verifyCommand(parsed: ParsedArgs, io: Io): Promise<number> {
  const version = versionFromInput(parsed.positionals[0] ?? "");
  if (!isValidVersion(version)) {
    throw new UsageError(
      `"${parsed.positionals[0]}" is not a SemVer version such as 1.2.3`,
      "verify",
    );
  }
  let maxSize: number | undefined;
  const maxSizeText = stringOption(parsed, "max-size");
  if (maxSizeText !== undefined) {
    try {
      maxSize = parseSize(maxSizeText);
    } catch (error) {
      throw new UsageError((error as Error).message, "verify");
    }
  }
  const { client, repo } = connect(parsed, io, "verify");
  const config = await readLocalConfig(parsed, io.cwd);
  const downloadDir = stringOption(parsed, "download-dir");
  let verified: Awaited<ReturnType<typeof verifyRelease>>;
  try {
    verified = await verifyRelease(
      {
        repo,
        version,
        tagPrefix: config?.tagPrefix ?? "v",
        ...(listOption(parsed, "require-files")
          ? { requireFiles: listOption(parsed, "require-files") }
          : {}),
        ...(maxSize !== undefined ? { maxSize } : {}),
        ...(downloadDir ? { downloadDir: resolve(io.cwd, downloadDir) } : {}),
      },
      { log: progressLog(io, { verbose: flag(parsed, "verbose") }), github: client },
    );
  } catch (error) {
    // Domain errors already say what was wrong and what to do.
    if (error instanceof FastDeployError) throw new CliFailure(error.message);
    throw error;
  }
  const result = {
    verified: true,
    name: verified.manifest.name,
    version: verified.version,
    tag: verified.tag,
    digest: verified.digest,
    size: verified.size,
    files: verified.manifest.files.length,
    commit: verified.manifest.source.commit,
    release_url: verified.releaseUrl,
    ...(downloadDir ? { downloaded_to: resolve(io.cwd, downloadDir) } : {}),
  };
  if (flag(parsed, "json")) {
    printJson(io, result);
    return EXIT_OK;
  }
  io.stdout(
    `Verified ${result.name} ${result.version} (${result.tag})\n` +
      `  digest   ${result.digest}\n` +
      `  size     ${formatSize(result.size)}, ${result.files} files\n` +
      `  commit   ${result.commit}\n` +
      `  release  ${result.release_url}\n`,
  );
  return EXIT_OK;
}
