import { privateUser, repository } from "../objects.js";
import type { Route } from "../types.js";

/** The authenticated user and the repository itself. */
export const routes: Route[] = [
  {
    method: "GET",
    path: "/user",
    handler: (ctx) => ({ status: 200, body: privateUser(ctx, ctx.actor) }),
  },
  {
    method: "GET",
    path: "/repos/{owner}/{repo}",
    handler: (ctx) => {
      const push = ctx.canPush !== false;
      const permissions = { admin: push, maintain: push, push, triage: push, pull: true };
      return { status: 200, body: { ...repository(ctx, ctx.repo), permissions } };
    },
  },
];
