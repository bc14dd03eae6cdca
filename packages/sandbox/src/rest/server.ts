import { createHmac, randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Credentials, type JobTokenRequest } from "./credentials.js";
import { type ActiveFault, FaultInjector, type FaultSpec } from "./faults.js";
import { HttpCore, type Violation } from "./http-core.js";
import { githubOpenApi } from "./openapi.js";
import { type RequestFilter, RequestLog, type RequestRecord } from "./request-log.js";
import { routeModules } from "./route-modules.js";
import { compileRoute, Router } from "./router.js";
import { type SeedCommitOptions, seedCommit } from "./routes/git-model.js";
import {
  addUser,
  type CreateRepoOptions,
  createRepoState,
  findRepo,
  initialState,
  loadState,
  saveState,
} from "./state.js";
import type { RepoState, Route, SandboxState } from "./types.js";
import { githubNow, LocalWorkflowHost } from "./workflow-host.js";

export interface TokenGrant {
  login: string;
  /** Push access (sees drafts, may write). Default true. */
  push?: boolean;
  type?: "User" | "Bot";
}

export interface SandboxOptions {
  /** Persist state here (state.json + blobs/); loaded on start when present. */
  stateDir?: string;
  /** Token → user. Default: `{ "sandbox-token": "octocat" }`. */
  tokens?: Record<string, string | TokenGrant>;
  /** Turn response violations into 500s with an `x-sandbox-violation` header. Default true. */
  strict?: boolean;
  /** How asset downloads answer `Accept: application/octet-stream`. Default "302". */
  assetDownload?: "302" | "200";
  /** Extra routes matched before the built-in ones (tests: a deliberately broken route). */
  routes?: Route[];
  /** Port of the API listener (GITHUB_API_URL); default a free one. Uploads always get a free one. */
  port?: number;
}

export interface RuntimeOptions {
  strict: boolean;
  assetDownload: "302" | "200";
}

export const DEFAULT_TOKEN = "sandbox-token";

/** The REST sandbox; its engine-facing methods are documented on WorkflowHost. */
export class Sandbox extends LocalWorkflowHost {
  /** Origin of the API host (what GITHUB_API_URL points at). */
  apiUrl = "";
  /** Origin of the uploads host (the origin of every release's `upload_url`). */
  uploadsUrl = "";
  /** Origin of the web UI (GITHUB_SERVER_URL); the API listener also serves it. */
  serverUrl = "";
  /** Mutable at runtime: tests flip `assetDownload` and `strict`. */
  readonly options: RuntimeOptions;
  readonly violations: Violation[] = [];
  readonly log = new RequestLog();
  readonly faults = new FaultInjector();
  state: SandboxState;
  readonly blobDir: string;

  private readonly servers: Server[] = [];
  private readonly credentials = new Credentials(() => this.state);
  private readonly grants: TokenGrant[] = [];
  private readonly secret = randomBytes(32);
  private readonly core: HttpCore;
  private readonly tempDir: string | undefined;

  constructor(private readonly init: SandboxOptions) {
    super();
    this.options = { strict: init.strict ?? true, assetDownload: init.assetDownload ?? "302" };
    for (const [token, grant] of Object.entries(init.tokens ?? { [DEFAULT_TOKEN]: "octocat" })) {
      const g = typeof grant === "string" ? { login: grant } : grant;
      this.credentials.set(token, { login: g.login, push: g.push ?? true });
      this.grants.push(g);
    }
    if (init.stateDir) {
      this.blobDir = join(init.stateDir, "blobs");
    } else {
      this.tempDir = mkdtempSync(join(tmpdir(), "fastdeploy-sandbox-"));
      this.blobDir = join(this.tempDir, "blobs");
    }
    mkdirSync(this.blobDir, { recursive: true });
    this.state = (init.stateDir && loadState(init.stateDir)) || this.freshState();

    const openapi = githubOpenApi();
    const router = new Router();
    for (const route of [...(init.routes ?? []), ...routeModules.flat()]) {
      router.add(compileRoute(route, openapi.operation(route.method, route.path)));
    }
    this.core = new HttpCore({
      router,
      openapi,
      log: this.log,
      faults: this.faults,
      violations: this.violations,
      credentials: this.credentials,
      strict: () => this.options.strict,
      context: () => ({
        state: this.state,
        nextId: () => this.state.nextId++,
        now: githubNow,
        apiUrl: this.apiUrl,
        uploadsUrl: this.uploadsUrl,
        serverUrl: this.serverUrl,
        blobDir: this.blobDir,
        assetDownload: this.options.assetDownload,
        sign: (payload: string) => this.sign(payload),
      }),
    });
  }

