import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";

/**
 * The demo's targets answer `/<env>/<target>/health` from what was deployed to them: 200
 * when the installed release says it is healthy there, 503 otherwise (or nothing deployed).
 */
export async function startHealthServer(
  root: string,
): Promise<{ port: number; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const match = /^\/([\w.-]+)\/([\w.-]+)\/health$/.exec(req.url ?? "");
    let healthy = false;
    let body = "not deployed";
    if (match) {
      try {
        const health = JSON.parse(
          readFileSync(join(root, match[1]!, match[2]!, "health.json"), "utf8"),
        ) as { version: string; prod: string };
        healthy = match[1] !== "prod" || health.prod === "ok";
        body = `${health.version}: ${healthy ? "ok" : health.prod}`;
      } catch {
        // Nothing installed on this target yet.
      }
    }
    res.writeHead(healthy ? 200 : 503, { "content-type": "text/plain" }).end(body);
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise((ok) => server.close(() => ok())),
  };
}
