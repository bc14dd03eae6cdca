import { retryLimiter } from "./throttle-limiters.js";

/**
 * What the bundles give @octokit/plugin-retry when it imports `bottleneck/light.js`
 * (scripts/bundle-retry-limiter.mjs). The plugin builds `new Bottleneck()` for every request
 * and schedules the request on it, only to have its "failed" listener decide whether and after
 * how long to send it again; Bottleneck yields to the event loop with a setTimeout at each step,
 * which bench/retry-cost.mjs measures at 6-8 ms per request. This limiter keeps that contract
 * (the listener's answer in milliseconds, `retryCount` in its info) without the timers; the
 * plugin itself, its error hook, `doNotRetry` and its back-off are untouched.
 */
export default class RetryPluginLimiter {
  constructor() {
    // biome-ignore lint/correctness/noConstructorReturn: the plugin only ever calls `new`
    return retryLimiter() as unknown as RetryPluginLimiter;
  }
}
