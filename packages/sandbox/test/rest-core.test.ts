import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { retry } from "@octokit/plugin-retry";
import { throttling } from "@octokit/plugin-throttling";
import { Octokit } from "@octokit/rest";
import { describe, expect, it } from "vitest";
import { DEFAULT_TOKEN, type Route, startSandbox } from "../src/rest/index.js";
import { failure, quietOctokit, useSandbox } from "./rest-fixture.js";

const silent = () => {};
const log = { debug: silent, info: silent, warn: silent, error: silent };

describe("sandbox core", () => {
  const f = useSandbox();

  it("authenticates with token or Bearer and refuses a missing or bad token", async () => {
    const url = `${f.sandbox.apiUrl}/repos/acme/app`;
    expect((await fetch(url)).status).toBe(401);
    const bad = await fetch(url, { headers: { authorization: "token nope" } });
    expect(bad.status).toBe(401);
    expect(await bad.json()).toMatchObject({ message: "Bad credentials" });
    const bearer = await fetch(url, { headers: { authorization: `Bearer ${DEFAULT_TOKEN}` } });
    expect(bearer.status).toBe(200);
    expect(bearer.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(bearer.headers.get("x-github-request-id")).toMatch(/^[0-9A-F]+$/);
    expect(bearer.headers.get("x-ratelimit-limit")).toBe("5000");
    expect(Number(bearer.headers.get("x-ratelimit-remaining"))).toBeLessThan(5000);
    expect(bearer.headers.get("x-ratelimit-resource")).toBe("core");
  });

  it("answers unknown routes and repositories with a JSON 404", async () => {
    const headers = { authorization: `token ${DEFAULT_TOKEN}` };
    const unknown = await fetch(`${f.sandbox.apiUrl}/nope/such/route/here`, { headers });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ message: "Not Found" });
    expect(
      (await failure(f.octokit.rest.repos.get({ owner: "acme", repo: "missing" }))).status,
    ).toBe(404);
    // Owner and repository names are case-insensitive, as on GitHub.
    expect((await f.octokit.rest.repos.get({ owner: "ACME", repo: "App" })).data.name).toBe("app");
  });

  it("logs every request with its route template, operation and status", async () => {
    await f.octokit.rest.repos.get(f.repo);
    await f.octokit.rest.repos.listReleases(f.repo);
    await f.octokit.rest.repos.createRelease({ ...f.repo, tag_name: "v1" });
    await failure(f.octokit.rest.repos.getReleaseByTag({ ...f.repo, tag: "v2" }));
    expect(f.sandbox.requestCount()).toBe(4);
    expect(f.sandbox.requestCount({ method: "GET" })).toBe(3);
    expect(f.sandbox.requestCount({ route: "/repos/{owner}/{repo}/releases" })).toBe(2);
    expect(f.sandbox.countsByRoute()).toEqual({
      "GET /repos/{owner}/{repo}": 1,
      "GET /repos/{owner}/{repo}/releases": 1,
      "POST /repos/{owner}/{repo}/releases": 1,
      "GET /repos/{owner}/{repo}/releases/tags/{tag}": 1,
    });
    expect(f.sandbox.writes()).toMatchObject([
      {
        method: "POST",
        route: "/repos/{owner}/{repo}/releases",
        status: 201,
        operation: "repos/create-release",
      },
    ]);
  });

  it("injects 5xx faults that Octokit's retry plugin rides out", async () => {
    const Retrying = Octokit.plugin(retry);
    const octokit = new Retrying({
      auth: DEFAULT_TOKEN,
      baseUrl: f.sandbox.apiUrl,
      log,
      retry: { retryAfterBaseValue: 1 },
    });
    f.sandbox.injectFault({ route: "repos/get", kind: "status", status: 502 });
    expect((await octokit.rest.repos.get(f.repo)).status).toBe(200);
    expect(f.sandbox.log.filter({ route: "repos/get" }).map((r) => r.status)).toEqual([502, 200]);

    f.sandbox.injectFault({ method: "GET", route: "/repos/{owner}/{repo}", kind: "drop" });
    expect((await octokit.rest.repos.get(f.repo)).status).toBe(200);
    expect(f.sandbox.log.filter({ route: "repos/get" }).at(-2)).toMatchObject({ fault: "drop" });

    f.sandbox.injectFault({ route: "repos/get", kind: "status", status: 503, times: 2 });
    const plain = quietOctokit(f.sandbox);
    expect((await failure(plain.rest.repos.get(f.repo))).status).toBe(503);
    expect((await failure(plain.rest.repos.get(f.repo))).status).toBe(503);
    expect((await plain.rest.repos.get(f.repo)).status).toBe(200);
  });

  it("answers a secondary rate limit the way GitHub does", async () => {
    f.sandbox.injectFault({ route: "repos/get", kind: "secondary-rate-limit", retryAfter: 7 });
    const limited = await failure(f.octokit.rest.repos.get(f.repo));
    expect(limited.status).toBe(403);
    expect(limited.headers["retry-after"]).toBe("7");
    expect((limited.data as { message: string }).message).toMatch(
      /^You have exceeded a secondary rate limit\. Please wait a few minutes/,
    );

    const seen: number[] = [];
    const Throttled = Octokit.plugin(throttling);
    const octokit = new Throttled({
      auth: DEFAULT_TOKEN,
      baseUrl: f.sandbox.apiUrl,
      log,
      throttle: {
        retryAfterBaseValue: 1,
        onSecondaryRateLimit: (after: number) => {
          seen.push(after);
          return true;
        },
        onRateLimit: (after: number) => {
          seen.push(-after);
          return true;
        },
      },
    });
    f.sandbox.injectFault({ route: "repos/get", kind: "secondary-rate-limit", retryAfter: 2 });
    f.sandbox.injectFault({
      route: "repos/get",
      kind: "too-many-requests",
      retryAfter: 1,
    });
    expect((await octokit.rest.repos.get(f.repo)).status).toBe(200);
    console.log(
      seen,
      f.sandbox.log.filter({ route: "repos/get" }).map((r) => r.status),
    );
    expect(seen[0]).toBe(2);
    expect(seen[1]).toBeLessThanOrEqual(0);
    expect(
      f.sandbox.log
        .filter({ route: "repos/get" })
        .slice(-3)
        .map((r) => r.status),
    ).toEqual([403, 429, 200]);
  });

  it("fails only the call after N successful ones, and adds latency", async () => {
    f.sandbox.injectFault({
      route: "repos/upload-release-asset",
      kind: "status",
      status: 500,
      after: 1,
    });
    const { data: release } = await f.octokit.rest.repos.createRelease({
      ...f.repo,
      tag_name: "v1",
      draft: true,
    });
    const upload = (name: string) =>
      f.octokit.rest.repos.uploadReleaseAsset({
        ...f.repo,
        release_id: release.id,
        name,
        data: "bytes",
        baseUrl: f.sandbox.uploadsUrl,
      });
    await upload("one");
    expect((await failure(upload("two"))).status).toBe(500);
    await upload("three");
    f.sandbox.injectFault({ route: "repos/get", kind: "latency", ms: 150 });
    const started = Date.now();
    await f.octokit.rest.repos.get(f.repo);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(f.sandbox.faults.pending()).toEqual([]);
  });
});

