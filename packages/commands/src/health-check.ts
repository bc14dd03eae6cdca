import { transportFetch } from "@fastdeploy/github";

/**
 * The HTTP GET a health check sends: FastDeploy's transport by default (node:http, the runner's
 * proxy variables honoured, as for its GitHub requests).
 */
export type HealthGet = (
  url: string,
  init: { signal: AbortSignal; redirect: "follow" },
) => Promise<{ status: number; body?: { destroy(): void } }>;

/**
 * The health check after a target deploys: GET the URL until it answers 2xx or the time is up,
 * waiting longer between attempts (1 s, 2 s, 4 s, … capped at 10 s) so a service that needs a
 * moment to start is not hammered, and a dead one is given up on at the deadline.
 */
export interface HealthCheckOptions {
  /** Give up after this long (the `health-timeout` input, in ms). At least one attempt is made. */
  timeoutMs: number;
  /** Cancels the waits and the request in flight. */
  signal?: AbortSignal;
  /** Ports for tests: the HTTP client, the clock and the wait. */
  fetch?: HealthGet;
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** First wait between attempts; doubles up to `maxDelayMs`. */
  initialDelayMs?: number;
  maxDelayMs?: number;
  /** One attempt never waits longer than this for an answer. */
  requestTimeoutMs?: number;
  /** Stop after this many attempts even before the deadline (a bake's single look). */
  maxAttempts?: number;
}

export interface HealthResult {
  healthy: boolean;
  attempts: number;
  /** HTTP status of the last answer, when there was one. */
  status?: number;
  /** Why the last attempt was not healthy: `HTTP 503`, a connection error, a timeout. */
  detail?: string;
  durationMs: number;
  cancelled?: boolean;
}

const DEFAULTS = { initialDelayMs: 1_000, maxDelayMs: 10_000, requestTimeoutMs: 10_000 };

/** `{target}` replaced by the target's name (URL-encoded: a target name is not trusted text). */
export function healthUrlFor(template: string, target: string): string {
  return template.replaceAll("{target}", encodeURIComponent(target));
}

export async function checkHealth(url: string, options: HealthCheckOptions): Promise<HealthResult> {
  const get: HealthGet = options.fetch ?? transportFetch;
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? abortableSleep;
  const maxDelay = options.maxDelayMs ?? DEFAULTS.maxDelayMs;
  const requestTimeout = options.requestTimeoutMs ?? DEFAULTS.requestTimeoutMs;
  const started = now();
  const deadline = started + options.timeoutMs;
  let delay = options.initialDelayMs ?? DEFAULTS.initialDelayMs;
  let attempts = 0;
  let status: number | undefined;
  let detail = "not checked";
  const result = (healthy: boolean, extra: Partial<HealthResult> = {}): HealthResult => ({
    healthy,
    attempts,
    ...(status !== undefined ? { status } : {}),
    ...(healthy ? {} : { detail }),
    durationMs: now() - started,
    ...extra,
  });

  for (;;) {
    if (options.signal?.aborted) return result(false, { cancelled: true, detail: "cancelled" });
    attempts += 1;
    const budget = Math.max(1, Math.min(requestTimeout, deadline - now()));
    const timeout = AbortSignal.timeout(budget);
    const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
    try {
      const response = await get(url, { signal, redirect: "follow" });
      status = response.status;
      // Only the status matters: let the answer go.
      response.body?.destroy();
      if (status >= 200 && status < 300) return result(true);
      detail = `HTTP ${status}`;
    } catch (error) {
      if (options.signal?.aborted) return result(false, { cancelled: true, detail: "cancelled" });
      status = undefined;
      detail = timeout.aborted
        ? `no answer within ${Math.round(budget / 100) / 10} s`
        : describeFetchError(error);
    }
    if (now() + delay > deadline || attempts >= (options.maxAttempts ?? Infinity)) {
      return result(false);
    }
    await sleep(delay, options.signal);
    delay = Math.min(delay * 2, maxDelay);
  }
}

function describeFetchError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if (cause?.code) return cause.code;
  if (cause?.message) return cause.message;
  return error instanceof Error ? error.message : String(error);
}

/** Resolves after `ms`, or at once when `signal` aborts (the caller checks it). */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    }
    signal?.addEventListener("abort", done, { once: true });
  });
}
