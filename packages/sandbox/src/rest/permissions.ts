import type { Route } from "./types.js";

/**
 * What a job's GITHUB_TOKEN may do, and the permission every sandbox route needs.
 *
 * The GITHUB_TOKEN is a GitHub App installation token whose permissions are the job's
 * `permissions:` block. Its scopes and their meaning ("write includes read"; naming any scope
 * sets the unnamed ones to none) come from "Controlling permissions for GITHUB_TOKEN",
 * https://docs.github.com/en/actions/writing-workflows/choosing-what-your-workflow-does/controlling-permissions-for-github_token,
 * and `metadata: read` is always granted, per the "Permissions for the GITHUB_TOKEN" table of
 * https://docs.github.com/en/actions/security-for-github-actions/security-guides/automatic-token-authentication.
 *
 * The permission each endpoint needs follows "Permissions required for GitHub Apps",
 * https://docs.github.com/en/rest/authentication/permissions-required-for-github-apps
 * (generated from github/docs src/github-apps/data/fpt-2022-11-28/server-to-server-permissions.json).
 * Some of them (administration, environments, variables, members) cannot be granted to a
 * GITHUB_TOKEN at all, so a job token is always refused there, as on GitHub.
 */

/** The scopes a workflow's `permissions:` block can name. */
export const JOB_SCOPES = [
  "actions",
  "attestations",
  "checks",
  "contents",
  "deployments",
  "discussions",
  "id-token",
  "issues",
  "metadata",
  "models",
  "packages",
  "pages",
  "pull-requests",
  "repository-projects",
  "security-events",
  "statuses",
] as const;

export type Scope = (typeof JOB_SCOPES)[number];
export type Access = "read" | "write" | "none";
export type JobPermissions = Partial<Record<Scope, Access>>;

/** GitHub App permissions a GITHUB_TOKEN never holds, but that routes may require. */
type AppOnlyScope = "administration" | "environments" | "variables" | "members";

/** `scope:access` as the docs table lists it. */
export type ScopePermission = `${Scope | AppOnlyScope}:${"read" | "write"}`;

/**
 * One permission, or several that are all needed (the table's "additional permissions");
 * `public` needs none (anyone may read it); `user-token` works only with a user's token
 * ("This endpoint works with … user access tokens"), so an installation token gets 403.
 */
export type RoutePermission = ScopePermission | ScopePermission[] | "public" | "user-token";

