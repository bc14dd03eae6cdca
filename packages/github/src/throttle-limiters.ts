import type Bottleneck from "bottleneck";

/**
 * Lean stand-ins for the Bottleneck limiters octokit's throttling plugin schedules every request
 * through. The plugin still decides everything (what is a write, when a rate limit is retried and
 * after how long); only the bookkeeping is ours. Bottleneck yields to the event loop with a
 * `setTimeout` at each step of each job, which measured about 5 ms per limiter per request
 * (two limiters on every request: 10 ms and more, several times the request itself against a
 * nearby server).
 */

type Task = (...args: unknown[]) => Promise<unknown>;

/** Bottleneck's `schedule([options,] task, ...args)`: the options are optional. */
export function splitSchedule(args: unknown[]): {
  options: { weight?: number };
  task: Task;
  rest: unknown[];
} {
  if (typeof args[0] === "function") {
    return { options: {}, task: args[0] as Task, rest: args.slice(1) };
  }
  return {
    options: (args[0] ?? {}) as { weight?: number },
    task: args[1] as Task,
    rest: args.slice(2),
  };
}

/** At most `limit` tasks run at once; the others wait their turn, first come first served. */
export function concurrencyGroup(limit: number): Bottleneck.Group {
  let running = 0;
  const waiting: Array<() => void> = [];
  const schedule = async (...args: unknown[]) => {
    const { task, rest } = splitSchedule(args);
    if (running >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    running += 1;
    try {
      return await task(...rest);
    } finally {
      running -= 1;
      waiting.shift()?.();
    }
  };
  const limiter = { schedule };
  return { key: () => limiter } as unknown as Bottleneck.Group;
}

type FailedListener = (
  error: unknown,
  info: { args: unknown[]; retryCount: number },
) => Promise<number | undefined> | number | undefined;

/**
 * The plugin's retry limiter: runs a request and, when it fails, asks the plugin's "failed"
 * listener whether and after how many milliseconds to send it again (`retry-after`, the
 * rate-limit reset), as Bottleneck's own retry does.
 */
export function retryLimiter(): Bottleneck {
  const listeners: FailedListener[] = [];
  const schedule = async (...args: unknown[]) => {
    const { task, rest } = splitSchedule(args);
    for (let retryCount = 0; ; retryCount++) {
      try {
        return await task(...rest);
      } catch (error) {
        let after: number | undefined;
        for (const listener of listeners) {
          try {
            after = await listener(error, { args: rest, retryCount });
          } catch {
            // Bottleneck's Events.trigger catches a listener that throws and answers null, so
            // the task's own error stands (the retry plugin's listener throws on errors that
            // are not HTTP answers, e.g. the network being unreachable).
            after = undefined;
          }
          if (after !== undefined) break;
        }
        if (after === undefined || after === null) throw error;
        await new Promise((resolve) => setTimeout(resolve, ~~after));
      }
    }
  };
  const on = (event: string, listener: FailedListener) => {
    if (event === "failed") listeners.push(listener);
  };
  return { schedule, on } as unknown as Bottleneck;
}

/** The limiters the plugin takes from its options: `global`, `auth` and `retryLimiter`. */
export function pluginLimiters() {
  return { global: concurrencyGroup(10), auth: concurrencyGroup(1), retryLimiter: retryLimiter() };
}
