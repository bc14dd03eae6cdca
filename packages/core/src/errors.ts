/**
 * Typed errors of the domain. Every message says what was wrong and what to do, so an action
 * can hand it to `core.setFailed` unchanged; the extra fields let a face add annotations.
 */

/** Base class: anything thrown on purpose by FastDeploy because of user input. */
export abstract class FastDeployError extends Error {
  override name = "FastDeployError";
}

/** A manifest is malformed, oversized or inconsistent. `field` is a JSON path like `files[3].digest`. */
export class ManifestError extends FastDeployError {
  override name = "ManifestError";
  constructor(
    readonly file: string,
    readonly field: string | undefined,
    detail: string,
  ) {
    super(field ? `${file}: ${field} ${detail}` : `${file}: ${detail}`);
  }
}

/** A version, tag or ref cannot give a SemVer version. */
export class VersionError extends FastDeployError {
  override name = "VersionError";
}

/** The config file is invalid; `line` and `column` are 1-based and point at the offending node. */
export class ConfigError extends FastDeployError {
  override name = "ConfigError";
  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: number,
    readonly detail: string,
  ) {
    super(`${file}:${line}:${column}: ${detail}`);
  }
}

/** A size such as `500MB` cannot be read. */
export class SizeError extends FastDeployError {
  override name = "SizeError";
}
