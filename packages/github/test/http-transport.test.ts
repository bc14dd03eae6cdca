import { once } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { gzipSync } from "node:zlib";
import { afterEach, describe, expect, it, vi } from "vitest";
import { type ConnectProxy, startConnectProxy } from "../../../test/support/connect-proxy.js";
import { transportFetch } from "../src/http-transport.js";
import { createGitHubClient } from "../src/octokit.js";

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: string;
}

const servers: Server[] = [];
const proxies: ConnectProxy[] = [];
afterEach(async () => {
  vi.unstubAllEnvs();
  await Promise.all(proxies.splice(0).map((p) => p.close()));
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    server.close();
  }
});

/** A loopback server answering with `handle`; every request it saw, bodies read whole. */
async function serve(handle: (req: Seen, res: ServerResponse) => void) {
  const seen: Seen[] = [];
  const server = createServer(async (req, res) => {
    let body = "";
    for await (const chunk of req) body += chunk;
    const entry = { method: req.method ?? "", url: req.url ?? "", headers: req.headers, body };
    seen.push(entry);
    handle(entry, res);
  });
  servers.push(server);
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { base, seen, server };
}

describe("transportFetch", () => {
  it("sends the method, headers and body, and reads the answer as fetch would", async () => {
    const { base, seen } = await serve((_req, res) => {
      res.setHeader("x-two", ["a", "b"]);
      res.writeHead(201, "Made", { "content-type": "application/json" }).end('{"id":7}');
    });
    const response = await transportFetch(`${base}/things?x=1`, {
      method: "POST",
      headers: { "Content-Type": "application/json", authorization: "token t" },
      body: '{"name":"é"}',
    });
    expect(response.status).toBe(201);
    expect(response.statusText).toBe("Made");
    expect(response.ok).toBe(true);
    expect(response.url).toBe(`${base}/things?x=1`);
    expect(response.headers.get("Content-Type")).toBe("application/json");
    expect(response.headers.get("x-two")).toBe("a, b");
    expect(Object.fromEntries(response.headers)).toMatchObject({ "x-two": "a, b" });
    expect(await response.json()).toEqual({ id: 7 });
    expect(seen[0]).toMatchObject({ method: "POST", url: "/things?x=1", body: '{"name":"é"}' });
    // The length in bytes, not characters.
    expect(seen[0]?.headers["content-length"]).toBe("13");
    expect(seen[0]?.headers.authorization).toBe("token t");
    // Named as fetch names itself, unless the caller (Octokit) names itself.
    expect(seen[0]?.headers["user-agent"]).toBe("fastdeploy");
    await (await transportFetch(`${base}/x`, { headers: { "User-Agent": "octokit" } })).text();
    expect(seen[1]?.headers["user-agent"]).toBe("octokit");
  });

  it("asks for gzip and undoes it, as fetch does, unless the caller names an encoding", async () => {
    const json = JSON.stringify({ deployments: Array.from({ length: 100 }, (_, id) => ({ id })) });
    const { base, seen } = await serve((req, res) => {
      if (req.headers["accept-encoding"] !== "gzip") return void res.end(json);
      res.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" });
      res.end(gzipSync(json));
    });
    const compressed = await transportFetch(`${base}/deployments`);
    expect(compressed.headers.get("content-encoding")).toBe("gzip");
    expect(await compressed.json()).toEqual(JSON.parse(json));
    const plain = await transportFetch(`${base}/deployments`, {
      headers: { "Accept-Encoding": "identity" },
    });
    expect(await plain.text()).toBe(json);
    expect(seen.map((r) => r.headers["accept-encoding"])).toEqual(["gzip", "identity"]);
  });

  it("streams an iterable body and reads binary answers whole", async () => {
    const { base, seen } = await serve((_req, res) => res.end(Buffer.from([0, 1, 2, 255])));
    async function* parts() {
      yield Buffer.from("first,");
      yield Buffer.from("second");
    }
    const response = await transportFetch(`${base}/up`, { method: "POST", body: parts() });
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(new Uint8Array([0, 1, 2, 255]));
    expect(seen[0]?.body).toBe("first,second");
  });

  it("follows redirects, drops credentials on leaving the origin, and turns a 303 into a GET", async () => {
    const other = await serve((_req, res) => res.end("elsewhere"));
    const { base, seen } = await serve((req, res) => {
      if (req.url === "/moved") res.writeHead(301, { location: "/here" }).end();
      else if (req.url === "/away") res.writeHead(302, { location: `${other.base}/there` }).end();
      else if (req.url === "/posted")
        res.writeHead(303, { location: "/result" }).end("see the result");
      else res.end(`at ${req.url}`);
    });
    const auth = { authorization: "token secret" };
    const same = await transportFetch(`${base}/moved`, { headers: auth });
    expect([same.status, same.url, await same.text()]).toEqual([200, `${base}/here`, "at /here"]);
    expect(seen.at(-1)?.headers.authorization).toBe("token secret");

    const away = await transportFetch(`${base}/away`, { headers: auth });
    expect(await away.text()).toBe("elsewhere");
    expect(other.seen[0]?.headers.authorization).toBeUndefined();

    const posted = await transportFetch(`${base}/posted`, {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: "form",
    });
    expect(await posted.text()).toBe("at /result");
    expect(seen.at(-1)).toMatchObject({ method: "GET", body: "" });
    expect(seen.at(-1)?.headers["content-type"]).toBeUndefined();
  });

  it("hands a redirect back with redirect: manual and refuses it with redirect: error", async () => {
    const { base } = await serve((_req, res) =>
      res.writeHead(302, { location: "https://cdn.invalid/x" }).end(),
    );
    const manual = await transportFetch(`${base}/a`, { redirect: "manual" });
    expect(manual.status).toBe(302);
    expect(manual.headers.get("location")).toBe("https://cdn.invalid/x");
    manual.body.resume();
    const refused = transportFetch(`${base}/a`, { method: "POST", body: "x", redirect: "error" });
    await expect(refused).rejects.toThrow(TypeError);
    await expect(refused).rejects.toMatchObject({
      cause: { message: expect.stringContaining("redirects are refused") },
    });
  });

  it("will not send a streamed body after a 307, and stops after 20 redirects", async () => {
    const { base, seen } = await serve((req, res) => {
      if (req.url === "/keep") res.writeHead(307, { location: "/kept" }).end();
      else res.writeHead(302, { location: `/loop${seen.length}` }).end();
    });
    async function* once() {
      yield Buffer.from("x");
    }
    await expect(
      transportFetch(`${base}/keep`, { method: "PUT", body: once() }),
    ).rejects.toMatchObject({ cause: { message: expect.stringContaining("streamed body") } });
    const kept = await serve((_req, res) => res.end("ok"));
    expect(kept.seen).toHaveLength(0);
    await expect(transportFetch(`${base}/loop`)).rejects.toMatchObject({
      cause: { message: "redirect count exceeded" },
    });
    expect(seen.filter((r) => r.url.startsWith("/loop"))).toHaveLength(21);
  });

  it("rejects with fetch's TypeError, its cause the socket's error, when nothing answers", async () => {
    const { server, base } = await serve(() => {});
    server.close();
    await once(server, "close");
    const failed = transportFetch(`${base}/x`);
    await expect(failed).rejects.toThrow("fetch failed");
    await expect(failed).rejects.toMatchObject({ cause: { code: "ECONNREFUSED" } });
  });

  it("gives up on a connection that stays silent, and not on one idle in the pool", async () => {
    const { base } = await serve((req, res) => {
      if (req.url !== "/silent") res.end("quick");
    });
    const quick = await transportFetch(`${base}/quick`, { idleTimeoutMs: 50 });
    expect(await quick.text()).toBe("quick");
    await new Promise((resolve) => setTimeout(resolve, 120));
    // The same kept-alive connection, idle past the timeout, still serves the next request.
    expect(await (await transportFetch(`${base}/quick`, { idleTimeoutMs: 50 })).text()).toBe(
      "quick",
    );
    const silent = transportFetch(`${base}/silent`, { idleTimeoutMs: 50 });
    await expect(silent).rejects.toThrow("fetch failed");
    await expect(silent).rejects.toMatchObject({
      cause: { code: "ETIMEDOUT", message: expect.stringMatching(/sent nothing for 0.05 s/) },
    });
  });

  it("frees the connection of an answer with no body, which nobody reads (a 204)", async () => {
    const { base, server } = await serve((req, res) =>
      res.writeHead(req.url === "/next" ? 200 : 204).end(),
    );
    const sockets = new Set<unknown>();
    server.on("connection", (socket) => sockets.add(socket));
    // Octokit returns from a 204 without reading it (deleting an asset, a dispatch): the
    // socket must go back to the pool all the same, or it would hold the process open until
    // the server hung up. Back in the pool, it serves the next request.
    await transportFetch(`${base}/assets/1`, { method: "DELETE" });
    await new Promise((resolve) => setTimeout(resolve, 20));
    await (await transportFetch(`${base}/next`)).text();
    expect(sockets.size).toBe(1);
  });

  it("stops on abort: before sending, while waiting for the answer, and while reading the body", async () => {
    const { base } = await serve((req, res) => {
      if (req.url === "/slow") return; // never answers
      res.writeHead(200);
      res.write("first part");
      // …and never ends.
    });
    const early = new AbortController();
    early.abort();
    await expect(transportFetch(`${base}/x`, { signal: early.signal })).rejects.toMatchObject({
      name: "AbortError",
    });

    const waiting = new AbortController();
    const pending = transportFetch(`${base}/slow`, { signal: waiting.signal });
    setTimeout(() => waiting.abort(), 20);
    await expect(pending).rejects.toMatchObject({ name: "AbortError" });

    const reading = new AbortController();
    const response = await transportFetch(`${base}/stream`, { signal: reading.signal });
    const text = response.text();
    setTimeout(() => reading.abort(), 20);
    await expect(text).rejects.toThrow();
    expect(response.body.destroyed).toBe(true);
  });
});

