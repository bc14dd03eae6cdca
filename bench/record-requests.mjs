// Preloaded into an action's process (NODE_OPTIONS=--import) by bench/small-work.mjs: records
// every HTTP request the action sends through fetch (Octokit's transport, the CDN download),
// with its body, and when it went out and when its answer came back, into
// $FASTDEPLOY_BENCH_REQUESTS_FILE as JSON, so the benchmark can send the very same requests
// back to back. Bodies are read into memory first, which only makes the action slower.
import { writeFileSync } from "node:fs";

const file = process.env.FASTDEPLOY_BENCH_REQUESTS_FILE;
const records = [];
const send = globalThis.fetch;
const now = () => performance.timeOrigin + performance.now();

async function bytesOf(body) {
  if (body == null) return undefined;
  if (typeof body === "string") return Buffer.from(body);
  if (body instanceof ArrayBuffer || ArrayBuffer.isView(body)) return Buffer.from(body);
  if (typeof body[Symbol.asyncIterator] === "function") {
    const chunks = [];
    for await (const chunk of body) chunks.push(Buffer.from(chunk));
    return Buffer.concat(chunks);
  }
  throw new Error(`record-requests: cannot read a ${body?.constructor?.name} body`);
}

if (file) {
  globalThis.fetch = async (input, init = {}) => {
    const request = input instanceof Request ? input : undefined;
    const url = request ? request.url : String(input);
    const method = init.method ?? request?.method ?? "GET";
    const headers = Object.fromEntries(new Headers(init.headers ?? request?.headers).entries());
    const body = await bytesOf(init.body);
    const record = { method, url, headers, redirect: init.redirect ?? "follow" };
    if (body) record.body = body.toString("base64");
    record.start = now();
    const response = await send(input, body ? { ...init, body } : init);
    record.end = now();
    record.status = response.status;
    records.push(record);
    return response;
  };
  process.on("exit", () => writeFileSync(file, JSON.stringify(records)));
}