describe("OpenAPI enforcement", () => {
  const broken: Route = {
    method: "GET",
    path: "/repos/{owner}/{repo}/releases/latest",
    // Deliberately wrong: `id` must be an integer and most required fields are missing.
    handler: () => ({ status: 200, body: { id: "not-a-number", tag_name: "v1" } }),
  };

  it("turns a response violation into a 500 with x-sandbox-violation and records it", async () => {
    const sandbox = await startSandbox({ routes: [broken] });
    try {
      sandbox.createRepo("acme/app");
      const octokit = quietOctokit(sandbox);
      const answer = await failure(
        octokit.rest.repos.getLatestRelease({ owner: "acme", repo: "app" }),
      );
      expect(answer.status).toBe(500);
      expect(decodeURIComponent(String(answer.headers["x-sandbox-violation"]))).toContain(
        "/id must be integer",
      );
      expect(() => sandbox.assertNoViolations()).toThrow(
        /response GET \/repos\/\{owner\}\/\{repo\}\/releases\/latest → 200/,
      );
      // Non-strict: the bad body goes through, and the violation is still recorded.
      sandbox.options.strict = false;
      const loose = await octokit.rest.repos.getLatestRelease({ owner: "acme", repo: "app" });
      expect(loose.data.id).toBe("not-a-number");
      expect(sandbox.takeViolations()).toHaveLength(1);
    } finally {
      await sandbox.close();
    }
  });
});

