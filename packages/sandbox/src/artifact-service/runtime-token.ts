/**
 * The runtime token the Actions runner hands a job as ACTIONS_RUNTIME_TOKEN.
 *
 * @actions/artifact only decodes it (jwt-decode, no signature check) to find the
 * `Actions.Results:<runBackendId>:<jobBackendId>` scope, so an unsigned `alg: none`
 * JWT is enough for the client; the service checks the same scope on every call.
 */

export interface JobScope {
  workflowRunBackendId: string;
  workflowJobRunBackendId: string;
}

const RESULTS_SCOPE = "Actions.Results";

function base64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}

export function mintRuntimeToken(scope: JobScope, lifetimeSeconds = 6 * 3600): string {
  const now = Math.floor(Date.now() / 1000);
  const header = { typ: "JWT", alg: "none" };
  const payload = {
    // The runner's real token carries more scopes; one unrelated scope keeps the
    // client's space-separated parsing honest.
    scp: `Actions.GenericRead:00000000-0000-0000-0000-000000000000 ${RESULTS_SCOPE}:${scope.workflowRunBackendId}:${scope.workflowJobRunBackendId}`,
    iat: now,
    nbf: now,
    exp: now + lifetimeSeconds,
    iss: "fastdeploy-sandbox",
    aud: "vso:sandbox",
  };
  return `${base64url(header)}.${base64url(payload)}.`;
}

/** Every job scope a bearer token grants, or undefined when it is not a usable token. */
export function scopesOfToken(authorization: string | undefined): JobScope[] | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? "");
  const parts = match?.[1]?.split(".");
  if (parts?.length !== 3 || !parts[1]) return undefined;
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(parts[1], "base64url").toString("utf8"));
  } catch {
    return undefined;
  }
  const scp = (payload as { scp?: unknown } | null)?.scp;
  const exp = (payload as { exp?: unknown } | null)?.exp;
  if (typeof scp !== "string") return undefined;
  if (typeof exp === "number" && exp * 1000 < Date.now()) return undefined;
  const scopes: JobScope[] = [];
  for (const entry of scp.split(" ")) {
    const [name, run, job, ...rest] = entry.split(":");
    if (name === RESULTS_SCOPE && run && job && rest.length === 0) {
      scopes.push({ workflowRunBackendId: run, workflowJobRunBackendId: job });
    }
  }
  return scopes;
}

export function tokenAllows(scopes: JobScope[], wanted: JobScope): boolean {
  return scopes.some(
    (s) =>
      s.workflowRunBackendId === wanted.workflowRunBackendId &&
      s.workflowJobRunBackendId === wanted.workflowJobRunBackendId,
  );
}
