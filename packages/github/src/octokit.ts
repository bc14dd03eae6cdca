import { retry } from "@octokit/plugin-retry";
import { throttling } from "@octokit/plugin-throttling";
import { Octokit } from "@octokit/rest";
import { transportFetch } from "./http-transport.js";
import { failFastOffline } from "./network-errors.js";
import { pluginLimiters } from "./throttle-limiters.js";
import {
  DEFAULT_WRITE_BURST,
  DEFAULT_WRITE_INTERVAL_MS,
  throttleGroup,
  WritePacer,
} from "./write-pacing.js";

/**
 * The one Octokit class every action and the CLI use: REST methods, pagination, retry,
 * throttling. failFastOffline comes first so that its hook sits inside the retry plugin's.
 */
export const FastDeployOctokit = Octokit.plugin(failFastOffline, retry, throttling);
export type GitHubClient = InstanceType<typeof FastDeployOctokit> & { requestCount(): number };

export interface ClientOptions {
  token: string;
  /** REST base URL; GitHub Enterprise Server gives `https://HOST/api/v3`. */
  apiUrl?: string;
  userAgent?: string;
  /** Where rate-limit events and retries are reported (warnings in a workflow log). */
  warn?: (message: string) => void;
  debug?: (message: string) => void;
  /**
   * Pacing (write-pacing.ts): up to `writeBurst` writes go out at once, then one per
   * `writeIntervalMs`; retries back off from `retryBaseMs`. A GHES admin may allow faster.
   */
  retryBaseMs?: number;
  writeIntervalMs?: number;
  writeBurst?: number;
  /** Retries on 5xx and network errors before giving up. */
  retries?: number;
}

const DEFAULT_API_URL = "https://api.github.com";
const MAX_RATE_LIMIT_RETRIES = 3;

export function createGitHubClient(options: ClientOptions): GitHubClient {
  const warn = options.warn ?? (() => {});
  const retryBaseMs = options.retryBaseMs ?? 1000;
  let requests = 0;
  const octokit = new FastDeployOctokit({
    auth: options.token,
    baseUrl: (options.apiUrl ?? DEFAULT_API_URL).replace(/\/+$/, ""),
    userAgent: options.userAgent ?? "fastdeploy",
    // node:http with the runner's proxy settings, not Node's fetch (http-transport.ts says why).
    request: { fetch: transportFetch as unknown as typeof fetch },
    log: {
      debug: (m: string) => options.debug?.(m),
      info: (m: string) => options.debug?.(m),
      warn: (m: string) => warn(m),
      // Octokit's request log reports every failed request here, expected 404s included
      // ("does the environment exist yet?"); the error itself reaches the caller, who decides.
      error: (m: string) => options.debug?.(m),
    },
    retry: { retries: options.retries ?? 3, retryAfterBaseValue: retryBaseMs },
    throttle: {
      retryAfterBaseValue: retryBaseMs,
      // The plugin's own limits (10 requests at once, auth requests one at a time) and its
      // retries, on lighter limiters than Bottleneck's (throttle-limiters.ts). A spread, as
      // the plugin reads these options without declaring them.
      ...pluginLimiters(),
      write: throttleGroup(
        new WritePacer({
          burst: options.writeBurst ?? DEFAULT_WRITE_BURST,
          intervalMs: options.writeIntervalMs ?? DEFAULT_WRITE_INTERVAL_MS,
        }),
      ),
      // The plugin holds writes that notify people (creating a release) 3 s apart; no GitHub
      // document asks for that (write-pacing.ts), so they are paced as any other write.
      notifications: throttleGroup(undefined),
      onRateLimit: (retryAfter, request, _octokit, retryCount) => {
        warn(
          `GitHub rate limit reached for ${request.method} ${request.url}; ` +
            `retrying in ${retryAfter} s (attempt ${retryCount + 1} of ${MAX_RATE_LIMIT_RETRIES}).`,
        );
        return retryCount < MAX_RATE_LIMIT_RETRIES;
      },
      onSecondaryRateLimit: (retryAfter, request, _octokit, retryCount) => {
        warn(
          `GitHub secondary rate limit hit for ${request.method} ${request.url}; ` +
            `retrying in ${retryAfter} s (attempt ${retryCount + 1} of ${MAX_RATE_LIMIT_RETRIES}).`,
        );
        return retryCount < MAX_RATE_LIMIT_RETRIES;
      },
    },
  });
  // Every request costs budget (1,000 an hour per repository for GITHUB_TOKEN): count them so
  // the benchmarks and the job summary can show the cost of a release.
  octokit.hook.before("request", () => {
    requests += 1;
  });
  return Object.assign(octokit, { requestCount: () => requests });
}

/** Reads pacing overrides from the environment (documented in docs/github-enterprise.md). */
export function pacingFromEnv(env: NodeJS.ProcessEnv = process.env): Partial<ClientOptions> {
  const num = (name: string) => {
    const value = env[name];
    if (value === undefined || value === "") return undefined;
    const n = Number(value);
    if (!Number.isFinite(n) || n < 0)
      throw new Error(`${name} must be a number of milliseconds, got "${value}".`);
    return n;
  };
  const burst = num("FASTDEPLOY_WRITE_BURST");
  if (burst !== undefined && burst < 1)
    throw new Error(`FASTDEPLOY_WRITE_BURST must be at least 1 write, got "${burst}".`);
  return {
    retryBaseMs: num("FASTDEPLOY_RETRY_BASE_MS"),
    writeIntervalMs: num("FASTDEPLOY_WRITE_INTERVAL_MS"),
    writeBurst: burst,
  };
}
