/**
 * Minimal Twirp JSON transport: `POST /twirp/<package.Service>/<Method>` with a JSON
 * body, answered with JSON, errors as `{code, msg}` with Twirp's HTTP status per code.
 * @actions/artifact retries 5xx and 429 with seconds of backoff, so every expected
 * failure here must be a 4xx.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";

export type TwirpCode =
  | "invalid_argument"
  | "malformed"
  | "unauthenticated"
  | "permission_denied"
  | "not_found"
  | "bad_route"
  | "already_exists"
  | "failed_precondition"
  | "internal";

const STATUS: Record<TwirpCode, number> = {
  invalid_argument: 400,
  malformed: 400,
  unauthenticated: 401,
  permission_denied: 403,
  not_found: 404,
  bad_route: 404,
  already_exists: 409,
  failed_precondition: 412,
  internal: 500,
};

export class TwirpError extends Error {
  override name = "TwirpError";
  constructor(
    readonly code: TwirpCode,
    message: string,
  ) {
    super(message);
  }
  get status(): number {
    return STATUS[this.code];
  }
}

export type TwirpBody = Record<string, unknown>;
export type TwirpHandler = (body: TwirpBody, req: IncomingMessage) => Promise<TwirpBody>;

const MAX_BODY_BYTES = 1024 * 1024;

export function createTwirpServer(
  service: string,
  handlers: Record<string, TwirpHandler>,
  log: (msg: string) => void,
): Server {
  const prefix = `/twirp/${service}/`;
  return createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://127.0.0.1").pathname;
    const method = path.startsWith(prefix) ? path.slice(prefix.length) : "";
    serve(req, method, handlers).then(
      (result) => {
        log(`twirp ${method || path} -> 200`);
        send(res, 200, result);
      },
      (error: unknown) => {
        const twirp =
          error instanceof TwirpError ? error : new TwirpError("internal", String(error));
        log(`twirp ${method || path} -> ${twirp.status} ${twirp.code}: ${twirp.message}`);
        send(res, twirp.status, { code: twirp.code, msg: twirp.message });
      },
    );
  });
}

async function serve(
  req: IncomingMessage,
  method: string,
  handlers: Record<string, TwirpHandler>,
): Promise<TwirpBody> {
  const handler = Object.hasOwn(handlers, method) ? handlers[method] : undefined;
  if (req.method !== "POST" || !handler) {
    throw new TwirpError("bad_route", `no handler for ${req.method} ${req.url}`);
  }
  const type = (req.headers["content-type"] ?? "").split(";")[0]?.trim();
  if (type !== "application/json") {
    // The protobuf encoding exists in Twirp; @actions/artifact never uses it.
    throw new TwirpError("malformed", `unsupported content type ${type}`);
  }
  const raw = await readBody(req);
  let body: unknown;
  try {
    body = JSON.parse(raw || "{}");
  } catch {
    throw new TwirpError("malformed", "request body is not JSON");
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new TwirpError("malformed", "request body is not a JSON object");
  }
  return handler(body as TwirpBody, req);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new TwirpError("malformed", "request body too large");
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function send(res: ServerResponse, status: number, body: TwirpBody): void {
  const json = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(json),
  });
  res.end(json);
}