const REQUIRED: Record<string, RoutePermission> = {
  // Not a repository permission: GET /user is for user tokens; public profiles need none.
  "GET /user": "user-token",
  "GET /users/{username}": "public",
  // Organization permissions for "Members".
  "GET /orgs/{org}/teams/{team_slug}": "members:read",

  // Repository permissions for "Metadata".
  "GET /repos/{owner}/{repo}": "metadata:read",
  "GET /repos/{owner}/{repo}/tags": "metadata:read",
  "GET /repos/{owner}/{repo}/rulesets": "metadata:read",
  "GET /repos/{owner}/{repo}/rulesets/{ruleset_id}": "metadata:read",

  // Repository permissions for "Contents".
  "GET /repos/{owner}/{repo}/commits/{ref}": "contents:read",
  "GET /repos/{owner}/{repo}/compare/{basehead}": "contents:read",
  "POST /repos/{owner}/{repo}/git/refs": "contents:write",
  "GET /repos/{owner}/{repo}/git/ref/{ref}": "contents:read",
  "PATCH /repos/{owner}/{repo}/git/refs/{ref}": "contents:write",
  "DELETE /repos/{owner}/{repo}/git/refs/{ref}": "contents:write",
  "GET /repos/{owner}/{repo}/git/matching-refs/{ref}": "contents:read",
  "POST /repos/{owner}/{repo}/git/tags": "contents:write",
  "GET /repos/{owner}/{repo}/git/tags/{tag_sha}": "contents:read",
  "GET /repos/{owner}/{repo}/git/commits/{commit_sha}": "contents:read",
  "POST /repos/{owner}/{repo}/releases": "contents:write",
  "GET /repos/{owner}/{repo}/releases": "contents:read",
  "GET /repos/{owner}/{repo}/releases/{release_id}": "contents:read",
  "PATCH /repos/{owner}/{repo}/releases/{release_id}": "contents:write",
  "DELETE /repos/{owner}/{repo}/releases/{release_id}": "contents:write",
  "GET /repos/{owner}/{repo}/releases/tags/{tag}": "contents:read",
  "GET /repos/{owner}/{repo}/releases/latest": "contents:read",
  "POST /repos/{owner}/{repo}/releases/generate-notes": "contents:write",
  "GET /repos/{owner}/{repo}/releases/{release_id}/assets": "contents:read",
  "POST /repos/{owner}/{repo}/releases/{release_id}/assets": "contents:write",
  "GET /repos/{owner}/{repo}/releases/assets/{asset_id}": "contents:read",
  "PATCH /repos/{owner}/{repo}/releases/assets/{asset_id}": "contents:write",
  "DELETE /repos/{owner}/{repo}/releases/assets/{asset_id}": "contents:write",
  // The signed CDN URL and the browser download link carry no token at all.
  "GET /_sandbox/release-assets/{owner}/{repo}/{asset_id}": "public",
  "GET /{owner}/{repo}/releases/download/{tag*}/{name}": "public",

  // Repository permissions for "Deployments".
  "POST /repos/{owner}/{repo}/deployments": "deployments:write",
  "GET /repos/{owner}/{repo}/deployments": "deployments:read",
  "GET /repos/{owner}/{repo}/deployments/{deployment_id}": "deployments:read",
  "DELETE /repos/{owner}/{repo}/deployments/{deployment_id}": "deployments:write",
  "POST /repos/{owner}/{repo}/deployments/{deployment_id}/statuses": "deployments:write",
  "GET /repos/{owner}/{repo}/deployments/{deployment_id}/statuses": "deployments:read",
  "GET /repos/{owner}/{repo}/deployments/{deployment_id}/statuses/{status_id}": "deployments:read",
  // Listed with read access under both "Actions" and "Deployments", marked as needing both.
  "POST /repos/{owner}/{repo}/actions/runs/{run_id}/pending_deployments": [
    "actions:read",
    "deployments:read",
  ],

  // Repository permissions for "Actions" (reading environments is listed here too).
  "GET /repos/{owner}/{repo}/environments": "actions:read",
  "GET /repos/{owner}/{repo}/environments/{environment_name}": "actions:read",
  "GET /repos/{owner}/{repo}/environments/{environment_name}/deployment-branch-policies":
    "actions:read",
  "GET /repos/{owner}/{repo}/environments/{environment_name}/deployment-branch-policies/{branch_policy_id}":
    "actions:read",
  "GET /repos/{owner}/{repo}/environments/{environment_name}/deployment_protection_rules":
    "actions:read",
  "GET /repos/{owner}/{repo}/actions/workflows": "actions:read",
  "GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs": "actions:read",
  "POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches": "actions:write",
  "GET /repos/{owner}/{repo}/actions/runs": "actions:read",
  "GET /repos/{owner}/{repo}/actions/runs/{run_id}": "actions:read",
  "GET /repos/{owner}/{repo}/actions/runs/{run_id}/attempts/{attempt_number}": "actions:read",
  "GET /repos/{owner}/{repo}/actions/runs/{run_id}/approvals": "actions:read",
  "GET /repos/{owner}/{repo}/actions/runs/{run_id}/pending_deployments": "actions:read",

  // Repository permissions for "Administration".
  "PUT /repos/{owner}/{repo}/environments/{environment_name}": "administration:write",
  "DELETE /repos/{owner}/{repo}/environments/{environment_name}": "administration:write",
  "POST /repos/{owner}/{repo}/environments/{environment_name}/deployment-branch-policies":
    "administration:write",
  "PUT /repos/{owner}/{repo}/environments/{environment_name}/deployment-branch-policies/{branch_policy_id}":
    "administration:write",
  "DELETE /repos/{owner}/{repo}/environments/{environment_name}/deployment-branch-policies/{branch_policy_id}":
    "administration:write",
  "GET /repos/{owner}/{repo}/actions/permissions/workflow": "administration:read",
  "POST /repos/{owner}/{repo}/rulesets": "administration:write",
  "PUT /repos/{owner}/{repo}/rulesets/{ruleset_id}": "administration:write",
  "DELETE /repos/{owner}/{repo}/rulesets/{ruleset_id}": "administration:write",

  // Repository permissions for "Checks" and "Commit statuses".
  "POST /repos/{owner}/{repo}/check-runs": "checks:write",
  "GET /repos/{owner}/{repo}/commits/{ref}/check-runs": "checks:read",
  "POST /repos/{owner}/{repo}/statuses/{sha}": "statuses:write",
  "GET /repos/{owner}/{repo}/commits/{ref}/status": "statuses:read",

  // Repository permissions for "Variables" (repository variables) and "Environments"
  // (environment variables).
  "GET /repos/{owner}/{repo}/actions/variables": "variables:read",
  "POST /repos/{owner}/{repo}/actions/variables": "variables:write",
  "GET /repos/{owner}/{repo}/actions/variables/{name}": "variables:read",
  "PATCH /repos/{owner}/{repo}/actions/variables/{name}": "variables:write",
  "DELETE /repos/{owner}/{repo}/actions/variables/{name}": "variables:write",
  "GET /repos/{owner}/{repo}/environments/{environment_name}/variables": "environments:read",
  "POST /repos/{owner}/{repo}/environments/{environment_name}/variables": "environments:write",
  "GET /repos/{owner}/{repo}/environments/{environment_name}/variables/{name}": "environments:read",
  "PATCH /repos/{owner}/{repo}/environments/{environment_name}/variables/{name}":
    "environments:write",
  "DELETE /repos/{owner}/{repo}/environments/{environment_name}/variables/{name}":
    "environments:write",
};

