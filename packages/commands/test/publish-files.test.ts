import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ChecksumError } from "@fastdeploy/artifact";
import { ManifestError } from "@fastdeploy/core";
import { afterAll, describe, expect, it } from "vitest";
import { findArtifactFiles, PublishFilesError, verifyPublishFiles } from "../src/publish-files.js";
import { buildFiles } from "./publish-fixture.js";

const dir = mkdtempSync(join(tmpdir(), "fastdeploy-publish-files-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const COMMIT = "a".repeat(40);
const hex = (data: Buffer | string) => createHash("sha256").update(data).digest("hex");

describe("verifyPublishFiles", () => {
  it("accepts a build's outputs and names the assets", async () => {
    const files = await buildFiles(dir, { version: "1.2.3", commit: COMMIT });
    const verified = await verifyPublishFiles(files);
    expect(verified.manifest.version).toBe("1.2.3");
    expect(verified.files.map((f) => [f.role, f.name, f.contentType])).toEqual([
      ["archive", "shop-1.2.3.tar.gz", "application/gzip"],
      ["manifest", "shop-1.2.3.manifest.json", "application/json"],
      ["checksums", "SHA256SUMS", "text/plain"],
    ]);
    expect(verified.files[0].digest).toBe(files.digest);
    expect(verified.files[2].digest).toBe(`sha256:${hex(readFileSync(files.checksums))}`);
  });

  it("refuses an archive that is not the one SHA256SUMS lists", async () => {
    const files = await buildFiles(dir, { version: "1.2.3", commit: COMMIT });
    writeFileSync(files.archive, "tampered");
    const error = await verifyPublishFiles(files).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChecksumError);
    expect((error as Error).message).toMatch(/shop-1\.2\.3\.tar\.gz should be sha256:/);
  });

  it("refuses a manifest that describes another archive, though SHA256SUMS agrees", async () => {
    const files = await buildFiles(dir, { version: "1.2.3", commit: COMMIT });
    const manifest = JSON.parse(readFileSync(files.manifest, "utf8"));
    manifest.archive.size += 1;
    const text = `${JSON.stringify(manifest, null, 2)}\n`;
    writeFileSync(files.manifest, text);
    writeFileSync(
      files.checksums,
      `${hex(readFileSync(files.archive))}  shop-1.2.3.tar.gz\n${hex(text)}  shop-1.2.3.manifest.json\n`,
    );
    await expect(verifyPublishFiles(files)).rejects.toThrow(/the manifest says/);
  });

  it("refuses SHA256SUMS that misses a file or lists one not published", async () => {
    const files = await buildFiles(dir, { version: "1.2.3", commit: COMMIT });
    const lines = readFileSync(files.checksums, "utf8");
    writeFileSync(files.checksums, lines.split("\n")[0]!.concat("\n"));
    await expect(verifyPublishFiles(files)).rejects.toThrow(/does not list/);
    writeFileSync(files.checksums, `${lines}${"0".repeat(64)}  extra.bin\n`);
    await expect(verifyPublishFiles(files)).rejects.toThrow(/extra\.bin, which would not be/);
  });

  it("refuses an unparseable manifest and a mismatched archive name", async () => {
    const files = await buildFiles(dir, { version: "1.2.3", commit: COMMIT });
    writeFileSync(files.manifest, "{}");
    await expect(verifyPublishFiles(files)).rejects.toBeInstanceOf(ManifestError);
    const other = await buildFiles(dir, { version: "1.2.4", commit: COMMIT });
    await expect(verifyPublishFiles({ ...other, archive: files.archive })).rejects.toBeInstanceOf(
      PublishFilesError,
    );
    await expect(
      verifyPublishFiles({ ...other, archive: join(dir, "missing.tar.gz") }),
    ).rejects.toThrow(/cannot be read \(ENOENT\)/);
  });
});

describe("findArtifactFiles", () => {
  it("finds the three files in a downloaded artifact, in subfolders too", async () => {
    const root = mkdtempSync(join(dir, "artifact-"));
    mkdirSync(join(root, "out"));
    for (const name of ["shop-1.0.0.tar.gz", "shop-1.0.0.manifest.json", "SHA256SUMS"]) {
      writeFileSync(join(root, "out", name), "x");
    }
    expect(await findArtifactFiles(root, "shop-1.0.0")).toEqual({
      archive: join(root, "out/shop-1.0.0.tar.gz"),
      manifest: join(root, "out/shop-1.0.0.manifest.json"),
      checksums: join(root, "out/SHA256SUMS"),
    });
    writeFileSync(join(root, "other-1.0.0.tar.gz"), "x");
    await expect(findArtifactFiles(root, "shop-1.0.0")).rejects.toThrow(/holds 2 archive/);
  });
});
