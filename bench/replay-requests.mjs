// Sends recorded requests (bench/record-requests.mjs) again, back to back, each answer read in
// full: the baselines of bench/small-work.mjs. Imported, it replays in the caller's (warm)
// process; run as `node bench/replay-requests.mjs <file> [fetch|http]`, in a fresh node process,
// as cold as the action's, and prints the span from the first request out to the last answer
// back, in ms. Two clients: Node's fetch (what Octokit and most actions send with), and bare
// node:http with a keep-alive agent (what FastDeploy's transport is built on; the leanest loop).
import { readFileSync } from "node:fs";
import { Agent, request } from "node:http";
import { fileURLToPath } from "node:url";

const now = () => performance.timeOrigin + performance.now();

async function viaFetch(r) {
  const response = await fetch(r.url, {
    method: r.method,
    headers: r.headers,
    redirect: r.redirect,
    ...(r.body ? { body: Buffer.from(r.body, "base64") } : {}),
  });
  await response.arrayBuffer();
  return response.status;
}

// http: only, as the local GitHub speaks it.
const agent = new Agent({ keepAlive: true });
function viaHttp(r) {
  return new Promise((resolve, reject) => {
    const body = r.body ? Buffer.from(r.body, "base64") : undefined;
    const headers = body ? { ...r.headers, "content-length": String(body.length) } : r.headers;
    const sent = request(r.url, { method: r.method, headers, agent }, (response) => {
      response.on("data", () => {});
      response.on("end", () => resolve(response.statusCode));
      response.on("error", reject);
    });
    sent.on("error", reject);
    sent.end(body);
  });
}

export async function replay(requests, client = "fetch") {
  const send = client === "http" ? viaHttp : viaFetch;
  let started;
  for (const r of requests) {
    started ??= now();
    const status = await send(r);
    if (status !== r.status)
      throw new Error(`${r.method} ${r.url} answered ${status}, not ${r.status}`);
  }
  return now() - started;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const requests = JSON.parse(readFileSync(process.argv[2], "utf8"));
  console.log(String(await replay(requests, process.argv[3] ?? "fetch")));
  agent.destroy();
}
