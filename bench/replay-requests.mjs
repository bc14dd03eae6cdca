// Sends recorded requests (bench/record-requests.mjs) again, back to back, each answer read in
// full: the baseline of bench/small-work.mjs. Imported, it replays in the caller's (warm)
// process; run as `node bench/replay-requests.mjs <file>`, in a fresh node process, as cold as
// the action's, and prints the span from the first request out to the last answer back, in ms.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const now = () => performance.timeOrigin + performance.now();

export async function replay(requests) {
  let started;
  for (const r of requests) {
    started ??= now();
    const response = await fetch(r.url, {
      method: r.method,
      headers: r.headers,
      redirect: r.redirect,
      ...(r.body ? { body: Buffer.from(r.body, "base64") } : {}),
    });
    await response.arrayBuffer();
    if (response.status !== r.status) {
      throw new Error(`${r.method} ${r.url} answered ${response.status}, not ${r.status}`);
    }
  }
  return now() - started;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const requests = JSON.parse(readFileSync(process.argv[2], "utf8"));
  console.log(String(await replay(requests)));
}
