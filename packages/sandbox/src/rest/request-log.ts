/** Every request the sandbox answered, so tests can assert on API cost and "no write". */

export interface RequestRecord {
  method: string;
  /** OpenAPI path template, or the raw path when no route matched. */
  route: string;
  status: number;
  /** operationId from GitHub's description (`repos/create-release`), when validated. */
  operation?: string;
  /** ISO time the request arrived. */
  at: string;
  /** Which listener answered. */
  host: "api" | "uploads";
  /** Set when an injected fault answered instead of the route. */
  fault?: string;
}

export interface RequestFilter {
  method?: string;
  /** Template or operationId. */
  route?: string;
}

export class RequestLog {
  readonly records: RequestRecord[] = [];

  add(record: RequestRecord): void {
    this.records.push(record);
  }

  filter(filter: RequestFilter = {}): RequestRecord[] {
    return this.records.filter(
      (r) =>
        (!filter.method || r.method === filter.method.toUpperCase()) &&
        (!filter.route || r.route === filter.route || r.operation === filter.route),
    );
  }

  count(filter: RequestFilter = {}): number {
    return this.filter(filter).length;
  }

  /** `"POST /repos/{owner}/{repo}/releases" → n`. */
  countsByRoute(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const r of this.records) {
      const key = `${r.method} ${r.route}`;
      counts[key] = (counts[key] ?? 0) + 1;
    }
    return counts;
  }

  /** Requests that may change state (anything but GET/HEAD). */
  writes(): RequestRecord[] {
    return this.records.filter((r) => r.method !== "GET" && r.method !== "HEAD");
  }

  clear(): void {
    this.records.length = 0;
  }
}
