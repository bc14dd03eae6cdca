// Each job's GITHUB_TOKEN permissions.
// - "Controlling permissions for GITHUB_TOKEN"
//   (https://docs.github.com/en/actions/writing-workflows/choosing-what-your-workflow-does/controlling-permissions-for-github_token):
//   `permissions` at workflow or job level; the job's replaces the workflow's; "If you specify
//   the access for any of these permissions, all of those that are not specified are set to
//   none"; `read-all`, `write-all`, `{}`.
// - "GITHUB_TOKEN reference → Permissions for the GITHUB_TOKEN"
//   (https://docs.github.com/en/actions/reference/github_token-reference#permissions-for-the-github_token):
//   without a `permissions` key the token gets the repository's default. The engine uses the
//   *restricted* default (contents: read, packages: read; metadata: read always), which GitHub
//   gives new enterprises, organizations and personal repositories since February 2023
//   (https://github.blog/changelog/2023-02-02-github-actions-updating-the-default-github_token-permissions-to-read-only/),
//   so a workflow that works locally does not lean on the permissive setting.
// - "Reusing workflows → Access and permissions"
//   (https://docs.github.com/en/actions/reference/workflows-and-actions/reusable-workflows#access-and-permissions):
//   "The GITHUB_TOKEN permissions passed from the caller workflow can be only downgraded (not
//   elevated) by the called workflow." A called job asking for more fails the whole run before
//   any job starts.

import type { TemplateToken } from "@actions/workflow-parser/templates/tokens/template-token";
import { isMapping, isString } from "@actions/workflow-parser/templates/tokens/type-guards";
import { FastDeployError } from "@fastdeploy/core";
import { JOB_SCOPES } from "@fastdeploy/sandbox";

export type Access = "none" | "read" | "write";
export type Permissions = Record<string, Access>;

/**
 * The scopes GitHub documents for `permissions:`, as the local GitHub grants them, less
 * metadata: it is implied, always read, and never written in a workflow.
 */
export const SCOPES = JOB_SCOPES.filter((scope) => scope !== "metadata");

/** Scopes that have no `read` level. */
const WRITE_ONLY = new Set(["id-token"]);
/** Scopes that have no `write` level. */
const READ_ONLY = new Set(["models"]);

const RANK: Record<Access, number> = { none: 0, read: 1, write: 2 };

function all(level: "read" | "write"): Permissions {
  return Object.fromEntries(
    SCOPES.map((scope) => [
      scope,
      level === "read" && WRITE_ONLY.has(scope)
        ? "none"
        : level === "write" && READ_ONLY.has(scope)
          ? "read"
          : level,
    ]),
  ) as Permissions;
}

function none(): Permissions {
  return Object.fromEntries(SCOPES.map((scope) => [scope, "none"])) as Permissions;
}

/** GitHub's restricted default for GITHUB_TOKEN. */
export function restrictedDefault(): Permissions {
  return { ...none(), contents: "read", packages: "read" };
}

export class PermissionsError extends FastDeployError {
  override name = "PermissionsError";
}

/** A `permissions:` token (already free of expressions: the schema allows none) as a full
 * map of scopes; undefined when the key is absent. */
export function parsePermissions(token: TemplateToken | undefined): Permissions | undefined {
  if (token === undefined) return undefined;
  if (isString(token)) {
    if (token.value === "read-all") return all("read");
    if (token.value === "write-all") return all("write");
    throw new PermissionsError(`permissions: '${token.value}' is not read-all or write-all`);
  }
  if (!isMapping(token)) return none();
  const result = none();
  for (const pair of token) {
    if (!isString(pair.key) || !isString(pair.value)) continue;
    result[pair.key.value] = pair.value.value as Access;
  }
  return result;
}

/**
 * The permissions a job's token carries: its own `permissions`, else its workflow's, else the
 * default; for a job in a called workflow the default is the caller's grant.
 */
export function effectivePermissions(
  job: Permissions | undefined,
  workflow: Permissions | undefined,
  inherited: Permissions,
): Permissions {
  return job ?? workflow ?? inherited;
}

/**
 * GitHub's refusal when a job of a called workflow asks for more than its caller grants:
 * "The nested job '<job>' is requesting '<scope>: <level>', but is only allowed
 * '<scope>: <level>'." Undefined when the job stays within the grant.
 */
export function ceilingViolation(
  jobId: string,
  requested: Permissions,
  ceiling: Permissions,
): string | undefined {
  for (const [scope, level] of Object.entries(requested)) {
    const allowed = ceiling[scope] ?? "none";
    if (RANK[level] > RANK[allowed]) {
      return `The nested job '${jobId}' is requesting '${scope}: ${level}', but is only allowed '${scope}: ${allowed}'.`;
    }
  }
  return undefined;
}

/** Within the grant: each scope at most the ceiling's level. */
export function capPermissions(requested: Permissions, ceiling: Permissions): Permissions {
  return Object.fromEntries(
    Object.entries(requested).map(([scope, level]) => {
      const allowed = ceiling[scope] ?? "none";
      return [scope, RANK[level] > RANK[allowed] ? allowed : level];
    }),
  ) as Permissions;
}
