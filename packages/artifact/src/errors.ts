import { FastDeployError } from "@fastdeploy/core";

/** An archive cannot be written, read or extracted; `entry` names the tar entry at fault. */
export class ArchiveError extends FastDeployError {
  override name = "ArchiveError";
  constructor(
    readonly entry: string | undefined,
    detail: string,
  ) {
    super(entry === undefined ? detail : `entry "${entry}": ${detail}`);
  }
}

/** A path pattern matched nothing, or matched something that cannot be packaged. */
export class FileMatchError extends FastDeployError {
  override name = "FileMatchError";
  constructor(
    readonly pattern: string,
    detail: string,
  ) {
    super(`path "${pattern}": ${detail}`);
  }
}

/** A SHA256SUMS file is malformed or does not match. `line` is 1-based when known. */
export class ChecksumError extends FastDeployError {
  override name = "ChecksumError";
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    detail: string,
  ) {
    super(line === undefined ? `${file}: ${detail}` : `${file}:${line}: ${detail}`);
  }
}
