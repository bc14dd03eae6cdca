import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { abortableSleep, checkHealth, type HealthGet, healthUrlFor } from "../src/health-check.js";

/** A fake clock and HTTP client: answers are scripted, waits advance the clock. */
function scripted(answers: Array<number | Error>) {
  let now = 0;
  const waits: number[] = [];
  const urls: string[] = [];
  const fetch: HealthGet = async (url) => {
    urls.push(url);
    const answer = answers.shift() ?? 503;
    if (answer instanceof Error) throw answer;
    return { status: answer };
  };
  return {
    fetch,
    now: () => now,
    sleep: async (ms: number) => {
      waits.push(ms);
      now += ms;
    },
    waits,
    urls,
  };
}

describe("checkHealth", () => {
  it("is healthy at the first 2xx", async () => {
    const s = scripted([204]);
    const result = await checkHealth("http://svc/health", { timeoutMs: 60_000, ...s });
    expect(result).toMatchObject({ healthy: true, attempts: 1, status: 204 });
    expect(s.waits).toEqual([]);
  });

  it("retries with doubling waits capped at 10 s until healthy", async () => {
    const s = scripted([503, 502, 500, 404, 503, 200]);
    const result = await checkHealth("http://svc/health", { timeoutMs: 60_000, ...s });
    expect(result).toMatchObject({ healthy: true, attempts: 6, status: 200 });
    expect(s.waits).toEqual([1000, 2000, 4000, 8000, 10000]);
  });

  it("gives up at the deadline with the last answer", async () => {
    const s = scripted([]);
    const result = await checkHealth("http://svc/health", { timeoutMs: 5_000, ...s });
    // Attempts at 0, 1 s and 3 s; the next wait (4 s) would end past the deadline.
    expect(result).toMatchObject({ healthy: false, attempts: 3, status: 503, detail: "HTTP 503" });
    expect(s.waits).toEqual([1000, 2000]);
    expect(result.durationMs).toBe(3000);
  });

  it("treats redirects that end in a non-2xx and connection errors as unhealthy", async () => {
    const refused = Object.assign(new TypeError("fetch failed"), {
      cause: { code: "ECONNREFUSED" },
    });
    const s = scripted([302, refused]);
    const result = await checkHealth("http://svc/health", {
      timeoutMs: 1_500,
      initialDelayMs: 1_000,
      ...s,
    });
    expect(result).toMatchObject({ healthy: false, attempts: 2, detail: "ECONNREFUSED" });
    expect(result.status).toBeUndefined();
  });

  it("always makes one attempt, and stops waiting when cancelled", async () => {
    const controller = new AbortController();
    controller.abort();
    const s = scripted([200]);
    expect(
      await checkHealth("http://svc/health", { timeoutMs: 0, ...s, signal: controller.signal }),
    ).toMatchObject({ healthy: false, cancelled: true, attempts: 0 });

    const live = new AbortController();
    const pending = checkHealth("http://127.0.0.1:9/health", {
      timeoutMs: 60_000,
      initialDelayMs: 30_000,
      fetch: async () => ({ status: 503 }),
      signal: live.signal,
    });
    setTimeout(() => live.abort(), 50);
    const started = Date.now();
    expect(await pending).toMatchObject({ healthy: false, cancelled: true });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("checks a real endpoint that becomes healthy after a few requests", async () => {
    let hits = 0;
    const server = createServer((_req, res) => {
      hits++;
      res.writeHead(hits >= 3 ? 200 : 503).end("body that is never read");
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const { port } = server.address() as AddressInfo;
    try {
      const result = await checkHealth(`http://127.0.0.1:${port}/health`, {
        timeoutMs: 5_000,
        initialDelayMs: 20,
      });
      expect(result).toMatchObject({ healthy: true, attempts: 3, status: 200 });
    } finally {
      server.close();
      server.closeAllConnections();
    }
  });

  it("times out one attempt that hangs and says so", async () => {
    const server = createServer(() => {}); // never answers
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const { port } = server.address() as AddressInfo;
    try {
      const result = await checkHealth(`http://127.0.0.1:${port}/health`, {
        timeoutMs: 300,
        requestTimeoutMs: 100,
        initialDelayMs: 50,
      });
      expect(result.healthy).toBe(false);
      expect(result.detail).toMatch(/no answer within 0\.1 s/);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});

describe("healthUrlFor", () => {
  it("substitutes every {target}, URL-encoded", () => {
    expect(healthUrlFor("https://{target}.example.com/health?t={target}", "eu-1")).toBe(
      "https://eu-1.example.com/health?t=eu-1",
    );
    expect(healthUrlFor("http://h/{target}", "a b")).toBe("http://h/a%20b");
  });
});

describe("abortableSleep", () => {
  it("resolves early on abort", async () => {
    const c = new AbortController();
    const t0 = Date.now();
    setTimeout(() => c.abort(), 20);
    await abortableSleep(10_000, c.signal);
    expect(Date.now() - t0).toBeLessThan(1_000);
  });
});
