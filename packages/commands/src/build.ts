import { mkdir, rm, writeFile } from "node:fs/promises";
import { isAbsolute, join, relative, resolve } from "node:path";
import { collectFiles, createArchive, formatSha256Sums, sha256Bytes } from "@fastdeploy/artifact";
import {
  archiveFileName,
  FastDeployError,
  formatSize,
  MANIFEST_SCHEMA,
  type Manifest,
  manifestFileName,
  NAME_PATTERN,
  resolveVersion,
  serializeManifest,
} from "@fastdeploy/core";
import { runStepEnvironment } from "./command-environment.js";
import type { Log, WorkflowArtifacts } from "./ports.js";
import { runShell } from "./shell.js";

export class BuildError extends FastDeployError {
  override name = "BuildError";
}

export interface BuildOptions {
  /** GITHUB_WORKSPACE: relative paths below are resolved from here. */
  workspace: string;
  workingDirectory: string;
  /** Files, directories and globs relative to workingDirectory. */
  paths: string[];
  name: string;
  /** Explicit version; otherwise the ref decides (tag → its version, branch → prerelease). */
  version?: string;
  tagPrefix?: string;
  /** The newest release before this build: a branch build's prerelease follows it. */
  baseVersion?: string;
  command?: string;
  outputDir: string;
  upload: boolean;
  source: { repository: string; commit: string; ref: string };
  run: { id: number; attempt: number; number: number; workflow: string; url: string };
  builderVersion: string;
  now: Date;
  gzipLevel?: number;
}

export interface BuildResult {
  version: string;
  archive: string;
  manifest: string;
  checksums: string;
  digest: string;
  size: number;
  fileCount: number;
  artifactId?: number;
  artifactName?: string;
}

/** The workflow artifact build hands to publish: `<name>-<version>`. */
export const artifactName = (name: string, version: string) => `${name}-${version}`;

/**
 * Builds once: runs the build command, packs the outputs into a reproducible archive,
 * describes it in a manifest, and writes SHA256SUMS for both. Nothing is left half-written:
 * on failure the three outputs are removed.
 */
export async function build(
  options: BuildOptions,
  ports: { log: Log; artifacts?: WorkflowArtifacts },
): Promise<BuildResult> {
  const { log } = ports;
  if (!NAME_PATTERN.test(options.name)) {
    throw new BuildError(
      `Artifact name "${options.name}" is not usable in file and asset names: use 1-100 letters, digits, ".", "_" or "-", starting with a letter or digit.`,
    );
  }
  const version = resolveVersion({
    ref: options.source.ref,
    sha: options.source.commit,
    ...(options.tagPrefix !== undefined ? { tagPrefix: options.tagPrefix } : {}),
    ...(options.run.number ? { runNumber: options.run.number } : {}),
    ...(options.version ? { explicit: options.version } : {}),
    ...(options.baseVersion ? { baseVersion: options.baseVersion } : {}),
  });
  const cwd = resolve(options.workspace, options.workingDirectory);
  const outputDir = resolve(options.workspace, options.outputDir);

  if (options.command) {
    const command = options.command;
    const result = await log.group(`Build: ${command}`, () =>
      runShell(command, {
        cwd,
        // What a `run:` step would get: no inputs, no token, no runtime credentials.
        env: { ...runStepEnvironment(process.env), FASTDEPLOY_VERSION: version },
        onLine: (line) => log.info(line),
      }),
    );
    if (result.exitCode !== 0) {
      throw new BuildError(
        `The build command exited with code ${result.exitCode}: ${command}. Fix the build (its output is above) and run again.`,
      );
    }
  }

  const collected = await collectFiles({ cwd, patterns: options.paths });
  // The output directory may sit inside the packed tree (e.g. path: "."); never pack our own outputs.
  const rel = relative(cwd, outputDir);
  const insideTree = rel === "" || (!rel.startsWith("..") && !isAbsolute(rel));
  const files = insideTree
    ? collected.filter((f) => f.path !== rel && !f.path.startsWith(`${rel}/`))
    : collected;
  if (files.length === 0) {
    throw new BuildError(
      `Nothing to pack: path (${options.paths.join(", ")}) matched only the output directory.`,
    );
  }

  await mkdir(outputDir, { recursive: true });
  const archivePath = join(outputDir, archiveFileName(options.name, version));
  const manifestPath = join(outputDir, manifestFileName(options.name, version));
  const checksumsPath = join(outputDir, "SHA256SUMS");
  try {
    const archive = await log.group(`Pack ${files.length} files`, () =>
      createArchive({
        root: cwd,
        files,
        out: archivePath,
        ...(options.gzipLevel ? { gzipLevel: options.gzipLevel } : {}),
      }),
    );
    const manifest: Manifest = {
      schema: MANIFEST_SCHEMA,
      name: options.name,
      version,
      source: options.source,
      build: {
        run_id: options.run.id,
        run_attempt: options.run.attempt,
        workflow: options.run.workflow,
        run_url: options.run.url,
        builder_version: options.builderVersion,
      },
      created_at: `${options.now.toISOString().slice(0, 19)}Z`,
      archive: {
        name: archiveFileName(options.name, version),
        size: archive.size,
        digest: archive.digest,
      },
      files: archive.files,
    };
    const manifestText = serializeManifest(manifest);
    await writeFile(manifestPath, manifestText);
    const manifestDigest = sha256Bytes(Buffer.from(manifestText)).digest;
    await writeFile(
      checksumsPath,
      formatSha256Sums([
        { name: manifest.archive.name, digest: archive.digest },
        { name: manifestFileName(options.name, version), digest: manifestDigest },
      ]),
    );
    log.info(
      `Packed ${options.name} ${version}: ${files.length} files, ${formatSize(archive.size)}, ${archive.digest}`,
    );

    const result: BuildResult = {
      version,
      archive: archivePath,
      manifest: manifestPath,
      checksums: checksumsPath,
      digest: archive.digest,
      size: archive.size,
      fileCount: archive.files.length,
    };
    if (options.upload && ports.artifacts) {
      const name = artifactName(options.name, version);
      const uploader = ports.artifacts;
      const uploaded = await log.group(`Upload workflow artifact ${name}`, () =>
        uploader.upload(name, [archivePath, manifestPath, checksumsPath], outputDir),
      );
      result.artifactId = uploaded.id;
      result.artifactName = name;
    }
    return result;
  } catch (error) {
    await Promise.all(
      [archivePath, manifestPath, checksumsPath].map((p) => rm(p, { force: true })),
    );
    throw error;
  }
}
