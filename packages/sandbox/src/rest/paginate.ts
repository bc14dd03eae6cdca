/**
 * GitHub-style pagination: `per_page` (default 30, max 100) and `page` (1-based), with a
 * `Link` header naming next/last/first/prev pages, so Octokit's paginate() walks it.
 */
export interface Page<T> {
  items: T[];
  headers: Record<string, string>;
}

export function paginate<T>(
  all: readonly T[],
  query: URLSearchParams,
  selfUrl: string,
  limits: { perPage: number; maxPerPage: number } = { perPage: 30, maxPerPage: 100 },
): Page<T> {
  const asked = Number(query.get("per_page") ?? limits.perPage) || limits.perPage;
  const perPage = Math.min(limits.maxPerPage, Math.max(1, asked));
  const page = Math.max(1, Number(query.get("page") ?? 1) || 1);
  const last = Math.max(1, Math.ceil(all.length / perPage));
  const items = all.slice((page - 1) * perPage, page * perPage);
  const link = (p: number, rel: string) => {
    const url = new URL(selfUrl);
    url.searchParams.set("per_page", String(perPage));
    url.searchParams.set("page", String(p));
    return `<${url.toString()}>; rel="${rel}"`;
  };
  const rels: string[] = [];
  if (page < last) rels.push(link(page + 1, "next"), link(last, "last"));
  if (page > 1) rels.push(link(1, "first"), link(page - 1, "prev"));
  return { items, headers: rels.length ? { link: rels.join(", ") } : {} };
}
