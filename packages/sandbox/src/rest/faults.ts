import { errorResult, RATE_LIMIT } from "./answers.js";
import type { RouteResult } from "./types.js";

/**
 * Fault injection per route: the sandbox answers a matching request with a failure instead of
 * running its handler, so no state changes (like a GitHub front end refusing the request).
 */

export type FaultKind =
  /** A 5xx answer (default 502). */
  | "status"
  /** 403 with GitHub's secondary-rate-limit message and a `retry-after` header. */
  | "secondary-rate-limit"
  /** 429 Too Many Requests with `retry-after`. */
  | "too-many-requests"
  /** The socket is destroyed without an answer. */
  | "drop"
  /** The request is delayed by `ms`, then handled normally. */
  | "latency";

export interface FaultSpec {
  /** HTTP method to match; any when omitted. */
  method?: string;
  /** OpenAPI path template (`/repos/{owner}/{repo}/releases`) or operationId; any when omitted. */
  route?: string;
  kind: FaultKind;
  /** For kind "status": 500, 502 or 503. */
  status?: 500 | 502 | 503;
  /** Seconds in the `retry-after` header of rate-limit faults (default 1). */
  retryAfter?: number;
  /** Delay for kind "latency" (default 100). */
  ms?: number;
  /** How many matching requests fail (default 1; Infinity for all). */
  times?: number;
  /** Let this many matching requests succeed first (e.g. fail the 2nd asset upload: after 1). */
  after?: number;
}

export interface ActiveFault extends FaultSpec {
  seen: number;
  fired: number;
}

export class FaultInjector {
  private faults: ActiveFault[] = [];

  inject(spec: FaultSpec): ActiveFault {
    const fault: ActiveFault = { times: 1, after: 0, ...spec, seen: 0, fired: 0 };
    this.faults.push(fault);
    return fault;
  }

  /** The faults that apply to this request, consuming one firing of each. */
  take(method: string, route: string, operationId: string | undefined): ActiveFault[] {
    const fired: ActiveFault[] = [];
    for (const fault of this.faults) {
      if (fault.method && fault.method.toUpperCase() !== method) continue;
      if (fault.route && fault.route !== route && fault.route !== operationId) continue;
      fault.seen++;
      if (fault.seen <= (fault.after ?? 0)) continue;
      if (fault.fired >= (fault.times ?? 1)) continue;
      fault.fired++;
      fired.push(fault);
      // One answer per request: a later fault keeps its turn for the next matching call.
      if (fault.kind !== "latency") break;
    }
    return fired;
  }

  pending(): ActiveFault[] {
    return this.faults.filter((f) => f.fired < (f.times ?? 1));
  }

  clear(): void {
    this.faults = [];
  }
}

export const SECONDARY_RATE_LIMIT_MESSAGE =
  "You have exceeded a secondary rate limit. Please wait a few minutes before you try again. " +
  "If you reach out to GitHub Support for help, please include the request ID ";

/** The answer for a terminal fault (every kind but "drop" and "latency"). */
export function faultResult(fault: FaultSpec, requestId: string, docs: string): RouteResult {
  const retryAfter = String(fault.retryAfter ?? 1);
  if (fault.kind === "secondary-rate-limit") {
    return {
      ...errorResult(
        403,
        `${SECONDARY_RATE_LIMIT_MESSAGE}${requestId}.`,
        "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits",
      ),
      headers: { "retry-after": retryAfter },
    };
  }
  if (fault.kind === "too-many-requests") {
    // Shaped like an exhausted primary limit, which is what Octokit's throttling reads.
    return {
      ...errorResult(429, "API rate limit exceeded", docs),
      headers: {
        "retry-after": retryAfter,
        "x-ratelimit-limit": String(RATE_LIMIT),
        "x-ratelimit-remaining": "0",
        "x-ratelimit-used": String(RATE_LIMIT),
        "x-ratelimit-reset": String(Math.ceil(Date.now() / 1000) + Number(retryAfter)),
        "x-ratelimit-resource": "core",
      },
    };
  }
  const status = fault.status ?? 502;
  return errorResult(status, status === 503 ? "Service Unavailable" : "Server Error", docs);
}
