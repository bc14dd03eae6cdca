/**
 * A small promise pool: runs `worker` over `items` with at most `limit` in flight, starting
 * the next item as soon as one settles (no batches, so one slow target never holds a lane
 * of idle ones). Results keep the order of `items`.
 *
 * `proceed` is asked before each item starts; once it answers false (a target failed, the run
 * was cancelled) nothing new starts, the items in flight finish, and the ones never started
 * are `undefined` in the result. A worker that throws stops the pool the same way, and the
 * first error is rethrown once the items in flight have settled.
 */
export interface PoolOptions {
  limit: number;
  proceed?: () => boolean;
}

export async function runPool<T, R>(
  items: readonly T[],
  worker: (item: T, index: number) => Promise<R>,
  options: PoolOptions,
): Promise<Array<R | undefined>> {
  const { limit } = options;
  if (!Number.isInteger(limit) || limit < 1) {
    throw new RangeError(`pool limit must be a whole number of at least 1, got ${limit}`);
  }
  const results: Array<R | undefined> = new Array(items.length).fill(undefined);
  let next = 0;
  let failure: { error: unknown } | undefined;
  const lane = async () => {
    while (next < items.length && !failure && (options.proceed?.() ?? true)) {
      const index = next++;
      try {
        results[index] = await worker(items[index]!, index);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  if (failure) throw failure.error;
  return results;
}
