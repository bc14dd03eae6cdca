import { archivePathProblem, comparePaths, utf8Length } from "./archive-path.js";
import { ManifestError } from "./errors.js";
import { isValidVersion } from "./version.js";

/**
 * The manifest `<name>-<version>.manifest.json` that travels with every archive. The JSON
 * Schema in docs/manifest.schema.json describes the same shape; the parser also checks what a
 * schema cannot say (sorted unique paths, no file under another file, size limits).
 */
export const MANIFEST_SCHEMA = "fastdeploy/manifest@1";
/** A larger manifest is refused before parsing, so a hostile one cannot exhaust memory. */
export const MAX_MANIFEST_BYTES = 16 * 1024 * 1024;
export const MAX_MANIFEST_FILES = 200_000;

/** Modes are normalised: executable files are 0755, everything else 0644. */
export type FileMode = "0644" | "0755";

export interface ManifestFile {
  /** Relative POSIX path, normalised; see `archivePathProblem`. */
  path: string;
  size: number;
  /** `sha256:<64 lowercase hex>` */
  digest: string;
  mode: FileMode;
}

export interface Manifest {
  schema: typeof MANIFEST_SCHEMA;
  name: string;
  version: string;
  source: { repository: string; commit: string; ref: string };
  build: {
    /** 0 for a build outside GitHub Actions (the CLI demo). */
    run_id: number;
    run_attempt: number;
    workflow: string;
    /** Empty outside GitHub Actions. */
    run_url: string;
    builder_version: string;
  };
  /** RFC 3339 UTC timestamp, e.g. 2026-01-31T12:00:00Z. */
  created_at: string;
  archive: { name: string; size: number; digest: string };
  /** Sorted by the UTF-8 bytes of `path` (see `comparePaths`). */
  files: ManifestFile[];
}

export const DIGEST_PATTERN = /^sha256:[0-9a-f]{64}$/;
export const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
const COMMIT = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;
const REPOSITORY = /^[A-Za-z0-9-]+\/[A-Za-z0-9._-]+$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?Z$/;
const ARCHIVE_NAME = /^[A-Za-z0-9][A-Za-z0-9._+-]*\.tar\.gz$/;
const KEYS = {
  root: ["schema", "name", "version", "source", "build", "created_at", "archive", "files"],
  source: ["repository", "commit", "ref"],
  build: ["run_id", "run_attempt", "workflow", "run_url", "builder_version"],
  archive: ["name", "size", "digest"],
  file: ["path", "size", "digest", "mode"],
} as const;

/** `<name>-<version>.tar.gz` */
export function archiveFileName(name: string, version: string): string {
  return `${name}-${version}.tar.gz`;
}

/** `<name>-<version>.manifest.json` */
export function manifestFileName(name: string, version: string): string {
  return `${name}-${version}.manifest.json`;
}

