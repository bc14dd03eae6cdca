#!/usr/bin/env node
// What @octokit/plugin-retry costs per request: it wraps every request in a new Bottleneck,
// whose queue steps wait on setTimeout(0). The same 12 GETs (a one-target deploy's count),
// back to back, against a loopback server that answers at once, from a fresh node process
// (as cold as an action) and again warm in it, with `@octokit/rest` bare and with the retry
// plugin applied, alternating; medians of the spans and the difference per request.
//   node bench/retry-cost.mjs
//   FASTDEPLOY_BENCH_ROUNDS=21 FASTDEPLOY_BENCH_REQUESTS=12 node bench/retry-cost.mjs
import { execFile } from "node:child_process";
import { createServer } from "node:http";
import { promisify } from "node:util";
import { median } from "./lib.mjs";

const rounds = Number(process.env.FASTDEPLOY_BENCH_ROUNDS ?? 15);
const count = Number(process.env.FASTDEPLOY_BENCH_REQUESTS ?? 12);

if (process.argv[2] === "--child") {
  // In the child: one variant, cold spans first, then warm ones after a warm-up.
  const [, , , variant, url] = process.argv;
  const { Octokit } = await import("@octokit/rest");
  const { retry } = await import("@octokit/plugin-retry");
  const Client = variant === "retry" ? Octokit.plugin(retry) : Octokit;
  const octokit = new Client({ baseUrl: url, auth: "token" });
  const span = async () => {
    const started = performance.now();
    for (let i = 0; i < count; i++)
      await octokit.request("GET /repos/{owner}/{repo}", { owner: "acme", repo: "shop" });
    return performance.now() - started;
  };
  const cold = await span();
  for (let i = 0; i < 5; i++) await span();
  const warm = [];
  for (let i = 0; i < 5; i++) warm.push(await span());
  console.log(JSON.stringify({ cold, warm: median(warm) }));
  process.exit(0);
}

const server = createServer((_req, res) => {
  res.writeHead(200, { "content-type": "application/json" });
  res.end('{"full_name":"acme/shop"}');
});
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const url = `http://127.0.0.1:${server.address().port}`;
const run = promisify(execFile);
const results = { bare: { cold: [], warm: [] }, retry: { cold: [], warm: [] } };
for (let round = 0; round < rounds; round++) {
  const order = round % 2 ? ["retry", "bare"] : ["bare", "retry"];
  for (const variant of order) {
    const { stdout } = await run(process.execPath, [import.meta.filename, "--child", variant, url]);
    const { cold, warm } = JSON.parse(stdout);
    results[variant].cold.push(cold);
    results[variant].warm.push(warm);
  }
}
server.close();
const f = (v) => `${v.toFixed(1)} ms`;
console.log(
  `@octokit/plugin-retry, ${count} GETs back to back, median of ${rounds} fresh processes`,
);
for (const phase of ["cold", "warm"]) {
  const bare = median(results.bare[phase]);
  const retried = median(results.retry[phase]);
  console.log(
    `  ${phase}: bare ${f(bare)}, with retry ${f(retried)}: ${f((retried - bare) / count)} per request`,
  );
}
