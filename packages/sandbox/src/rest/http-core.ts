import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { errorResult, RATE_LIMIT } from "./answers.js";
import type { Credential, JobCredential } from "./credentials.js";
import { type FaultInjector, faultResult } from "./faults.js";
import type { OpenApi } from "./openapi.js";
import { acceptedPermissions, jobMay, requiredPermission } from "./permissions.js";
import type { RequestLog, RequestRecord } from "./request-log.js";
import type { Router } from "./router.js";
import { findRepo } from "./state.js";
import { HttpError, type RepoState, type RouteContext, type RouteResult } from "./types.js";
import { checkRequest, checkResponse } from "./validation.js";

/**
 * The request pipeline shared by both listeners: route → fault → auth → repository → body →
 * request validation → handler → response validation → answer, and one log record per request.
 */

export interface Violation {
  kind: "request" | "response" | "handler";
  method: string;
  route: string;
  operation?: string;
  status?: number;
  errors: string[];
  at: string;
}

export interface CoreDeps {
  router: Router;
  openapi: OpenApi;
  log: RequestLog;
  faults: FaultInjector;
  violations: Violation[];
  /** Token → credential; a login missing from state.users is a 401 as well. */
  credentials: { get(token: string): Credential | undefined };
  strict(): boolean;
  context(): Omit<
    RouteContext,
    "params" | "query" | "headers" | "body" | "rawBody" | "repo" | "actor" | "canPush"
  >;
}

const JSON_TYPE = "application/json; charset=utf-8";
const DOCS = "https://docs.github.com/rest";
const MAX_JSON_BODY = 25 * 1024 * 1024;

export class HttpCore {
  private readonly used = new Map<string, number>();

  constructor(private readonly deps: CoreDeps) {}

  async handle(req: IncomingMessage, res: ServerResponse, host: "api" | "uploads"): Promise<void> {
    const { router, log, faults, credentials } = this.deps;
    const method = (req.method ?? "GET").toUpperCase();
    const url = new URL(req.url ?? "/", "http://sandbox");
    const at = new Date().toISOString();
    const requestId = randomBytes(8).toString("hex").toUpperCase();
    const headers: Record<string, string> = {
      "x-github-request-id": requestId,
      "x-github-api-version-selected": "2022-11-28",
      "x-github-media-type": "github.v3; format=json",
    };
    const match = router.match(method, url.pathname, host === "uploads");
    const record: RequestRecord = {
      method,
      route: match?.compiled.route.path ?? url.pathname,
      status: 0,
      operation: match?.compiled.operation?.operationId,
      at,
      host,
    };
    const answer = (result: RouteResult) => {
      record.status = result.status;
      log.add(record);
      send(res, result, headers);
    };
    if (!match) {
      req.resume();
      return answer(errorResult(404, "Not Found", DOCS));
    }
    const { compiled, params } = match;
    const { route, operation } = compiled;
    const docs = operation?.documentationUrl ?? DOCS;

    for (const fault of faults.take(method, route.path, operation?.operationId)) {
      record.fault = fault.kind;
      if (fault.kind === "latency") {
        await sleep(fault.ms ?? 100);
        continue;
      }
      if (fault.kind === "drop") {
        log.add(record);
        req.socket.destroy();
        return;
      }
      req.resume();
      return answer(faultResult(fault, requestId, docs));
    }

    let actor = "";
    let canPush = false;
    const needed = requiredPermission(route);
    let job: JobCredential | undefined;
    if (!route.anonymous) {
      const token = /^(?:token|bearer)\s+(\S+)$/i.exec(req.headers.authorization ?? "")?.[1];
      const user = token ? credentials.get(token) : undefined;
      if (!token || !user || !this.deps.context().state.users[user.login]) {
        req.resume();
        return answer(
          errorResult(401, token ? "Bad credentials" : "Requires authentication", DOCS),
        );
      }
      actor = user.login;
      canPush = user.push;
      job = user.job;
      Object.assign(headers, this.rateLimitHeaders(token));
      const accepted = job && acceptedPermissions(needed);
      if (accepted) headers["x-accepted-github-permissions"] = accepted;
      // A read-only user token may not change a repository (job tokens are checked per scope).
      if (!job && !canPush && method !== "GET" && params.repo !== undefined) {
        req.resume();
        return answer(errorResult(403, "Resource not accessible by integration", docs));
      }
    }

    const base = this.deps.context();
    let repo: RepoState | undefined;
    if (params.owner !== undefined && params.repo !== undefined) {
      repo = findRepo(base.state, params.owner, params.repo);
      if (!repo) {
        req.resume();
        return answer(errorResult(404, "Not Found", docs));
      }
      // A job token's write access is to its own repository only: elsewhere it reads as
      // anyone does (no drafts, no push in `permissions`).
      if (job && !sameRepository(job, repo)) canPush = false;
    }

    const violation = (kind: Violation["kind"], errors: string[], status?: number) =>
      this.deps.violations.push({
        kind,
        method,
        route: route.path,
        operation: operation?.operationId,
        status,
        errors,
        at,
      });
    const validated = (result: RouteResult): RouteResult => {
      if (!operation || route.unvalidated || result.stream) return result;
      const errors = checkResponse(this.deps.openapi, operation, result.status, result.body);
      if (!errors.length) return result;
      violation("response", errors, result.status);
      if (!this.deps.strict()) return result;
      headers["x-sandbox-violation"] = encodeURIComponent(errors.join("; ")).slice(0, 2000);
      return errorResult(500, `Sandbox response violates GitHub's OpenAPI: ${errors[0]}`, docs);
    };

    const refusal = job && jobRefusal(job, needed, repo, method);
    if (refusal) {
      req.resume();
      const message = refusal === 404 ? "Not Found" : "Resource not accessible by integration";
      return answer(validated(errorResult(refusal, message, docs)));
    }

    let body: unknown;
    if (!route.rawBody) {
      const text = await readText(req);
      if (text === undefined) return answer(errorResult(413, "Request body too large", docs));
      if (text.trim() !== "") {
        try {
          body = JSON.parse(text);
        } catch {
          return answer(errorResult(400, "Problems parsing JSON", docs));
        }
      }
    }

    if (operation && !route.unvalidated) {
      const errors = checkRequest(this.deps.openapi, operation, params, url.searchParams, body);
      if (errors.length) {
        violation("request", errors);
        req.resume();
        return answer({
          ...errorResult(422, `Invalid request.\n\n${errors.join("\n")}`, docs),
        });
      }
    }

    const ctx: RouteContext = {
      ...base,
      params,
      query: url.searchParams,
      headers: req.headers,
      body,
      rawBody: route.rawBody ? req : undefined,
      // Routes outside /repos/{owner}/{repo} (GET /user) get no repository.
      repo: repo as RepoState,
      actor,
      canPush,
    };
    let result: RouteResult;
    try {
      result = await route.handler(ctx);
    } catch (error) {
      if (error instanceof HttpError) {
        result = errorResult(error.status, error.message, docs, error.errors);
      } else {
        const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
        violation("handler", [message], 500);
        result = errorResult(500, "Server Error", docs);
      }
    }
    // A refused upload never reads its body; drain it so the client still sees the answer.
    if (route.rawBody && !req.readableEnded) req.resume();

    answer(validated(result));
  }

