// Self-hosted runners often reach GitHub only through a proxy, which the runner names to every
// step in https_proxy / http_proxy / no_proxy ("Using a proxy server with self-hosted runners",
// GitHub Docs). The committed bundles, started as the runner starts them, publish and deploy
// through such a proxy: the API is given a name only the proxy resolves, so a request that
// went around it would find nobody.
import { once } from "node:events";
import { rmSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join, relative } from "node:path";
import { type LocalGitHub, REPO_ROOT, startLocalGitHub } from "@fastdeploy/sandbox";
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { type ConnectProxy, startConnectProxy, startTlsFront } from "./support/connect-proxy.js";
import { tempDir, writeTree } from "./support/tree.js";

let github: LocalGitHub;
let proxy: ConnectProxy;
let workspace: string;

beforeAll(async () => {
  github = await startLocalGitHub();
  proxy = await startConnectProxy();
  workspace = writeTree(tempDir("fd-proxy-"), { "app/index.js": 'console.log("shop");\n' });
});
afterAll(async () => {
  rmSync(workspace, { recursive: true, force: true });
  github?.sandbox.assertNoViolations();
  await Promise.allSettled([github?.close(), proxy?.close()]);
});

describe("behind a proxy", () => {
  it("publishes and deploys with every request, uploads and downloads too, through the runner's proxy", async () => {
    const { apiUrl, uploadsUrl } = github.sandbox;
    const apiHost = `github.proxied.test:${new URL(apiUrl).port}`;
    const uploadsHost = `uploads.proxied.test:${new URL(uploadsUrl).port}`;
    // The URLs the local GitHub hands out (upload_url, the signed download URLs) name hosts
    // only the proxy resolves too, as github.com's uploads and objects hosts are not loopback.
    github.sandbox.apiUrl = `http://${apiHost}`;
    github.sandbox.uploadsUrl = `http://${uploadsHost}`;
    onTestFinished(() => {
      github.sandbox.apiUrl = apiUrl;
      github.sandbox.uploadsUrl = uploadsUrl;
    });
    const behindProxy = {
      github: { apiUrl: `http://${apiHost}` },
      // Lower and upper case both: the runner sets both, and a stale NO_PROXY must not leak in.
      env: { http_proxy: proxy.url, HTTP_PROXY: proxy.url, no_proxy: "", NO_PROXY: "" },
    };
    const built = await github.run({
      action: "build",
      workspace,
      inputs: { path: "app", version: "1.0.0", upload: "false" },
      ...behindProxy,
    });
    expect(built.exitCode).toBe(0);
    const file = (output: string) => relative(workspace, built.outputs[output] ?? "");

    const published = await github.run({
      action: "publish",
      workspace,
      inputs: {
        archive: file("archive"),
        manifest: file("manifest"),
        checksums: file("checksums"),
      },
      ...behindProxy,
    });
    expect(published.annotations).toEqual([]);
    expect(published.outputs.status).toBe("published");
    // Asked of the proxy by full URL: plain http (proxies refuse CONNECT but to 443).
    expect(new Set(proxy.forwarded)).toEqual(new Set([apiHost, uploadsHost]));

    // The health check goes the same way: the service's name, too, only the proxy resolves.
    const service = createServer((_req, res) => res.end("ok"));
    service.listen(0, "127.0.0.1");
    await once(service, "listening");
    const serviceHost = `shop.proxied.test:${(service.address() as AddressInfo).port}`;
    const deployed = await github
      .run({
        action: "distribute",
        inputs: {
          environment: "dev",
          version: "1.0.0",
          command: "test -f app/index.js",
          "health-url": `http://${serviceHost}/health/{target}`,
        },
        ...behindProxy,
      })
      .finally(() => service.close());
    expect(deployed.annotations).toEqual([]);
    expect(deployed.outputs.status).toBe("deployed");
    expect(JSON.parse(deployed.outputs.results ?? "[]")).toMatchObject([
      { target: "dev", status: "success", health: "healthy" },
    ]);
    // The API, the release's downloads (signed URLs on the API's host) and the health check.
    expect(new Set(proxy.forwarded)).toEqual(new Set([apiHost, uploadsHost, serviceHost]));
    expect(proxy.tunnels).toEqual([]);
  });

  it("reaches GitHub Enterprise on https through the proxy, trusting the company CA it is told to", async () => {
    const front = await startTlsFront(Number(new URL(github.sandbox.apiUrl).port));
    try {
      const apiHost = `github.tls.test:${front.port}`;
      const status = (env: Record<string, string>) =>
        github.run({
          action: "status",
          inputs: { environments: "dev, qa, prod" },
          github: { apiUrl: `https://${apiHost}` },
          env: {
            https_proxy: proxy.url,
            HTTPS_PROXY: proxy.url,
            no_proxy: "",
            NO_PROXY: "",
            ...env,
          },
        });
      const before = proxy.tunnels.length;
      // Certificates are checked: a CA nobody named is refused at once (waiting mends nothing,
      // so no retry), and the step says what to do.
      const untrusted = await status({});
      expect(untrusted.exitCode).toBe(1);
      expect(untrusted.annotations.map((a) => a.message)).toEqual([
        expect.stringMatching(
          /^The TLS certificate of github\.tls\.test:\d+ could not be verified \(UNABLE_TO_VERIFY_LEAF_SIGNATURE: .*set NODE_EXTRA_CA_CERTS to that CA's PEM file/,
        ),
      ]);
      expect(proxy.tunnels.length - before).toBe(1);
      // NODE_EXTRA_CA_CERTS is how a runner trusts GHES's own CA (GitHub Docs, self-hosted
      // runners and custom certificate authorities).
      const tunnelsBefore = proxy.tunnels.length;
      const requestsBefore = github.sandbox.requestCount();
      const trusted = await status({
        NODE_EXTRA_CA_CERTS: join(REPO_ROOT, "test/fixtures/tls/ca.pem"),
      });
      const requests = github.sandbox.requestCount() - requestsBefore;
      // One tunnel serves request after request: the TLS connection inside it is kept alive
      // and pooled, not a CONNECT and a handshake per API call.
      expect(requests).toBeGreaterThanOrEqual(3);
      expect(proxy.tunnels.length - tunnelsBefore).toBeLessThan(requests);
      expect(trusted.annotations.map((a) => a.message)).toEqual([]);
      expect(trusted.exitCode).toBe(0);
      expect(new Set(proxy.tunnels.slice(before))).toEqual(new Set([apiHost]));
    } finally {
      await front.close();
    }
  });
  it("fails at once, in one line, when the runner's proxy cannot be reached", async () => {
    const closed = createServer();
    closed.listen(0, "127.0.0.1");
    await once(closed, "listening");
    const deadProxy = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    closed.close();
    await once(closed, "close");
    const run = await github.run({
      action: "status",
      github: { apiUrl: "https://github.tls.test" },
      env: { https_proxy: deadProxy, HTTPS_PROXY: deadProxy, no_proxy: "", NO_PROXY: "" },
    });
    expect(run.exitCode).toBe(1);
    expect(run.annotations.map((a) => a.message)).toEqual([
      expect.stringMatching(
        /^Could not reach github\.tls\.test through the proxy \(tunneling socket could not be established, cause=connect ECONNREFUSED/,
      ),
    ]);
  });
});
