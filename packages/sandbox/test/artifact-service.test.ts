/**
 * The unmodified @actions/artifact against the sandbox's results service and a real
 * Azurite, then against the built-in blob store the installed CLI uses instead (blob-server.ts). @actions/artifact reads ACTIONS_RUNTIME_TOKEN / ACTIONS_RESULTS_URL from
 * process.env on every call (verified in lib/internal/shared/config.js), so setting
 * the environment in beforeAll is enough; no dynamic import needed.
 */
import { randomBytes } from "node:crypto";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DefaultArtifactClient } from "@actions/artifact";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ArtifactService, startArtifactService } from "../src/artifact-service/index.js";

let service: ArtifactService;
let dir: string;
const savedEnv = { ...process.env };
const client = new DefaultArtifactClient();
const small = Buffer.from("hello from fastdeploy\n");

/** Runs fn with the artifact environment of another run or job. */
async function asJob<T>(scope: Parameters<ArtifactService["env"]>[0], fn: () => Promise<T>) {
  const before = process.env.ACTIONS_RUNTIME_TOKEN;
  Object.assign(process.env, service.env(scope));
  try {
    return await fn();
  } finally {
    process.env.ACTIONS_RUNTIME_TOKEN = before;
  }
}

describe.each(["azurite", "built-in"] as const)("with %s as the blob store", (store) => {
  beforeAll(async () => {
    service = await startArtifactService({ blobStore: store });
    dir = await mkdtemp(join(tmpdir(), "artifact-service-"));
    Object.assign(process.env, service.env(), { GITHUB_WORKSPACE: dir });
    // A GHES-looking server URL makes the client refuse to run at all.
    delete process.env.GITHUB_SERVER_URL;
  });

  afterAll(async () => {
    process.env = savedEnv;
    await service?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  describe("@actions/artifact through the artifact service", () => {
    const large = randomBytes(3 * 1024 * 1024);
    let bundleId = 0;
    let bundleDigest: string | undefined;

    it("uploads a zip of two files and finalizes it with id 1000, size and hash", async () => {
      const root = join(dir, "zip-src");
      await mkdir(join(root, "sub"), { recursive: true });
      await writeFile(join(root, "a.txt"), small);
      await writeFile(join(root, "sub", "big.bin"), large);

      const result = await client.uploadArtifact(
        "bundle",
        [join(root, "a.txt"), join(root, "sub", "big.bin")],
        root,
      );
      expect(result.id).toBe(1000);
      expect(result.size).toBeGreaterThan(large.length);
      bundleId = result.id!;
      bundleDigest = result.digest;

      const [record] = service.artifacts();
      expect(record).toMatchObject({
        id: 1000,
        name: "bundle",
        state: "finalized",
        size: result.size,
        digest: `sha256:${result.digest}`,
        mimeType: "application/zip",
      });
    });

    it("lists and gets the artifact", async () => {
      const { artifacts } = await client.listArtifacts();
      expect(artifacts.map((a) => a.name)).toEqual(["bundle"]);
      expect(artifacts[0]).toMatchObject({ id: bundleId, digest: `sha256:${bundleDigest}` });
      expect(artifacts[0]!.createdAt).toBeInstanceOf(Date);

      const { artifact } = await client.getArtifact("bundle");
      expect(artifact.id).toBe(bundleId);
    });

    it("downloads and unzips byte-identical files, digest checked", async () => {
      const out = join(dir, "zip-out");
      const result = await client.downloadArtifact(bundleId, {
        path: out,
        expectedHash: `sha256:${bundleDigest}`,
      });
      expect(result.digestMismatch).toBe(false);
      expect((await readFile(join(out, "a.txt"))).equals(small)).toBe(true);
      expect((await readFile(join(out, "sub", "big.bin"))).equals(large)).toBe(true);
    });

    it("uploads a raw file with skipArchive; the download keeps its name", async () => {
      const file = join(dir, "notes v1.txt");
      await writeFile(file, small);
      const result = await client.uploadArtifact("ignored", [file], dir, { skipArchive: true });
      expect(result.id).toBe(1001);
      expect(service.artifacts().find((a) => a.id === 1001)).toMatchObject({
        name: "notes v1.txt",
        mimeType: "text/plain",
      });

      const out = join(dir, "raw-out");
      const download = await client.downloadArtifact(result.id!, { path: out });
      expect(download.downloadPath).toBe(out);
      expect((await readFile(join(out, "notes v1.txt"))).equals(small)).toBe(true);
    });

    it("refuses a second artifact of the same name with 409, like GitHub", async () => {
      const file = join(dir, "dup.txt");
      await writeFile(file, "x");
      await expect(client.uploadArtifact("bundle", [file], dir)).rejects.toThrow(
        /\(409\) Conflict/,
      );
    });

    it("keeps runs apart: another run sees nothing, another job of the run sees all", async () => {
      const otherRun = await asJob({ workflowRunBackendId: "other-run" }, () =>
        client.listArtifacts(),
      );
      expect(otherRun.artifacts).toEqual([]);
      const otherJob = await asJob({ workflowJobRunBackendId: "second-job" }, () =>
        client.listArtifacts(),
      );
      expect(otherJob.artifacts.map((a) => a.id)).toEqual([1000, 1001]);
      // A later job downloads it, as download-artifact does after upload-artifact.
      const downloaded = await asJob({ workflowJobRunBackendId: "second-job" }, () =>
        client.downloadArtifact(bundleId, { path: join(dir, "second-job") }),
      );
      expect(downloaded.digestMismatch).toBe(false);
      await expect(
        asJob({ workflowRunBackendId: "other-run" }, () =>
          client.downloadArtifact(bundleId, { path: join(dir, "other-run") }),
        ),
      ).rejects.toThrow(/No artifacts found/);
      // The same name is free in another run; the refused duplicate used no id.
      const file = join(dir, "bundle-other-run.txt");
      await writeFile(file, "other");
      const upload = await asJob({ workflowRunBackendId: "other-run" }, () =>
        client.uploadArtifact("bundle", [file], dir),
      );
      expect(upload.id).toBe(1002);
    });

    it("deletes an artifact; it is gone from the list and from download", async () => {
      const { id } = await client.deleteArtifact("bundle");
      expect(id).toBe(bundleId);
      const { artifacts } = await client.listArtifacts();
      expect(artifacts.map((a) => a.name)).toEqual(["notes v1.txt"]);
      await expect(client.getArtifact("bundle")).rejects.toThrow(/not found/i);
    });

    it("round-trips a 20 MiB file (three 8 MiB blocks, uploaded concurrently)", async () => {
      const root = join(dir, "large-src");
      await mkdir(root, { recursive: true });
      const content = randomBytes(20 * 1024 * 1024);
      await writeFile(join(root, "large.bin"), content);
      const upload = await client.uploadArtifact("large", [join(root, "large.bin")], root, {
        compressionLevel: 0,
      });
      expect(upload.size).toBeGreaterThan(16 * 1024 * 1024);

      const out = join(dir, "large-out");
      const download = await client.downloadArtifact(upload.id!, {
        path: out,
        expectedHash: `sha256:${upload.digest}`,
      });
      expect(download.digestMismatch).toBe(false);
      expect((await readFile(join(out, "large.bin"))).equals(content)).toBe(true);
    });
  });

  describe("the twirp wire protocol", () => {
    const url = (method: string) =>
      new URL(`twirp/github.actions.results.api.v1.ArtifactService/${method}`, service.resultsUrl);
    const post = (method: string, body: unknown, token?: string) =>
      fetch(url(method), {
        method: "POST",
        headers: {
          "content-type": "application/json",
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify(body),
      });
    const ids = () => ({
      workflow_run_backend_id: service.workflowRunBackendId,
      workflow_job_run_backend_id: service.workflowJobRunBackendId,
    });

    it("answers snake_case JSON with int64 values as strings", async () => {
      const res = await post(
        "ListArtifacts",
        { ...ids(), id_filter: "1001" },
        service.runtimeToken,
      );
      expect(res.status).toBe(200);
      const body = (await res.json()) as { artifacts: Record<string, unknown>[] };
      expect(body.artifacts).toHaveLength(1);
      expect(body.artifacts[0]).toMatchObject({
        ...ids(),
        database_id: "1001",
        name: "notes v1.txt",
        size: String(small.length),
      });
      expect(Date.parse(String(body.artifacts[0]!.created_at))).not.toBeNaN();
    });

    it("rejects a missing token, another run's token, and another job's token for writes, with 401", async () => {
      expect((await post("ListArtifacts", ids())).status).toBe(401);
      const otherRun = service.tokenFor({
        workflowRunBackendId: "another-run",
        workflowJobRunBackendId: service.workflowJobRunBackendId,
      });
      expect(
        (await post("GetSignedArtifactURL", { ...ids(), name: "bundle" }, otherRun)).status,
      ).toBe(401);
      const otherJob = service.tokenFor({
        workflowRunBackendId: service.workflowRunBackendId,
        workflowJobRunBackendId: "another-job",
      });
      const res = await post("CreateArtifact", { ...ids(), name: "sneaky", version: 7 }, otherJob);
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({ code: "unauthenticated" });
      // Reading is for every job of the run: a later job downloads with the uploader's ids.
      expect((await post("ListArtifacts", ids(), otherJob)).status).toBe(200);
    });

    it("uses Twirp error codes: already_exists, not_found, bad_route", async () => {
      const dup = await post(
        "CreateArtifact",
        { ...ids(), name: "notes v1.txt", version: 7 },
        service.runtimeToken,
      );
      expect(dup.status).toBe(409);
      expect(await dup.json()).toMatchObject({ code: "already_exists" });
      const missing = await post(
        "GetSignedArtifactURL",
        { ...ids(), name: "nope" },
        service.runtimeToken,
      );
      expect(missing.status).toBe(404);
      expect(await missing.json()).toMatchObject({ code: "not_found" });
      expect((await post("Nope", ids(), service.runtimeToken)).status).toBe(404);
    });

    it("refuses to finalize an upload that never reached blob storage", async () => {
      const created = await post(
        "CreateArtifact",
        { ...ids(), name: "never-uploaded", version: 7, mime_type: "application/zip" },
        service.runtimeToken,
      );
      expect(created.status).toBe(200);
      const { signed_upload_url } = (await created.json()) as { signed_upload_url: string };
      expect(signed_upload_url).toMatch(
        /^http:\/\/127\.0\.0\.1:\d+\/devstoreaccount1\/.*\.zip\?.*sp=cw/,
      );
      const finalize = await post(
        "FinalizeArtifact",
        { ...ids(), name: "never-uploaded", size: "10", hash: "sha256:00" },
        service.runtimeToken,
      );
      expect(finalize.status).toBe(412);
    });
  });
});
