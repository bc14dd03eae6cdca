import { FastDeployError } from "@fastdeploy/core";
import type { Octokit } from "@octokit/core";

/** No HTTP answer came back at all: the name did not resolve, or nothing listened. */
export class GitHubUnreachableError extends FastDeployError {
  override name = "GitHubUnreachableError";
}

// Failures that no retry within seconds will mend: a name that does not resolve, a refused
// connection, no route. A reset or a timeout mid-request (ECONNRESET, ETIMEDOUT) may be a
// blip, so those keep the retry plugin's backoff.
const UNREACHABLE = new Set([
  "ENOTFOUND",
  "EAI_AGAIN",
  "ECONNREFUSED",
  "ENETUNREACH",
  "EHOSTUNREACH",
]);

function networkCode(error: unknown): string | undefined {
  for (
    let e = error as { code?: unknown; cause?: unknown } | undefined, depth = 0;
    e && depth < 4;
    depth++
  ) {
    if (typeof e.code === "string" && UNREACHABLE.has(e.code)) return e.code;
    e = e.cause as typeof e;
  }
  return undefined;
}

/**
 * Octokit turns a request that never reached a server into a RequestError with status 500
 * ("GitHub answered 500: getaddrinfo ENOTFOUND"), and the retry plugin then backs off for
 * about 14 s. This plugin sits inside the retry plugin (it is applied first) and rethrows
 * such a failure as what it is, without a `request` field, so nothing retries it and every
 * face prints one message saying the network, not GitHub, failed.
 */
export function failFastOffline(octokit: Octokit): void {
  octokit.hook.wrap("request", async (request, options) => {
    try {
      return await request(options);
    } catch (error) {
      const code = networkCode(error);
      if (!code) throw error;
      const host = new URL(options.baseUrl ?? "https://api.github.com").host;
      throw new GitHubUnreachableError(
        `Could not reach ${host} (${code}): the network is unreachable or the name does not resolve, so GitHub never answered. Check the connection, a proxy, or --api-url / GITHUB_API_URL.`,
      );
    }
  });
}
