import { FastDeployError } from "@fastdeploy/core";
import type { Octokit } from "@octokit/core";

/**
 * No HTTP answer came back at all: the name did not resolve, nothing listened, or the server's
 * certificate was not one to trust.
 */
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

// The server answered with a certificate Node would not trust: a GHES certificate of the
// company's own CA, an expired one, or one for another name. Waiting does not mend it either.
const UNTRUSTED = new Set([
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "CERT_HAS_EXPIRED",
  "CERT_NOT_YET_VALID",
  "CERT_UNTRUSTED",
  "CERT_REJECTED",
  "ERR_TLS_CERT_ALTNAME_INVALID",
]);

function certificateAdvice(code: string): string {
  if (code === "CERT_HAS_EXPIRED" || code === "CERT_NOT_YET_VALID")
    return "The server's certificate is outside its validity dates: renew it on the server, or check this machine's clock. Do not turn verification off.";
  if (code === "ERR_TLS_CERT_ALTNAME_INVALID")
    return "The certificate names another host: use the URL it was issued for (GITHUB_API_URL, --api-url). Do not turn verification off.";
  return (
    "If your GitHub Enterprise Server uses a certificate of your company's own CA, set NODE_EXTRA_CA_CERTS to that CA's PEM file: " +
    "on a self-hosted runner in its .env file, then restart the runner; for the CLI in your shell. Do not turn verification off."
  );
}

interface Cause {
  code?: unknown;
  message?: unknown;
  cause?: unknown;
}

/** The first error in the cause chain (four deep at most) that `matches`. */
function findCause(error: unknown, matches: (e: Cause) => boolean): Cause | undefined {
  for (let e = error as Cause | undefined, depth = 0; e && depth < 4; depth++) {
    if (matches(e)) return e;
    e = e.cause as Cause | undefined;
  }
  return undefined;
}

const withCode = (codes: Set<string>) => (e: Cause) =>
  typeof e.code === "string" && codes.has(e.code);

/**
 * Octokit turns a request that never reached a server into a RequestError with status 500
 * ("GitHub answered 500: getaddrinfo ENOTFOUND"), and the retry plugin then backs off for
 * about 14 s. This plugin sits inside the retry plugin (it is applied first) and rethrows
 * such a failure as what it is, without a `request` field, so nothing retries it and every
 * face prints one message saying the network, not GitHub, failed. A certificate that is not
 * trusted fails the same way, saying how a runner trusts a company CA (GitHub Docs,
 * "Troubleshooting GitHub Actions for your enterprise": NODE_EXTRA_CA_CERTS, in the runner's
 * .env or the system environment, read when the runner starts).
 */
export function failFastOffline(octokit: Octokit): void {
  octokit.hook.wrap("request", async (request, options) => {
    try {
      return await request(options);
    } catch (error) {
      const api = new URL(options.baseUrl ?? "https://api.github.com");
      const unreachable = findCause(error, withCode(UNREACHABLE));
      if (unreachable)
        throw new GitHubUnreachableError(
          `Could not reach ${api.host} (${unreachable.code}): the network is unreachable or the name does not resolve, so GitHub never answered. Check the connection, a proxy, or --api-url / GITHUB_API_URL.`,
        );
      const untrusted = findCause(error, withCode(UNTRUSTED));
      if (untrusted)
        throw new GitHubUnreachableError(
          `The TLS certificate of ${api.host} could not be verified (${untrusted.code}: ${untrusted.message}). ${certificateAdvice(String(untrusted.code))}`,
        );
      // A proxy that refused or failed the CONNECT (http-transport.ts words it as the `tunnel`
      // package does, code ECONNRESET): no retry mends that either.
      const tunnel = findCause(
        error,
        (e) =>
          typeof e.message === "string" &&
          e.message.startsWith("tunneling socket could not be established"),
      );
      if (tunnel)
        throw new GitHubUnreachableError(
          `Could not reach ${api.host} through the proxy (${tunnel.message}). Check https_proxy / http_proxy, or list ${api.hostname} in no_proxy if it is reached directly.`,
        );
      throw error;
    }
  });
}
