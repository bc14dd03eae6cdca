import {
  type ClientRequest,
  Agent as HttpAgent,
  request as httpRequest,
  type IncomingMessage,
} from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import { pipeline, type Readable } from "node:stream";
import { createGunzip } from "node:zlib";
// The toolkit's own reading of https_proxy, http_proxy and no_proxy; its proxy.js alone, as the
// package's index brings undici with it.
import { getProxyUrl } from "@actions/http-client/lib/proxy";
import * as tunnel from "tunnel";

/**
 * The HTTP transport under Octokit and the release downloads: node:http and node:https with
 * keep-alive, in the shape of the part of `fetch` that @octokit/request uses.
 *
 * Why not Node's own fetch (undici):
 * - **Proxies.** Self-hosted runners reach GitHub through the proxy named in `https_proxy`,
 *   `http_proxy` and `no_proxy`, which the runner passes to every step ("Using a proxy server
 *   with self-hosted runners", GitHub Docs). Node's fetch ignores those variables unless
 *   NODE_USE_ENV_PROXY is set; the Actions toolkit (@actions/http-client) honours them, and its
 *   rules and tunnelling agents (the `tunnel` package, CONNECT through the proxy) are used here,
 *   so FastDeploy reaches GitHub wherever the runner itself does.
 * - **Cost.** fetch spends its first request loading and compiling undici and its wasm HTTP
 *   parser, and every response goes through WHATWG streams. Twelve requests from a fresh
 *   process take about 34 ms with fetch and 15 ms with node:http against a loopback server
 *   (bench/small-work.mjs shows what that does to a deploy); downloads stay Node streams.
 *
 * fetch's behaviour is kept where callers rely on it: redirects are followed (at most 20;
 * 303, and 301/302 of a POST, become a GET), `authorization` is dropped on a redirect to
 * another origin, `redirect: "manual"` hands the 3xx back and `"error"` refuses it, an abort
 * rejects with an AbortError, and a request that gets no answer rejects with
 * `TypeError("fetch failed")` whose `cause` is the socket's error (Octokit reports the cause;
 * failFastOffline reads its code).
 */

export type TransportBody = string | Uint8Array | AsyncIterable<Uint8Array>;

export interface TransportInit {
  method?: string | undefined;
  headers?: Record<string, string> | undefined;
  body?: TransportBody | null | undefined;
  redirect?: "follow" | "manual" | "error" | undefined;
  signal?: AbortSignal | null | undefined;
  /** Not fetch's: how long a silent connection is waited for (default 300 s). */
  idleTimeoutMs?: number | undefined;
}

/** The response headers, read as fetch's Headers are: lower-case names, `get`, iteration. */
export class TransportHeaders implements Iterable<[string, string]> {
  readonly #values: Map<string, string>;
  constructor(message: IncomingMessage) {
    this.#values = new Map();
    for (const [name, value] of Object.entries(message.headers)) {
      if (value === undefined) continue;
      this.#values.set(name, Array.isArray(value) ? value.join(", ") : value);
    }
  }
  get(name: string): string | null {
    return this.#values.get(name.toLowerCase()) ?? null;
  }
  has(name: string): boolean {
    return this.#values.has(name.toLowerCase());
  }
  [Symbol.iterator](): Iterator<[string, string]> {
    return this.#values[Symbol.iterator]();
  }
}

/**
 * An answer. `body` is the Node stream of its bytes, gzip already undone (read it, or
 * `resume()` or `destroy()` it so the connection is freed); `text()` and `arrayBuffer()` read
 * it whole.
 */
export class TransportResponse {
  readonly headers: TransportHeaders;
  readonly status: number;
  readonly statusText: string;
  readonly body: Readable;
  constructor(
    readonly url: string,
    message: IncomingMessage,
  ) {
    this.headers = new TransportHeaders(message);
    this.status = message.statusCode ?? 0;
    this.statusText = message.statusMessage ?? "";
    // As fetch does: the bytes are what was sent before the server compressed them.
    this.body =
      this.headers.get("content-encoding")?.trim().toLowerCase() === "gzip"
        ? pipeline(message, createGunzip(), () => {})
        : message;
  }
  get ok(): boolean {
    return this.status >= 200 && this.status < 300;
  }
  async arrayBuffer(): Promise<ArrayBuffer> {
    const bytes = await readAll(this.body);
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  }
  async text(): Promise<string> {
    return (await readAll(this.body)).toString("utf8");
  }
  async json(): Promise<unknown> {
    return JSON.parse(await this.text());
  }
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks);
}

const MAX_REDIRECTS = 20;
// A connection silent this long is given up on, as fetch gives up (undici's headersTimeout and
// bodyTimeout, 300 s); the retry plugin then tries again. Silence, not length: a 2 GiB
// download that keeps moving is never cut.
const IDLE_TIMEOUT_MS = 300_000;
// Headers fetch removes when a redirect leaves the origin (Fetch Standard, HTTP-redirect fetch).
const CREDENTIALS = ["authorization", "proxy-authorization", "cookie"];

// One keep-alive agent per protocol; Node unreferences idle sockets, so they never hold a
// process open. A proxied origin gets a tunnelling agent per proxy, built as
// @actions/http-client's HttpClient builds it.
const direct = {
  http: new HttpAgent({ keepAlive: true }),
  https: new HttpsAgent({ keepAlive: true }),
};
const proxied = new Map<string, HttpAgent>();