  private rateLimitHeaders(token: string): Record<string, string> {
    const used = (this.used.get(token) ?? 0) + 1;
    this.used.set(token, used);
    const reset = Math.ceil(Date.now() / 3_600_000) * 3600;
    return {
      "x-ratelimit-limit": String(RATE_LIMIT),
      "x-ratelimit-remaining": String(Math.max(0, RATE_LIMIT - used)),
      "x-ratelimit-reset": String(reset),
      "x-ratelimit-used": String(used),
      "x-ratelimit-resource": "core",
    };
  }
}

/**
 * A job token acts only within the scopes of its job's `permissions:` and only on its own
 * repository ("The GITHUB_TOKEN's permissions are limited to the repository that contains
 * your workflow", https://docs.github.com/en/actions/security-for-github-actions/security-guides/automatic-token-authentication).
 * Elsewhere it reads public repositories like anyone, and a private one is a 404, as GitHub
 * answers for private resources a caller may not see.
 */
function jobRefusal(
  job: JobCredential,
  needed: ReturnType<typeof requiredPermission>,
  repo: RepoState | undefined,
  method: string,
): 403 | 404 | undefined {
  if (repo && !sameRepository(job, repo)) {
    if (repo.private) return 404;
    return method === "GET" ? undefined : 403;
  }
  return jobMay(job.grant, needed) ? undefined : 403;
}

function sameRepository(job: JobCredential, repo: RepoState): boolean {
  return `${repo.owner}/${repo.name}`.toLowerCase() === job.repository.toLowerCase();
}

function send(res: ServerResponse, result: RouteResult, base: Record<string, string>): void {
  const headers: Record<string, string> = { ...base, ...result.headers };
  if (result.stream) {
    res.writeHead(result.status, headers);
    result.stream.on("error", () => res.destroy());
    result.stream.pipe(res);
    return;
  }
  if (result.body === undefined) {
    res.writeHead(result.status, headers);
    res.end();
    return;
  }
  const text = JSON.stringify(result.body);
  headers["content-type"] ??= JSON_TYPE;
  headers["content-length"] = String(Buffer.byteLength(text));
  res.writeHead(result.status, headers);
  res.end(text);
}

async function readText(req: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_JSON_BODY) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}
