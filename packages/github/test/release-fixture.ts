import { createHash, randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import { request } from "node:http";
import { join } from "node:path";
import { sandboxRepoClient, useSandboxRepo } from "../../../test/support/sandbox-repo.js";
import type { SandboxOptions } from "../../sandbox/src/rest/index.js";
import type { AssetSource } from "../src/release-upload.js";

export { FULL_NAME, REPO } from "../../../test/support/sandbox-repo.js";
export const sha256 = (data: Buffer) => `sha256:${createHash("sha256").update(data).digest("hex")}`;

/** A sandbox per file, a fresh repository with one release commit per test, no violations. */
export const useReleaseSandbox = (options: SandboxOptions = {}) =>
  useSandboxRepo("Release candidate", options);

export const client = sandboxRepoClient;

/** Writes `data` (random bytes by default) to a file and describes it as an asset source. */
export function assetFile(dir: string, name: string, data: Buffer = randomBytes(64 * 1024)) {
  const path = join(dir, `${Math.random().toString(36).slice(2)}-${name}`);
  writeFileSync(path, data);
  const source: AssetSource = {
    path,
    name,
    size: data.length,
    digest: sha256(data),
    contentType: "application/octet-stream",
  };
  return { source, data };
}

/**
 * Starts an upload and drops the connection halfway, as a runner that dies mid-upload does:
 * GitHub keeps an asset of that name in a non-`uploaded` state.
 */
export async function interruptedUpload(uploadUrl: string, name: string, size = 1024) {
  const url = new URL(uploadUrl.replace(/\{.*\}$/, ""));
  url.searchParams.set("name", name);
  await new Promise<void>((resolve) => {
    const req = request(url, {
      method: "POST",
      headers: {
        authorization: "token sandbox-token",
        "content-type": "application/octet-stream",
        "content-length": String(size),
      },
    });
    req.on("error", () => resolve());
    req.on("response", (res) => {
      res.resume();
      resolve();
    });
    req.write(Buffer.alloc(size / 2, 1), () => setTimeout(() => req.destroy(), 50));
  });
  // Let the sandbox notice the dropped body.
  await new Promise((resolve) => setTimeout(resolve, 50));
}