function agentFor(url: URL): HttpAgent {
  const proxy = getProxyUrl(url);
  if (!proxy) return url.protocol === "https:" ? direct.https : direct.http;
  const key = `${url.protocol} ${proxy.href}`;
  let agent = proxied.get(key);
  if (!agent) {
    const options: tunnel.TunnelOptions = {
      proxy: {
        host: proxy.hostname,
        port: Number(proxy.port) || (proxy.protocol === "https:" ? 443 : 80),
        ...(proxy.username || proxy.password
          ? { proxyAuth: `${proxy.username}:${proxy.password}` }
          : {}),
      },
    };
    const overHttps = proxy.protocol === "https:";
    agent =
      url.protocol === "https:"
        ? (overHttps ? tunnel.httpsOverHttps : tunnel.httpsOverHttp)(options)
        : (overHttps ? tunnel.httpOverHttps : tunnel.httpOverHttp)(options);
    proxied.set(key, agent);
  }
  return agent;
}

function abortError(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  if (reason instanceof Error && reason.name === "AbortError") return reason;
  return Object.assign(new Error("This operation was aborted", { cause: reason }), {
    name: "AbortError",
  });
}

/** One request, no redirects: resolves with the answer once its headers are in. */
function send(
  url: URL,
  init: TransportInit,
  body: TransportBody | undefined,
): Promise<IncomingMessage> {
  const signal = init.signal ?? undefined;
  const idleTimeoutMs = init.idleTimeoutMs ?? IDLE_TIMEOUT_MS;
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortError(signal));
      return;
    }
    const headers: Record<string, string> = { ...init.headers };
    const named = new Set(Object.keys(headers).map((name) => name.toLowerCase()));
    // Asked for as fetch asks (GitHub compresses JSON: a page of 100 deployments shrinks
    // about tenfold); TransportResponse undoes it.
    if (!named.has("accept-encoding")) headers["accept-encoding"] = "gzip";
    // fetch names itself too ("node"); GitHub refuses API requests without a User-Agent
    // ("User agent required", REST API docs), and Octokit sends its own. This covers the rest:
    // the signed download URLs and health checks.
    if (!named.has("user-agent")) headers["user-agent"] = "fastdeploy";
    if (typeof body === "string" || body instanceof Uint8Array) {
      const length = typeof body === "string" ? Buffer.byteLength(body) : body.byteLength;
      if (!named.has("content-length")) headers["content-length"] = String(length);
    }
    const request = (url.protocol === "https:" ? httpsRequest : httpRequest)(url, {
      method: init.method ?? "GET",
      headers,
      agent: agentFor(url),
      timeout: idleTimeoutMs,
    });
    request.on("timeout", () => {
      const silent = new Error(`${url.host} sent nothing for ${idleTimeoutMs / 1000} s`);
      request.destroy(Object.assign(silent, { code: "ETIMEDOUT" }));
    });
    const onAbort = () => request.destroy(abortError(signal as AbortSignal));
    signal?.addEventListener("abort", onAbort, { once: true });
    request.once("response", (message) => {
      // The signal still stops the body: destroying the request destroys the response too.
      message.once("close", () => signal?.removeEventListener("abort", onAbort));
      resolve(message);
    });
    request.on("error", (error) => {
      signal?.removeEventListener("abort", onAbort);
      if (signal?.aborted) reject(abortError(signal));
      else reject(new TypeError("fetch failed", { cause: error }));
    });
    if (body === undefined) request.end();
    else if (typeof body === "string" || body instanceof Uint8Array) request.end(body);
    else void writeStreamed(request, body);
  });
}

async function writeStreamed(
  request: ClientRequest,
  body: AsyncIterable<Uint8Array>,
): Promise<void> {
  try {
    for await (const chunk of body) {
      if (request.destroyed) return;
      if (!request.write(chunk))
        await new Promise<void>((resume) => {
          const done = () => {
            request.off("drain", done);
            request.off("close", done);
            resume();
          };
          request.on("drain", done);
          request.on("close", done);
        });
    }
    request.end();
  } catch (error) {
    request.destroy(error as Error);
  }
}

/**
 * Sends a request the way `fetch(url, init)` would, for the subset of fetch FastDeploy uses
 * (see the top of this file); pass it to Octokit as `request.fetch`.
 */
export async function transportFetch(
  input: string | URL,
  init: TransportInit = {},
): Promise<TransportResponse> {
  let url = new URL(String(input));
  let method = (init.method ?? "GET").toUpperCase();
  let headers = { ...init.headers };
  let body = init.body ?? undefined;
  for (let redirects = 0; ; redirects++) {
    const message = await send(url, { ...init, method, headers }, body);
    const status = message.statusCode ?? 0;
    const location = message.headers.location;
    const redirect = [301, 302, 303, 307, 308].includes(status) && location !== undefined;
    if (!redirect || init.redirect === "manual") return new TransportResponse(url.href, message);
    message.resume();
    if (init.redirect === "error")
      throw new TypeError("fetch failed", {
        cause: new Error(`${method} ${url.href} answered ${status}, and redirects are refused`),
      });
    if (redirects === MAX_REDIRECTS)
      throw new TypeError("fetch failed", { cause: new Error("redirect count exceeded") });
    const next = new URL(location, url);
    if (status === 303 || ((status === 301 || status === 302) && method === "POST")) {
      method = method === "HEAD" ? "HEAD" : "GET";
      body = undefined;
      headers = Object.fromEntries(
        Object.entries(headers).filter(([name]) => !/^content-/i.test(name)),
      );
    } else if (body !== undefined && typeof body !== "string" && !(body instanceof Uint8Array)) {
      // A streamed body has been read: it cannot be sent again (fetch refuses the same way).
      throw new TypeError("fetch failed", {
        cause: new Error(
          `${method} ${url.href} answered ${status}; a streamed body cannot follow it`,
        ),
      });
    }
    if (next.origin !== url.origin)
      headers = Object.fromEntries(
        Object.entries(headers).filter(([name]) => !CREDENTIALS.includes(name.toLowerCase())),
      );
    url = next;
  }
}
