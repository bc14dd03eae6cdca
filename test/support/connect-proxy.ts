import { once } from "node:events";
import { readFileSync } from "node:fs";
import { createServer, request as httpRequest, type IncomingMessage } from "node:http";
import { type AddressInfo, connect, type Socket } from "node:net";
import { dirname, join } from "node:path";
import { createServer as createTlsServer } from "node:tls";
import { fileURLToPath } from "node:url";

export interface ConnectProxy {
  /** `http://127.0.0.1:<port>`: what https_proxy / http_proxy name. */
  url: string;
  /** Every tunnel asked for (CONNECT, for https): `host:port`, then its Proxy-Authorization. */
  tunnels: string[];
  /** Every plain-http request asked of it by full URL: `host:port`, then its Proxy-Authorization. */
  forwarded: string[];
  close(): Promise<void>;
}

/**
 * A forward proxy as self-hosted runners sit behind: it opens a CONNECT tunnel to whatever
 * host the client names, and forwards a plain-http request asked by its full URL, always to
 * loopback, so a name only the proxy "resolves" proves the request went through it.
 */
export async function startConnectProxy(): Promise<ConnectProxy> {
  const tunnels: string[] = [];
  const forwarded: string[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    const target = URL.canParse(req.url ?? "") ? new URL(req.url ?? "") : undefined;
    if (!target) {
      res.writeHead(400).end("a proxy is asked for full URLs");
      return;
    }
    forwarded.push(`${target.host} ${req.headers["proxy-authorization"] ?? ""}`.trim());
    const headers = { ...req.headers };
    delete headers["proxy-authorization"];
    const upstream = httpRequest(
      {
        host: "127.0.0.1",
        port: Number(target.port),
        path: target.pathname + target.search,
        method: req.method,
        headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on("error", () => res.destroy());
    req.pipe(upstream);
  });
  server.on("connect", (req: IncomingMessage, client: Socket, head: Buffer) => {
    tunnels.push(`${req.url} ${req.headers["proxy-authorization"] ?? ""}`.trim());
    const port = Number((req.url ?? "").split(":").at(-1));
    const upstream = connect(port, "127.0.0.1", () => {
      client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on("close", () => sockets.delete(socket));
    }
    upstream.on("error", () => client.destroy());
    client.on("error", () => upstream.destroy());
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    tunnels,
    forwarded,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      server.closeAllConnections();
      server.close();
      await once(server, "close");
    },
  };
}

/**
 * A TLS front for a plain-HTTP server on loopback, as GHES answers on https with a certificate
 * of the company's own CA: test/fixtures/tls/server.pem (for `github.tls.test`), signed by
 * test/fixtures/tls/ca.pem, which a client must be told to trust (NODE_EXTRA_CA_CERTS).
 */
export async function startTlsFront(
  upstreamPort: number,
): Promise<{ port: number; close(): Promise<void> }> {
  const fixtures = join(dirname(fileURLToPath(import.meta.url)), "../fixtures/tls");
  const sockets = new Set<Socket>();
  const server = createTlsServer(
    {
      key: readFileSync(join(fixtures, "server.key")),
      cert: readFileSync(join(fixtures, "server.pem")),
    },
    (client) => {
      const upstream = connect(upstreamPort, "127.0.0.1");
      client.pipe(upstream);
      upstream.pipe(client);
      for (const socket of [client, upstream]) {
        sockets.add(socket);
        socket.on("close", () => sockets.delete(socket));
        socket.on("error", () => {
          client.destroy();
          upstream.destroy();
        });
      }
    },
  );
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return {
    port: (server.address() as AddressInfo).port,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      server.close();
      await once(server, "close");
    },
  };
}
