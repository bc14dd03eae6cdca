/**
 * A blob store in this process for where Azurite is not installed: the installed CLI, whose
 * package does not carry Azurite (368 packages, 128 MB installed). It answers the part of the
 * Azure Blob REST API that @actions/artifact and ArtifactBlobs send, path-style
 * (`/<account>/<container>/<blob>`): create container, Put Block, Put Block List (the list
 * gives the order, so blocks that arrive concurrently and out of order are assembled right),
 * Get and Head Blob (with the SAS's `rscd` as Content-Disposition) and Delete Blob. Signatures
 * are not checked: the server listens on loopback only, for the jobs of one local GitHub.
 * In a checkout the artifact service runs Azurite, so the tests keep a real implementation.
 */
import { randomUUID } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import type { AzuriteBlob } from "./azurite.js";

interface StoredBlob {
  data: Buffer;
  contentType: string;
  etag: string;
  modified: string;
}

export interface BlobServerOptions {
  /** Keep committed blobs here (one file each, plus its content type); by default in memory. */
  location?: string;
  log?: (msg: string) => void;
}

export async function startBlobServer(options: BlobServerOptions = {}): Promise<AzuriteBlob> {
  const { location } = options;
  const containers = new Set<string>();
  const blobs = new Map<string, StoredBlob>();
  const blocks = new Map<string, Map<string, Buffer>>();
  if (location) mkdirSync(location, { recursive: true });
  const fileOf = (key: string) => join(location ?? "", encodeURIComponent(key));

  const load = (key: string): StoredBlob | undefined => {
    const cached = blobs.get(key);
    if (cached || !location || !existsSync(fileOf(key))) return cached;
    const meta = JSON.parse(readFileSync(`${fileOf(key)}.json`, "utf8"));
    const blob = { ...meta, data: readFileSync(fileOf(key)) } as StoredBlob;
    blobs.set(key, blob);
    return blob;
  };

  const commit = (req: IncomingMessage, res: ServerResponse, key: string, data: Buffer) => {
    const blob: StoredBlob = {
      data,
      contentType: header(req, "x-ms-blob-content-type") ?? "application/octet-stream",
      etag: `"0x${randomUUID().replace(/-/g, "").slice(0, 16).toUpperCase()}"`,
      modified: new Date().toUTCString(),
    };
    blobs.set(key, blob);
    if (location) {
      writeFileSync(fileOf(key), blob.data);
      const { data: _, ...meta } = blob;
      writeFileSync(`${fileOf(key)}.json`, JSON.stringify(meta));
    }
    done(res, 201, { etag: blob.etag, "last-modified": blob.modified });
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      try {
        handle(req, res, Buffer.concat(chunks));
      } catch (error) {
        fail(res, 500, "InternalError", (error as Error).message);
      }
    });
  });

  function handle(req: IncomingMessage, res: ServerResponse, body: Buffer) {
    const url = new URL(req.url ?? "/", "http://blob");
    const [, , container = "", ...rest] = url.pathname.split("/").map(decodeURIComponent);
    const name = rest.join("/");
    const key = `${container}/${name}`;
    const q = url.searchParams;
    if (req.method === "PUT" && q.get("restype") === "container") {
      if (containers.has(container) && !location) {
        return fail(res, 409, "ContainerAlreadyExists", "The specified container already exists.");
      }
      containers.add(container);
      return done(res, 201);
    }
    if (req.method === "PUT" && q.get("comp") === "block") {
      const staged = blocks.get(key) ?? new Map<string, Buffer>();
      staged.set(q.get("blockid") ?? "", body);
      blocks.set(key, staged);
      return done(res, 201);
    }
    if (req.method === "PUT" && q.get("comp") === "blocklist") {
      const staged = blocks.get(key) ?? new Map<string, Buffer>();
      const ids = [...body.toString("utf8").matchAll(/<(Latest|Uncommitted)>([^<]*)<\/\1>/g)];
      const parts = ids.map(([, , id]) => staged.get(id ?? ""));
      if (parts.some((p) => p === undefined)) {
        return fail(res, 400, "InvalidBlockList", "The specified block list is invalid.");
      }
      blocks.delete(key);
      return commit(req, res, key, Buffer.concat(parts as Buffer[]));
    }
    if (req.method === "PUT" && header(req, "x-ms-blob-type") === "BlockBlob") {
      return commit(req, res, key, body); // Put Blob: a small upload in one request
    }
    if (req.method === "GET" || req.method === "HEAD") {
      const blob = load(key);
      if (!blob) return fail(res, 404, "BlobNotFound", "The specified blob does not exist.");
      res.writeHead(200, {
        ...common(),
        "content-length": String(blob.data.length),
        "content-type": q.get("rsct") ?? blob.contentType,
        ...(q.get("rscd") ? { "content-disposition": q.get("rscd") as string } : {}),
        etag: blob.etag,
        "last-modified": blob.modified,
        "x-ms-blob-type": "BlockBlob",
      });
      res.end(req.method === "GET" ? blob.data : undefined);
      return;
    }
    if (req.method === "DELETE") {
      if (!load(key)) return fail(res, 404, "BlobNotFound", "The specified blob does not exist.");
      blobs.delete(key);
      if (location) {
        rmSync(fileOf(key), { force: true });
        rmSync(`${fileOf(key)}.json`, { force: true });
      }
      return done(res, 202);
    }
    fail(res, 400, "UnsupportedHttpVerb", `${req.method} ${url.search} is not supported here.`);
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  options.log?.(`blob store (built in, no Azurite installed) on ${origin}`);
  let closing: Promise<void> | undefined;
  return {
    port,
    origin,
    pid: process.pid,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
      return closing;
    },
  };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function common(): Record<string, string> {
  return {
    "x-ms-request-id": randomUUID(),
    "x-ms-version": "2025-11-05",
    date: new Date().toUTCString(),
  };
}

function done(res: ServerResponse, status: number, extra: Record<string, string> = {}): void {
  res.writeHead(status, { ...common(), "content-length": "0", ...extra });
  res.end();
}

/** Azure's error shape: the code in a header and in an XML body. */
function fail(res: ServerResponse, status: number, code: string, message: string): void {
  const body = `<?xml version="1.0" encoding="utf-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`;
  res.writeHead(status, {
    ...common(),
    "x-ms-error-code": code,
    "content-type": "application/xml",
    "content-length": String(Buffer.byteLength(body)),
  });
  res.end(body);
}