/** The permission a route needs: its own tag, else the table above; undefined = untagged. */
export function requiredPermission(route: Pick<Route, "method" | "path" | "permission">) {
  return route.permission ?? REQUIRED[`${route.method} ${route.path}`];
}

/** Checks and completes a job's `permissions:`; metadata read is always there. */
export function jobGrant(permissions: JobPermissions): Record<Scope, Access> {
  const grant = Object.fromEntries(JOB_SCOPES.map((s) => [s, "none"])) as Record<Scope, Access>;
  for (const [scope, access] of Object.entries(permissions)) {
    if (!(JOB_SCOPES as readonly string[]).includes(scope)) {
      throw new Error(
        `unknown GITHUB_TOKEN permission "${scope}"; expected one of ${JOB_SCOPES.join(", ")}`,
      );
    }
    if (access !== "read" && access !== "write" && access !== "none") {
      throw new Error(`permission ${scope} must be read, write or none, got "${String(access)}"`);
    }
    grant[scope as Scope] = access;
  }
  if (grant.metadata === "none") grant.metadata = "read";
  return grant;
}

/** Whether a job token holding `grant` may use a route needing `needed`. */
export function jobMay(grant: Record<Scope, Access>, needed: RoutePermission | undefined): boolean {
  if (needed === "public") return true;
  if (needed === undefined || needed === "user-token") return false;
  return (Array.isArray(needed) ? needed : [needed]).every((one) => {
    const [scope, access] = one.split(":") as [string, "read" | "write"];
    const held = grant[scope as Scope];
    if (held === undefined || held === "none") return false;
    return access === "read" || held === "write";
  });
}

/** `METHOD path` of each route that neither carries a tag nor appears in the table. */
export function untaggedRoutes(
  routes: ReadonlyArray<Pick<Route, "method" | "path" | "permission">>,
) {
  return routes.filter((r) => !requiredPermission(r)).map((r) => `${r.method} ${r.path}`);
}

/** Table entries that name no route in `routes` (a renamed or removed route left behind). */
export function staleTags(routes: ReadonlyArray<Pick<Route, "method" | "path">>): string[] {
  const served = new Set(routes.map((r) => `${r.method} ${r.path}`));
  return Object.keys(REQUIRED).filter((key) => !served.has(key));
}

/**
 * The `x-accepted-github-permissions` header GitHub sends to fine-grained actors such as
 * installation tokens, naming the permission a route needs in the app's own spelling
 * (`contents=read`), per https://github.blog/changelog/2023-08-10-x-accepted-github-permissions-header-for-fine-grained-permission-actors.
 */
export function acceptedPermissions(needed: RoutePermission | undefined): string | undefined {
  if (needed === undefined || needed === "public" || needed === "user-token") return undefined;
  return (Array.isArray(needed) ? needed : [needed])
    .map((one) => one.replace(/-/g, "_").replace(":", "="))
    .join(", ");
}