/** Canonical text: keys in schema order, two-space indent, final newline. */
export function serializeManifest(manifest: Manifest): string {
  const ordered = {
    schema: manifest.schema,
    name: manifest.name,
    version: manifest.version,
    source: pick(manifest.source, KEYS.source),
    build: pick(manifest.build, KEYS.build),
    created_at: manifest.created_at,
    archive: pick(manifest.archive, KEYS.archive),
    files: manifest.files.map((file) => pick(file, KEYS.file)),
  };
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

/** Parses and validates manifest text; throws `ManifestError` naming `fileName` and the field. */
export function parseManifest(text: string, fileName: string): Manifest {
  const fail = (field: string | undefined, detail: string): never => {
    throw new ManifestError(fileName, field, detail);
  };
  if (text.length > MAX_MANIFEST_BYTES || utf8Length(text) > MAX_MANIFEST_BYTES) {
    fail(undefined, `oversized manifest: more than ${MAX_MANIFEST_BYTES} bytes`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    fail(undefined, `is not valid JSON (${(error as Error).message})`);
  }
  const root = object(data, "the manifest", KEYS.root, fail);
  if (root.schema !== MANIFEST_SCHEMA) fail("schema", `must be "${MANIFEST_SCHEMA}"`);
  const name = string(root.name, "name", fail);
  if (!NAME_PATTERN.test(name)) {
    fail("name", "must be 1-100 letters, digits, '.', '_' or '-', starting with a letter or digit");
  }
  const version = string(root.version, "version", fail);
  if (!isValidVersion(version)) fail("version", "must be a SemVer version such as 1.4.2");

  const source = object(root.source, "source", KEYS.source, fail);
  if (!REPOSITORY.test(string(source.repository, "source.repository", fail))) {
    fail("source.repository", "must be owner/name");
  }
  if (!COMMIT.test(string(source.commit, "source.commit", fail))) {
    fail("source.commit", "must be a full commit SHA (40 or 64 lowercase hex)");
  }
  string(source.ref, "source.ref", fail);

  const build = object(root.build, "build", KEYS.build, fail);
  integer(build.run_id, "build.run_id", 0, fail);
  integer(build.run_attempt, "build.run_attempt", 1, fail);
  string(build.workflow, "build.workflow", fail);
  const runUrl = string(build.run_url, "build.run_url", fail);
  if (runUrl !== "" && !/^https?:\/\/\S+$/.test(runUrl)) {
    fail("build.run_url", "must be an http(s) URL or empty");
  }
  string(build.builder_version, "build.builder_version", fail);

  const createdAt = string(root.created_at, "created_at", fail);
  if (!TIMESTAMP.test(createdAt) || Number.isNaN(Date.parse(createdAt))) {
    fail("created_at", "must be an RFC 3339 UTC timestamp such as 2026-01-31T12:00:00Z");
  }

  const archive = object(root.archive, "archive", KEYS.archive, fail);
  if (!ARCHIVE_NAME.test(string(archive.name, "archive.name", fail))) {
    fail("archive.name", "must be a file name ending in .tar.gz");
  }
  integer(archive.size, "archive.size", 0, fail);
  digest(archive.digest, "archive.digest", fail);

  if (!Array.isArray(root.files)) fail("files", "must be an array");
  const files = root.files as unknown[];
  if (files.length > MAX_MANIFEST_FILES) {
    fail("files", `oversized manifest: more than ${MAX_MANIFEST_FILES} files`);
  }
  checkFiles(files, fail);
  return data as Manifest;
}

type Fail = (field: string | undefined, detail: string) => never;

function checkFiles(files: unknown[], fail: Fail): void {
  const paths = new Set<string>();
  let previous: string | undefined;
  files.forEach((item, index) => {
    const at = `files[${index}]`;
    const file = object(item, at, KEYS.file, fail);
    const path = string(file.path, `${at}.path`, fail);
    const problem = archivePathProblem(path);
    if (problem) fail(`${at}.path`, `${problem}: "${path}"`);
    if (previous !== undefined) {
      const order = comparePaths(previous, path);
      if (order === 0) fail(`${at}.path`, `duplicates files[${index - 1}].path "${path}"`);
      if (order > 0) fail(`${at}.path`, `"${path}" must sort after "${previous}" (byte order)`);
    }
    previous = path;
    paths.add(path);
    integer(file.size, `${at}.size`, 0, fail);
    digest(file.digest, `${at}.digest`, fail);
    if (file.mode !== "0644" && file.mode !== "0755")
      fail(`${at}.mode`, 'must be "0644" or "0755"');
  });
  // A file cannot also be a directory of another entry; extraction could not create both.
  for (const path of paths) {
    for (let cut = path.indexOf("/"); cut !== -1; cut = path.indexOf("/", cut + 1)) {
      const parent = path.slice(0, cut);
      if (paths.has(parent)) fail("files", `"${path}" is inside "${parent}", which is a file`);
    }
  }
}

function object<K extends string>(
  value: unknown,
  field: string,
  keys: readonly K[],
  fail: Fail,
): Record<K, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    fail(field === "the manifest" ? undefined : field, "must be an object");
  }
  const record = value as Record<string, unknown>;
  const prefix = field === "the manifest" ? "" : `${field}.`;
  for (const key of Object.keys(record)) {
    if (!(keys as readonly string[]).includes(key)) {
      fail(`${prefix}${key}`, `is not a manifest field (expected ${keys.join(", ")})`);
    }
  }
  for (const key of keys) if (!(key in record)) fail(`${prefix}${key}`, "is missing");
  return record as Record<K, unknown>;
}

function string(value: unknown, field: string, fail: Fail): string {
  if (typeof value !== "string") fail(field, "must be a string");
  return value as string;
}

function integer(value: unknown, field: string, min: number, fail: Fail): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < min) {
    fail(field, `must be an integer >= ${min}`);
  }
  return value as number;
}

function digest(value: unknown, field: string, fail: Fail): void {
  if (typeof value !== "string" || !DIGEST_PATTERN.test(value)) {
    fail(field, "must be sha256:<64 hex>");
  }
}

function pick<T extends object, K extends keyof T>(value: T, keys: readonly K[]): Pick<T, K> {
  const out = {} as Pick<T, K>;
  for (const key of keys) out[key] = value[key];
  return out;
}
