// Preloaded into an action's process (NODE_OPTIONS=--import) by bench/small-work.mjs: records
// every HTTP request the action sends (its transport is node:http, http-transport.ts), with its
// body, and when it went out and when its answer's headers came back, into
// $FASTDEPLOY_BENCH_REQUESTS_FILE as JSON, so the benchmark can send the very same requests
// back to back. It listens on Node's diagnostics channels for node:http clients and copies
// each body as it is written, which only makes the action slower.
import { subscribe } from "node:diagnostics_channel";
import { writeFileSync } from "node:fs";
import { ClientRequest } from "node:http";

const file = process.env.FASTDEPLOY_BENCH_REQUESTS_FILE;
const records = [];
const pending = new WeakMap();
const now = () => performance.timeOrigin + performance.now();
// The monotonic clock a --cpu-prof profile's timestamps use, in microseconds, to line requests up with it.
const micros = () => Number(process.hrtime.bigint() / 1000n);

if (file) {
  // Published as a request is made (Node 22.12+); "http.client.request.start" comes only once
  // its body is written, too late for the time it went out.
  subscribe("http.client.request.created", ({ request }) => {
    pending.set(request, { start: now(), startMicros: micros(), body: [] });
  });
  // Its body, as the transport writes it.
  for (const method of ["write", "end"]) {
    const original = ClientRequest.prototype[method];
    ClientRequest.prototype[method] = function (chunk, ...rest) {
      if (chunk && typeof chunk !== "function")
        pending
          .get(this)
          ?.body.push(
            typeof chunk === "string"
              ? Buffer.from(chunk, typeof rest[0] === "string" ? rest[0] : "utf8")
              : Buffer.from(chunk),
          );
      return original.call(this, chunk, ...rest);
    };
  }
  subscribe("http.client.response.finish", ({ request, response }) => {
    const entry = pending.get(request);
    if (!entry) return;
    pending.delete(request);
    const headers = {};
    for (const [name, value] of Object.entries(request.getHeaders()))
      if (name !== "host" && name !== "connection") headers[name] = String(value);
    records.push({
      method: request.method,
      // The Host header carries the port, as the URL did.
      url: `${request.protocol}//${request.getHeader("host")}${request.path}`,
      headers,
      // Every hop of a redirect is a request of its own here, so the replay follows none.
      redirect: "manual",
      ...(entry.body.length ? { body: Buffer.concat(entry.body).toString("base64") } : {}),
      start: entry.start,
      startMicros: entry.startMicros,
      end: now(),
      endMicros: micros(),
      status: response.statusCode,
    });
  });
  process.on("exit", () => {
    records.sort((a, b) => a.start - b.start);
    writeFileSync(file, JSON.stringify(records));
  });
}