describe("persistence", () => {
  it("saves state and asset blobs to a directory and loads them on start", async () => {
    const stateDir = mkdtempSync(join(tmpdir(), "sandbox-state-"));
    try {
      const first = await startSandbox({ stateDir });
      first.createRepo("acme/app");
      const sha = first.seedCommit("acme/app", { message: "persisted" });
      const octokit = quietOctokit(first);
      const { data: release } = await octokit.rest.repos.createRelease({
        owner: "acme",
        repo: "app",
        tag_name: "v1",
        draft: true,
      });
      const { data: asset } = await octokit.rest.repos.uploadReleaseAsset({
        owner: "acme",
        repo: "app",
        release_id: release.id,
        name: "a.txt",
        data: "kept bytes",
        baseUrl: first.uploadsUrl,
      });
      await first.close();
      expect(readdirSync(stateDir).sort()).toEqual(["blobs", "state.json"]);

      const second = await startSandbox({ stateDir, assetDownload: "200" });
      try {
        const again = quietOctokit(second);
        const got = await again.rest.repos.getRelease({
          owner: "acme",
          repo: "app",
          release_id: release.id,
        });
        expect(got.data.upload_url.startsWith(second.uploadsUrl)).toBe(true);
        expect(
          (await again.rest.repos.getCommit({ owner: "acme", repo: "app", ref: "main" })).data.sha,
        ).toBe(sha);
        const bytes = await again.rest.repos.getReleaseAsset({
          owner: "acme",
          repo: "app",
          asset_id: asset.id,
          headers: { accept: "application/octet-stream" },
        });
        expect(Buffer.from(bytes.data as unknown as ArrayBuffer).toString()).toBe("kept bytes");
        // New ids continue after the persisted ones.
        const next = await again.rest.repos.createRelease({
          owner: "acme",
          repo: "app",
          tag_name: "v2",
        });
        expect(next.data.id).toBeGreaterThan(asset.id);

        second.reset();
        expect(second.requestCount()).toBe(0);
        expect((await failure(again.rest.repos.get({ owner: "acme", repo: "app" }))).status).toBe(
          404,
        );
        expect(readdirSync(join(stateDir, "blobs"))).toEqual([]);
        second.assertNoViolations();
      } finally {
        await second.close();
      }
    } finally {
      rmSync(stateDir, { recursive: true, force: true });
    }
  });
});

describe("vendored OpenAPI subset", () => {
  it("regenerates byte for byte from @octokit/openapi", async () => {
    const { readFileSync } = await import("node:fs");
    // @ts-expect-error: a plain .mjs script without type declarations
    const { generate } = await import("../../../scripts/vendor-openapi.mjs");
    const committed = readFileSync(
      new URL("../openapi/github-subset.json", import.meta.url),
      "utf8",
    );
    expect(generate() === committed).toBe(true);
  });
});
