import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type LocalGitHub, startLocalGitHub } from "@fastdeploy/sandbox";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  type PublishVersionOptions,
  publishVersion,
  sandboxClient,
} from "../../../test/support/release-fixture.js";
import { quietLog } from "../src/ports.js";
import { openRelease, verifyRelease } from "../src/verify.js";

// Store mode extracts the archive while it downloads, so a mismatch can show only after
// files were written: these tests hold it to leaving nothing behind, and to naming the
// tampering itself rather than what the tampering broke.

let github: LocalGitHub;
let dir: string;
beforeAll(async () => {
  github = await startLocalGitHub();
});
afterAll(async () => {
  github?.sandbox.assertNoViolations();
  await github?.close();
});
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "fd-verify-release-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const REPO = { owner: "acme", repo: "shop" };
let versions = 0;

async function published(options: Omit<PublishVersionOptions, "version"> = {}) {
  const version = `1.0.${versions++}`;
  await publishVersion(github, { version, ...options });
  return version;
}

const where = (version: string) => ({
  repo: REPO,
  version,
  downloadDir: join(dir, "release"),
  extractTo: join(dir, "artifact"),
});
const ports = () => ({ log: quietLog, github: sandboxClient(github) });

describe("verifyRelease", () => {
  it("downloads, verifies and extracts a good release", async () => {
    const version = await published();
    const verified = await verifyRelease(where(version), ports());
    expect(verified.extractedTo).toBe(join(dir, "artifact"));
    expect(readdirSync(join(dir, "artifact", "app")).sort()).toEqual([
      "VERSION",
      "bin",
      "index.js",
    ]);
    expect(verified.digest).toBe(verified.manifest.archive.digest);
  });

  it("removes the whole extracted tree when an archive that extracted does not match SHA256SUMS", async () => {
    const version = await published({ tamper: "repacked" });
    await expect(verifyRelease(where(version), ports())).rejects.toThrow(
      /shop-1\.0\.\d+\.tar\.gz does not match SHA256SUMS: the file is sha256:[0-9a-f]{64}, SHA256SUMS says sha256:[0-9a-f]{64}/,
    );
    expect(existsSync(join(dir, "artifact"))).toBe(false);
  });

  it("refuses SHA256SUMS and a manifest that disagree on the archive before it is read", async () => {
    const version = await published({ tamper: "checksums" });
    await expect(verifyRelease(where(version), ports())).rejects.toThrow(
      /shop-1\.0\.\d+\.tar\.gz does not match SHA256SUMS: its manifest says sha256:[0-9a-f]{64}, SHA256SUMS says sha256:0{64}/,
    );
    expect(existsSync(join(dir, "artifact"))).toBe(false);
  });

  it("names a substituted archive's digest, not the entry it broke first", async () => {
    const version = await published({ tamper: "substituted" });
    await expect(verifyRelease(where(version), ports())).rejects.toThrow(
      /does not match SHA256SUMS/,
    );
    expect(existsSync(join(dir, "artifact"))).toBe(false);
  });

  it("leaves no temporary directories behind without extractTo", async () => {
    const version = await published();
    const before = readdirSync(tmpdir()).filter((n) => n.startsWith("fastdeploy-")).length;
    await verifyRelease({ repo: REPO, version }, ports());
    const after = readdirSync(tmpdir()).filter((n) => n.startsWith("fastdeploy-")).length;
    expect(after).toBe(before);
  });
});

describe("openRelease", () => {
  it("returns with the manifest checked, and close stops the archive and removes what it wrote", async () => {
    // Incompressible, so its download is still under way when close is called.
    const version = await published({ files: { "app/big.bin": randomBytes(16 << 20) } });
    const opened = await openRelease(where(version), ports());
    expect(opened.version).toBe(version);
    await opened.close();
    await expect(opened.archive).rejects.toThrow(/aborted|stopped/);
    expect(existsSync(join(dir, "artifact"))).toBe(false);
    expect(readdirSync(join(dir, "release")).filter((n) => n.endsWith(".tar.gz"))).toEqual([]);
  });
});
