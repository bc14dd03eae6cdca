import type { IncomingHttpHeaders } from "node:http";
import type { Readable } from "node:stream";
import type { RoutePermission } from "./permissions.js";

/**
 * The contract between the sandbox's HTTP core (router, OpenAPI validation, faults, request
 * log, persistence) and the route modules that implement GitHub's behaviour.
 *
 * Route modules are plain data + handlers; they never touch the socket. The core validates
 * every request before the handler runs and every JSON response after it returns, against
 * the operation found in the vendored OpenAPI subset for (method, path template).
 */

/** One repository's state. Each route module owns the slice named after it. */
export interface RepoState {
  owner: string;
  name: string;
  id: number;
  defaultBranch: string;
  private: boolean;
  /** Slices owned by route modules; they must stay JSON-serialisable for persistence. */
  [slice: string]: unknown;
}

/** The whole sandbox state: serialised as JSON to persist, replaced to reset. */
export interface SandboxState {
  /** Monotonic id source shared by every object kind, like GitHub's global ids. */
  nextId: number;
  /** Logical clock in ms; defaults to Date.now() but tests may pin it. */
  repos: Record<string, RepoState>;
  /** Users known to the sandbox (login → id); the token's user is `users[tokenUser]`. */
  users: Record<string, { id: number; login: string; type: "User" | "Bot" }>;
  /** Teams (slug → id). */
  teams: Record<string, { id: number; slug: string; name: string }>;
  /** Blob storage for release assets etc., keyed by a content id; kept outside JSON (files). */
  [slice: string]: unknown;
}

export interface RouteContext {
  /** Path parameters from the OpenAPI template, already URL-decoded. */
  params: Record<string, string>;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** Parsed JSON body (undefined when there is none or it is not JSON). */
  body: unknown;
  /** The raw body as a stream, for uploads (set only when the route declares `rawBody`). */
  rawBody?: Readable;
  /** The repository named by {owner}/{repo}; a 404 was already sent when it does not exist. */
  repo: RepoState;
  state: SandboxState;
  /** The login of the user the token belongs to. */
  actor: string;
  /** Allocates a new global id. */
  nextId(): number;
  /** Current time as an ISO 8601 string (the sandbox clock). */
  now(): string;
  /** Origin of the API, e.g. http://127.0.0.1:4010 (what GITHUB_API_URL points at). */
  apiUrl: string;
  /** Origin of the uploads host (a second listener, like uploads.github.com). */
  uploadsUrl: string;
  /** Origin of the web UI (GITHUB_SERVER_URL), used for html_url fields. */
  serverUrl: string;
  /** Directory where binary blobs (release asset contents) are stored. */
  blobDir: string;
  /** Whether the actor has push access (drafts are listed only for them). Default true. */
  canPush?: boolean;
  /** How asset downloads answer `Accept: application/octet-stream`: a 302 to a signed URL or the bytes. */
  assetDownload?: "302" | "200";
  /** Signs a payload with the sandbox's secret (signed download URLs). */
  sign?: (payload: string) => string;
}

export interface RouteResult {
  status: number;
  /** JSON body; validated against the operation's response schema for `status`. */
  body?: unknown;
  headers?: Record<string, string>;
  /** A binary body (asset download); not schema-validated. */
  stream?: Readable;
}

export type Handler = (ctx: RouteContext) => RouteResult | Promise<RouteResult>;

export interface Route {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** The OpenAPI path template exactly as in GitHub's description, e.g. `/repos/{owner}/{repo}/releases`. */
  path: string;
  handler: Handler;
  /** Serve on the uploads host instead of the API host. */
  uploads?: boolean;
  /** Do not parse the body as JSON; hand the handler the raw stream. */
  rawBody?: boolean;
  /** Routes that are not in GitHub's OpenAPI description (e.g. the signed asset download). */
  unvalidated?: boolean;
  /** Served without a token (signed URLs, browser downloads); `ctx.actor` is then "". */
  anonymous?: boolean;
  /**
   * What a job token needs here. Built-in routes are tagged in permissions.ts; a route without
   * a tag is refused to job tokens.
   */
  permission?: RoutePermission;
}

/** Thrown by handlers to answer with GitHub's error shape: `{message, documentation_url, errors?}`. */
export class HttpError extends Error {
  override name = "HttpError";
  constructor(
    readonly status: number,
    message: string,
    readonly errors?: Array<{ resource: string; code: string; field?: string; message?: string }>,
  ) {
    super(message);
  }
}
