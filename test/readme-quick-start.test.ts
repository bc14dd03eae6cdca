// The README's quick start, exactly as written: its config file is read out of README.md and
// a project that follows it is built, verified, published and deployed to dev through the
// committed bundles, against the local GitHub. The deploy command `./scripts/deploy.sh` runs
// inside the extracted release, so this fails if the README's build.path stops packing it.
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type LocalGitHub, REPO_ROOT, startLocalGitHub } from "@fastdeploy/sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errors } from "./support/distribute-kit.js";
import { tempDir } from "./support/tree.js";

let github: LocalGitHub;
beforeAll(async () => {
  github = await startLocalGitHub({ repository: "acme/my-app" });
});
afterAll(async () => {
  github?.sandbox.assertNoViolations();
  await github?.close();
});

function readmeConfig(): string {
  const readme = readFileSync(join(REPO_ROOT, "README.md"), "utf8");
  const block = /`\.github\/fastdeploy\.yml`:\n\n```yaml\n([\s\S]*?)```/.exec(readme)?.[1];
  if (!block) throw new Error("README.md has no .github/fastdeploy.yml block");
  return block;
}

/** A project as the quick start assumes one: an npm build that writes dist/, a deploy script. */
function project(): string {
  const dir = tempDir("fd-readme-");
  mkdirSync(join(dir, ".github"));
  writeFileSync(join(dir, ".github/fastdeploy.yml"), readmeConfig());
  writeFileSync(
    join(dir, "package.json"),
    JSON.stringify({
      name: "my-app",
      version: "1.0.0",
      private: true,
      scripts: { build: "mkdir -p dist && echo '<h1>my-app</h1>' > dist/index.html" },
    }),
  );
  writeFileSync(
    join(dir, "package-lock.json"),
    JSON.stringify({
      name: "my-app",
      version: "1.0.0",
      lockfileVersion: 3,
      requires: true,
      packages: { "": { name: "my-app", version: "1.0.0" } },
    }),
  );
  mkdirSync(join(dir, "scripts"));
  writeFileSync(
    join(dir, "scripts/deploy.sh"),
    '#!/bin/sh\nset -e\necho "deploying $FASTDEPLOY_VERSION to $FASTDEPLOY_TARGET from $PWD"\ncat dist/index.html >> "$DEPLOY_LOG"\n',
  );
  chmodSync(join(dir, "scripts/deploy.sh"), 0o755);
  return dir;
}

describe("README quick start", () => {
  it("builds, publishes and deploys with the README's config exactly as written", async () => {
    const ws = project();
    const tag = { github: { ref: "refs/tags/v1.0.0" } };
    const built = await github.run({
      action: "build",
      workspace: ws,
      inputs: { upload: "false" },
      ...tag,
    });
    expect(errors(built)).toEqual([]);
    expect(built.outputs.version).toBe("1.0.0");
    const files = {
      archive: built.outputs.archive!,
      manifest: built.outputs.manifest!,
      checksums: built.outputs.checksums!,
    };
    const verified = await github.run({ action: "verify", workspace: ws, inputs: files, ...tag });
    expect(errors(verified)).toEqual([]);
    const published = await github.run({ action: "publish", workspace: ws, inputs: files, ...tag });
    expect(errors(published)).toEqual([]);
    expect(published.outputs.status).toBe("published");

    const log = join(ws, "deploy.log");
    const deployed = await github.run({
      action: "distribute",
      workspace: ws,
      inputs: { environment: "dev", version: "1.0.0" },
      env: { DEPLOY_LOG: log },
      ...tag,
    });
    expect(errors(deployed)).toEqual([]);
    expect(deployed.exitCode).toBe(0);
    expect(deployed.outputs.status).toBe("deployed");
    expect(deployed.stdout).toContain("deploying 1.0.0 to dev from ");
    expect(readFileSync(log, "utf8")).toBe("<h1>my-app</h1>\n");
  });
});
