// Marking the production release latest happens apart from the deploy: distribute with
// `make-latest: false` leaves the latest release alone (its job holds only `contents: read`),
// and publish with only `version` and `make-latest: true` marks it in a job that runs no user
// code. Both through the committed bundles, against the local GitHub.
import type { GitHubClient } from "@fastdeploy/github";
import { type LocalGitHub, startLocalGitHub } from "@fastdeploy/sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errors, freshRepository, runDistribute, workspace } from "./support/distribute-kit.js";
import { publishVersion, sandboxClient } from "./support/release-fixture.js";

let github: LocalGitHub;
let client: GitHubClient;
const REPO = { owner: "acme", repo: "shop" };

beforeAll(async () => {
  github = await startLocalGitHub();
  client = sandboxClient(github);
  freshRepository(github);
});
afterAll(async () => {
  github?.sandbox.assertNoViolations();
  await github?.close();
});

const latestTag = async () =>
  (await client.rest.repos.getLatestRelease(REPO).catch(() => undefined))?.data.tag_name;

describe("the latest release, marked apart from the deploy", () => {
  it("distribute with make-latest false deploys prod and leaves latest alone; publish marks it", async () => {
    await publishVersion(github, { version: "1.0.0" });
    await publishVersion(github, { version: "1.1.0" });
    // Production runs 1.0.0 so far.
    await client.rest.repos.updateRelease({
      ...REPO,
      release_id: (await client.rest.repos.getReleaseByTag({ ...REPO, tag: "v1.0.0" })).data.id,
      make_latest: "true",
    });
    expect(await latestTag()).toBe("v1.0.0");

    const ws = workspace();
    const deploy = await runDistribute(github, ws, {
      environment: "prod",
      version: "1.1.0",
      command: "true",
      "make-latest": "false",
    });
    expect(errors(deploy)).toEqual([]);
    expect(deploy.outputs).toMatchObject({ status: "deployed", production: "true" });
    expect(await latestTag()).toBe("v1.0.0");

    const mark = await github.run({
      action: "publish",
      inputs: { version: "1.1.0", "make-latest": "true" },
    });
    expect(errors(mark)).toEqual([]);
    expect(mark.outputs).toMatchObject({ status: "already_published", tag: "v1.1.0" });
    expect(await latestTag()).toBe("v1.1.0");
  });

  it("hands the tag over as the workflows do: deploy under the config's tag-prefix, mark with no config at all", async () => {
    await publishVersion(github, { version: "2.0.0", tagPrefix: "release-" });
    // The deploy job has the repository (and its config, tag-prefix release-) checked out.
    const deploy = await runDistribute(github, workspace("tag-prefix: release-\n"), {
      environment: "prod",
      version: "2.0.0",
      command: "true",
      "make-latest": "false",
    });
    expect(errors(deploy)).toEqual([]);
    expect(deploy.outputs.tag).toBe("release-2.0.0");
    // The latest job has no checkout: only the version and the deploy job's tag. Whatever an
    // earlier job left in a reused (self-hosted) workspace, here a config that does not parse,
    // is not read.
    const leftover = workspace("tag-prefix: [release-\n");
    const mark = await github.run({
      action: "publish",
      workspace: leftover.dir,
      inputs: { version: "2.0.0", tag: deploy.outputs.tag ?? "", "make-latest": "true" },
    });
    expect(errors(mark)).toEqual([]);
    expect(mark.outputs).toMatchObject({ status: "already_published", tag: "release-2.0.0" });
    expect(await latestTag()).toBe("release-2.0.0");
  });

  it("refuses to mark a version that was never published, saying what to do", async () => {
    const mark = await github.run({
      action: "publish",
      inputs: { version: "9.9.9", "make-latest": "true" },
    });
    expect(mark.exitCode).not.toBe(0);
    expect(errors(mark).join("\n")).toContain("No published release has the tag v9.9.9");
  });
});
