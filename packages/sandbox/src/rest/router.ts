import type { Operation } from "./openapi.js";
import type { Route } from "./types.js";

/**
 * Matches request paths against OpenAPI path templates.
 *
 * Segments are split before decoding, so `tags%2Fv1.2.3` (what Octokit sends for `{ref}`) and
 * `tags/v1.2.3` (what curl users type) both reach `git/ref/{ref}`. Parameters the description
 * marks `x-multi-segment` (git refs, commit refs, and the sandbox's own templates) may span
 * several segments. More literal segments win, so `releases/latest` beats
 * `releases/{release_id}` and `commits/{ref}/check-runs` beats `commits/{ref}`.
 */

type Segment = { literal: string } | { param: string; multi: boolean };

export interface CompiledRoute {
  route: Route;
  operation?: Operation;
  segments: Segment[];
  literals: number;
}

export interface RouteMatch {
  compiled: CompiledRoute;
  params: Record<string, string>;
}

export function compileRoute(route: Route, operation: Operation | undefined): CompiledRoute {
  const multi = new Set(
    operation?.parameters.filter((p) => p.multiSegment).map((p) => p.name) ?? [],
  );
  const segments: Segment[] = route.path
    .split("/")
    .slice(1)
    .map((part) => {
      const m = /^\{([^}]+)\}$/.exec(part);
      if (!m) return { literal: part };
      const name = m[1]!;
      // `{name*}` in a sandbox-only template marks a multi-segment parameter explicitly.
      return name.endsWith("*")
        ? { param: name.slice(0, -1), multi: true }
        : { param: name, multi: multi.has(name) };
    });
  return { route, operation, segments, literals: segments.filter((s) => "literal" in s).length };
}

export class Router {
  private readonly routes: CompiledRoute[] = [];

  add(compiled: CompiledRoute): void {
    const { method, path, uploads } = compiled.route;
    // First registration wins: extra (test) routes are added before the built-in modules.
    if (
      this.routes.some(
        (r) =>
          r.route.method === method &&
          r.route.path === path &&
          Boolean(r.route.uploads) === Boolean(uploads),
      )
    ) {
      return;
    }
    this.routes.push(compiled);
    this.routes.sort((a, b) => b.literals - a.literals);
  }

  /** `undefined`: no template matches the path on this host. */
  match(method: string, pathname: string, uploads: boolean): RouteMatch | undefined {
    const parts = pathname.split("/").slice(1);
    for (const compiled of this.routes) {
      if (compiled.route.method !== method || Boolean(compiled.route.uploads) !== uploads) continue;
      const params = matchSegments(compiled.segments, parts);
      if (params) return { compiled, params };
    }
    return undefined;
  }

  all(): readonly CompiledRoute[] {
    return this.routes;
  }
}

function matchSegments(segments: Segment[], parts: string[]): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  const walk = (si: number, pi: number): boolean => {
    if (si === segments.length) return pi === parts.length;
    const segment = segments[si]!;
    if ("literal" in segment) {
      return parts[pi] === segment.literal && walk(si + 1, pi + 1);
    }
    if (pi >= parts.length) return false;
    const maxEnd = segment.multi ? parts.length - (segments.length - si - 1) : pi + 1;
    for (let end = maxEnd; end > pi; end--) {
      const raw = parts.slice(pi, end);
      // Only a multi-segment parameter may be empty (`matching-refs/` lists every ref).
      if (!segment.multi && raw[0] === "") return false;
      try {
        params[segment.param] = raw.map((p) => decodeURIComponent(p)).join("/");
      } catch {
        return false;
      }
      if (walk(si + 1, end)) return true;
    }
    return false;
  };
  return walk(0, 0) ? params : undefined;
}
