import {
  type ClientRequest,
  type ClientRequestArgs,
  Agent as HttpAgent,
  request as httpRequest,
  type IncomingMessage,
} from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import { type Duplex, pipeline, type Readable } from "node:stream";
import { type ConnectionOptions as TlsConnectionOptions, connect as tlsConnect } from "node:tls";
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
 *   NODE_USE_ENV_PROXY is set. The Actions toolkit (@actions/http-client) honours them, and its
 *   rules for which host goes through which proxy are used here. An https origin is reached
 *   through a CONNECT tunnel whose TLS connection is kept alive and reused like a direct one
 *   (the toolkit's `tunnel` agents open one per request: a CONNECT and a TLS handshake for
 *   every API call); a plain-http origin (a health URL) is asked of the proxy by its full URL,
 *   as curl does, since proxies commonly refuse CONNECT to ports other than 443. Behind an
 *   https proxy the `tunnel` package's agents are used.
 * - **Cost.** fetch spends its first request loading and compiling undici and its wasm HTTP
 *   parser, and every response goes through WHATWG streams. Twelve requests from a fresh
 *   process take about 34 ms with fetch and 15 ms with node:http against a loopback server
 *   (bench/small-work.mjs shows what that does to a deploy); downloads stay Node streams.
 *
 * fetch's behaviour is kept where callers rely on it: redirects are followed (at most 20;
 * 303, and 301/302 of a POST, become a GET), `authorization` is dropped on a redirect to
 * another origin, `redirect: "manual"` hands the 3xx back and `"error"` refuses it, an abort
 * before the answer rejects with the signal's reason (an AbortError by default; one while the
 * body streams destroys the body), and a request that gets no answer rejects with
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
    /** A HEAD's answer, or a 204, 205 or 304: nothing to read (and nothing to unzip). */
    bodiless = false,
  ) {
    this.headers = new TransportHeaders(message);
    this.status = message.statusCode ?? 0;
    this.statusText = message.statusMessage ?? "";
    // As fetch does: the bytes are what was sent before the server compressed them.
    this.body =
      !bodiless && this.headers.get("content-encoding")?.trim().toLowerCase() === "gzip"
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

// One keep-alive agent per protocol. Idle pooled sockets are closed after 4 s (undici's
// keep-alive timeout), so none is reused after a long deploy command just as the server drops
// it; and Node unreferences them, so they never hold a process open.
const POOLED_IDLE_MS = 4_000;
const direct = {
  http: new HttpAgent({ keepAlive: true, timeout: POOLED_IDLE_MS }),
  https: new HttpsAgent({ keepAlive: true, timeout: POOLED_IDLE_MS }),
};
const tunnels = new Map<string, HttpAgent>();

interface ProxyAddress {
  host: string;
  port: number;
  /** The Proxy-Authorization header, from the proxy URL's credentials. */
  authorization?: string;
}

/** The error `tunnel` gives for a refused or failed CONNECT; network-errors.ts reads it. */
function tunnelError(detail: string, code = "ECONNRESET"): Error {
  return Object.assign(new Error(`tunneling socket could not be established, ${detail}`), { code });
}

/**
 * An https agent whose connections are CONNECT tunnels through an http proxy, with TLS to the
 * origin inside: kept alive and pooled by origin as the direct agent's are (Node's Agent takes
 * a connection handed to createConnection's callback).
 */
class TunnelAgent extends HttpsAgent {
  constructor(private readonly proxy: ProxyAddress) {
    super({ keepAlive: true, timeout: POOLED_IDLE_MS });
  }

  override createConnection(
    options: ClientRequestArgs & TlsConnectionOptions,
    callback?: (error: Error | null, stream: Duplex) => void,
  ): undefined {
    const done = callback as (error: Error | null, stream?: Duplex) => void;
    const origin = `${options.host}:${options.port}`;
    const connect = httpRequest({
      host: this.proxy.host,
      port: this.proxy.port,
      method: "CONNECT",
      path: origin,
      headers: {
        host: origin,
        ...(this.proxy.authorization ? { "proxy-authorization": this.proxy.authorization } : {}),
      },
      agent: false,
    });
    connect.once("connect", (answer, socket, head) => {
      if (answer.statusCode !== 200) {
        socket.destroy();
        done(tunnelError(`statusCode=${answer.statusCode}`));
        return;
      }
      if (head.length > 0) socket.unshift(head);
      done(null, tlsConnect({ ...options, socket }));
    });
    connect.once("error", (error) => done(tunnelError(`cause=${error.message}`)));
    connect.end();
    return undefined;
  }
}

/** How a request reaches `url`: directly, through a CONNECT tunnel, or asked of a proxy. */
type Route = { agent: HttpAgent } | { agent: HttpAgent; forward: ProxyAddress };

function proxyFor(url: URL): URL | undefined {
  const proxy = getProxyUrl(url);
  if (!proxy) return undefined;
  if (proxy.hostname) return proxy;
  // `http_proxy=proxy.corp:3128`, as curl and wget accept it, parses with `proxy.corp:` as
  // its scheme and no host: read it as the http:// URL it means.
  const again = URL.canParse(`http://${proxy.href}`) ? new URL(`http://${proxy.href}`) : undefined;
  return again?.hostname ? again : undefined;
}

function routeTo(url: URL): Route {
  const proxy = proxyFor(url);
  if (!proxy) return { agent: url.protocol === "https:" ? direct.https : direct.http };
  const user = decodeURIComponent(proxy.username);
  const password = decodeURIComponent(proxy.password);
  const address: ProxyAddress = {
    host: proxy.hostname,
    port: Number(proxy.port) || (proxy.protocol === "https:" ? 443 : 80),
    ...(user || password
      ? { authorization: `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}` }
      : {}),
  };
  if (url.protocol === "http:" && proxy.protocol === "http:")
    return { agent: direct.http, forward: address };
  const key = `${url.protocol} ${proxy.href}`;
  let agent = tunnels.get(key);
  if (!agent) {
    if (url.protocol === "https:" && proxy.protocol === "http:") agent = new TunnelAgent(address);
    else {
      // Behind an https proxy (rare): the toolkit's agents, TLS to the proxy, then CONNECT.
      const options: tunnel.TunnelOptions = {
        proxy: {
          host: address.host,
          port: address.port,
          ...(user || password ? { proxyAuth: `${user}:${password}` } : {}),
        },
      };
      agent =
        url.protocol === "https:" ? tunnel.httpsOverHttps(options) : tunnel.httpOverHttps(options);
    }
    tunnels.set(key, agent);
  }
  return { agent };
}

/** What fetch rejects with on abort: the signal's reason, or an AbortError. */
function abortError(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  if (reason instanceof Error) return reason;
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
    const route = routeTo(url);
    const method = init.method ?? "GET";
    const request =
      "forward" in route
        ? httpRequest({
            host: route.forward.host,
            port: route.forward.port,
            // Absolute-form: the proxy is asked for the full URL (RFC 9112, section 3.2.2).
            path: url.href,
            method,
            headers: {
              ...headers,
              host: url.host,
              ...(route.forward.authorization
                ? { "proxy-authorization": route.forward.authorization }
                : {}),
            },
            agent: route.agent,
            timeout: idleTimeoutMs,
          })
        : (url.protocol === "https:" ? httpsRequest : httpRequest)(url, {
            method,
            headers,
            agent: route.agent,
            timeout: idleTimeoutMs,
          });
    const silent = () => {
      const error = new Error(`${url.host} sent nothing for ${idleTimeoutMs / 1000} s`);
      request.destroy(Object.assign(error, { code: "ETIMEDOUT" }));
    };
    request.on("timeout", silent);
    // The socket timeout starts once the request has a socket; a proxy that never answers
    // CONNECT would keep it from ever getting one, so that wait is timed too.
    const connecting = setTimeout(silent, idleTimeoutMs);
    request.once("socket", () => clearTimeout(connecting));
    request.once("close", () => clearTimeout(connecting));
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

/**
 * Writes a streamed body a chunk at a time, waiting for the socket to drain. Not
 * pipeline(Readable.from(body), request): measured with bench/publish.mjs at 256 MiB, that
 * uploaded at 394-412 MiB/s against 433-441 for this loop, on the same machine and run.
 */
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
    // No body comes, and nobody reads one (Octokit returns at once): end it here, so the
    // connection goes back to the pool instead of holding the process open.
    const bodiless = method === "HEAD" || status === 204 || status === 205 || status === 304;
    if (bodiless) message.resume();
    if (!redirect || init.redirect === "manual")
      return new TransportResponse(url.href, message, bodiless);
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