  /** Starts both listeners on 127.0.0.1, each on a free port. */
  async listen(): Promise<void> {
    const listen = async (host: "api" | "uploads", port = 0) => {
      const server = createServer((req, res) => {
        this.core.handle(req, res, host).catch((error: unknown) => {
          this.violations.push({
            kind: "handler",
            method: req.method ?? "",
            route: req.url ?? "",
            errors: [String(error)],
            at: new Date().toISOString(),
          });
          if (!res.headersSent) res.writeHead(500).end();
          else res.destroy();
        });
      });
      this.servers.push(server);
      await new Promise<void>((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, "127.0.0.1", () => resolve());
      });
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    };
    this.apiUrl = await listen("api", this.init.port);
    this.serverUrl = this.apiUrl;
    this.uploadsUrl = await listen("uploads");
  }

  createRepo(fullName: string, options: CreateRepoOptions & { init?: boolean } = {}): RepoState {
    const repo = createRepoState(this.state, fullName, options, githubNow());
    // Like `auto_init`: a repository starts with one commit on its default branch.
    if (options.init ?? true) seedCommit(repo, { message: "Initial commit" }, githubNow());
    return repo;
  }

  repo(fullName: string): RepoState {
    const [owner = "", name = ""] = fullName.split("/");
    const repo = findRepo(this.state, owner, name);
    if (!repo) throw new Error(`no repository ${fullName} in the sandbox`);
    return repo;
  }

  /** Adds a commit (advancing `branch`, default the default branch) and returns its sha. */
  seedCommit(fullName: string, options: SeedCommitOptions): string {
    return seedCommit(this.repo(fullName), options, githubNow());
  }

  /** A token for `login` (created on demand), for tests that act as several users. */
  addToken(token: string, grant: string | TokenGrant): void {
    const g = typeof grant === "string" ? { login: grant } : grant;
    this.credentials.set(token, { login: g.login, push: g.push ?? true });
    this.grants.push(g);
    addUser(this.state, { login: g.login, type: g.type });
  }

  /**
   * A job's GITHUB_TOKEN (`ghs_…`): it acts as github-actions[bot] and only within the job's
   * `permissions:` on its own repository; anything else answers 403 "Resource not accessible
   * by integration". Lives as long as this process.
   */
  issueJobToken(request: JobTokenRequest): string {
    return this.credentials.issueJobToken(request);
  }

  userToken(login: string): string {
    return this.credentials.userToken(login);
  }

  injectFault(spec: FaultSpec): ActiveFault {
    return this.faults.inject(spec);
  }

  requestCount(filter: RequestFilter = {}): number {
    return this.log.count(filter);
  }

  countsByRoute(): Record<string, number> {
    return this.log.countsByRoute();
  }

  writes(): RequestRecord[] {
    return this.log.writes();
  }

  /** Returns and forgets the recorded violations. */
  takeViolations(): Violation[] {
    return this.violations.splice(0);
  }

  /** Throws (failing the calling test) when any request or response broke the description. */
  assertNoViolations(): void {
    const found = this.takeViolations();
    if (!found.length) return;
    const lines = found.map(
      (v) =>
        `${v.kind} ${v.method} ${v.route}${v.status ? ` → ${v.status}` : ""}: ${v.errors.join("; ")}`,
    );
    throw new Error(`GitHub OpenAPI violations in the sandbox:\n${lines.join("\n")}`);
  }

  /** Forgets all state, blobs, log entries, faults and violations. */
  reset(): void {
    this.state = this.freshState();
    rmSync(this.blobDir, { recursive: true, force: true });
    mkdirSync(this.blobDir, { recursive: true });
    this.log.clear();
    this.faults.clear();
    this.violations.length = 0;
  }

  /** Writes state.json to the state directory (blobs are already files there). */
  save(): void {
    if (!this.init.stateDir) throw new Error("save() needs startSandbox({ stateDir })");
    saveState(this.init.stateDir, this.state);
  }

  async close(): Promise<void> {
    if (this.init.stateDir) this.save();
    await Promise.all(
      this.servers.map(
        (server) =>
          new Promise<void>((resolve) => {
            server.close(() => resolve());
            server.closeAllConnections();
          }),
      ),
    );
    if (this.tempDir) rmSync(this.tempDir, { recursive: true, force: true });
  }

  sign(payload: string): string {
    return createHmac("sha256", this.secret).update(payload).digest("hex");
  }

  private freshState(): SandboxState {
    return initialState(this.grants.map((g) => ({ login: g.login, type: g.type })));
  }
}

/** Starts a sandbox: the API and uploads listeners on 127.0.0.1, port 0. */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const sandbox = new Sandbox(options);
  await sandbox.listen();
  return sandbox;
}