describe("through a proxy (the runner's https_proxy, http_proxy, no_proxy)", () => {
  const proxy = async () => {
    const started = await startConnectProxy();
    proxies.push(started);
    return started;
  };
  /** The proxy variables as the runner passes them; NO_PROXY emptied so none leaks in. */
  const behind = (http: string, noProxy = "") => {
    vi.stubEnv("http_proxy", http);
    vi.stubEnv("HTTP_PROXY", http);
    vi.stubEnv("no_proxy", noProxy);
    vi.stubEnv("NO_PROXY", noProxy);
  };

  it("asks the proxy for plain-http URLs, authenticating to it, and Octokit's requests go that way", async () => {
    const { base, seen } = await serve((_req, res) =>
      res.writeHead(200, { "content-type": "application/json" }).end('{"login":"octocat"}'),
    );
    const port = new URL(base).port;
    const { url, tunnels, forwarded } = await proxy();
    behind(url.replace("http://", "http://user:p%40ss@"));
    // A name only the proxy resolves: without the proxy there would be no answer at all.
    const client = createGitHubClient({ token: "t", apiUrl: `http://github.proxied.test:${port}` });
    const { data } = await client.request("GET /user");
    expect(data).toEqual({ login: "octocat" });
    // By full URL, not a tunnel: proxies commonly refuse CONNECT to ports other than 443.
    expect(forwarded).toEqual([
      `github.proxied.test:${port} Basic ${Buffer.from("user:p@ss").toString("base64")}`,
    ]);
    expect(tunnels).toEqual([]);
    expect(seen[0]?.headers.host).toBe(`github.proxied.test:${port}`);
    expect(seen[0]?.headers.authorization).toBe("token t");
  });

  it("reads a proxy named without a scheme as curl does (http://)", async () => {
    const { base } = await serve((_req, res) => res.end("via the proxy"));
    const { url, forwarded } = await proxy();
    behind(url.replace("http://", ""));
    const port = new URL(base).port;
    const answer = await transportFetch(`http://service.proxied.test:${port}/x`);
    expect(await answer.text()).toBe("via the proxy");
    expect(forwarded).toEqual([`service.proxied.test:${port}`]);
  });

  it("fails at once, saying so, when the proxy refuses the tunnel to GitHub", async () => {
    const refused: string[] = [];
    const refusing = createServer();
    refusing.on("connect", (req: IncomingMessage, socket: Socket) => {
      refused.push(req.url ?? "");
      socket.end("HTTP/1.1 403 Forbidden\r\n\r\n");
    });
    servers.push(refusing);
    refusing.listen(0, "127.0.0.1");
    await once(refusing, "listening");
    const at = `http://127.0.0.1:${(refusing.address() as AddressInfo).port}`;
    vi.stubEnv("https_proxy", at);
    vi.stubEnv("HTTPS_PROXY", at);
    vi.stubEnv("no_proxy", "");
    vi.stubEnv("NO_PROXY", "");
    const client = createGitHubClient({ token: "t", apiUrl: "https://github.proxied.test" });
    await expect(client.request("GET /user")).rejects.toThrow(
      /^Could not reach github\.proxied\.test through the proxy \(tunneling socket could not be established, statusCode=403\)/,
    );
    // Asked once: a refusing proxy is not a blip for the retry plugin to wait out.
    expect(refused).toEqual(["github.proxied.test:443"]);
  });

  it("goes direct to hosts no_proxy names, and to loopback", async () => {
    const { base } = await serve((_req, res) => res.end("direct"));
    const { url, tunnels, forwarded } = await proxy();
    behind(url, "ghes.invalid");
    expect(await (await transportFetch(`${base}/x`)).text()).toBe("direct");
    const port = new URL(base).port;
    // ghes.invalid never resolves: going direct fails to look it up, never reaching the proxy.
    await expect(transportFetch(`http://api.ghes.invalid:${port}/x`)).rejects.toThrow(
      "fetch failed",
    );
    expect([...tunnels, ...forwarded]).toEqual([]);
  });
});
