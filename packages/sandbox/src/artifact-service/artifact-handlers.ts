/**
 * github.actions.results.api.v1.ArtifactService: the five methods @actions/artifact
 * calls. Bodies use proto JSON: snake_case names (camelCase accepted too, as
 * protobuf's JSON parser does), int64 as strings, wrapper types as bare values.
 */
import type { IncomingMessage } from "node:http";
import {
  ArtifactConflictError,
  ArtifactNotFoundError,
  type ArtifactRecord,
  type ArtifactStore,
  isZipMimeType,
} from "./artifact-store.js";
import type { ArtifactBlobs } from "./blob-store.js";
import { type JobScope, scopesOfToken, tokenAllows } from "./runtime-token.js";
import { type TwirpBody, TwirpError, type TwirpHandler } from "./twirp-server.js";

export const ARTIFACT_SERVICE = "github.actions.results.api.v1.ArtifactService";

export interface ArtifactHandlerDeps {
  store: ArtifactStore;
  blobs: ArtifactBlobs;
  /** Called after every change to the store (persistence). */
  changed: () => void;
}

export function artifactHandlers(deps: ArtifactHandlerDeps): Record<string, TwirpHandler> {
  const { store, blobs, changed } = deps;
  return {
    async CreateArtifact(body, req) {
      const scope = authorize(body, req);
      const name = requiredString(body, "name");
      const mimeType = optionalString(body, "mime_type") ?? "application/zip";
      const expiresAt = optionalString(body, "expires_at");
      const record = domain(() => store.create(scope, name, mimeType, expiresAt));
      changed();
      return { ok: true, signed_upload_url: blobs.uploadUrl(record.blobName) };
    },

    async FinalizeArtifact(body, req) {
      const scope = authorize(body, req);
      const name = requiredString(body, "name");
      const size = int64(body, "size") ?? 0;
      const hash = optionalString(body, "hash");
      const pending = domain(() => store.pending(scope, name));
      // GitHub refuses to finalize what never reached storage; checking the
      // committed blob also catches a client that misreports the size.
      const committed = await blobs.committedSize(pending.blobName);
      if (committed === undefined && size > 0) {
        throw new TwirpError("failed_precondition", `no upload was committed for ${name}`);
      }
      if (committed !== undefined && committed !== size) {
        throw new TwirpError(
          "invalid_argument",
          `size ${size} does not match the ${committed} bytes uploaded for ${name}`,
        );
      }
      const record = domain(() => store.finalize(scope, name, size, hash));
      changed();
      return { ok: true, artifact_id: String(record.id) };
    },

    async ListArtifacts(body, req) {
      const scope = authorize(body, req, "run");
      const name = optionalString(body, "name_filter");
      const id = int64(body, "id_filter");
      const artifacts = store.list(scope.workflowRunBackendId, {
        ...(name !== undefined ? { name } : {}),
        ...(id !== undefined ? { id } : {}),
      });
      return { artifacts: artifacts.map(toMonolithArtifact) };
    },

    async GetSignedArtifactURL(body, req) {
      const scope = authorize(body, req, "run");
      const name = requiredString(body, "name");
      const record = domain(() => store.get(scope.workflowRunBackendId, name));
      const fileName = isZipMimeType(record.mimeType) ? undefined : record.name;
      return { signed_url: blobs.downloadUrl(record.blobName, fileName) };
    },

    async DeleteArtifact(body, req) {
      const scope = authorize(body, req, "run");
      const name = requiredString(body, "name");
      const record = domain(() => store.delete(scope.workflowRunBackendId, name));
      changed();
      await blobs.delete(record.blobName);
      return { ok: true, artifact_id: String(record.id) };
    },
  };
}

function toMonolithArtifact(a: ArtifactRecord): TwirpBody {
  return {
    workflow_run_backend_id: a.workflowRunBackendId,
    workflow_job_run_backend_id: a.workflowJobRunBackendId,
    database_id: String(a.id),
    name: a.name,
    size: String(a.size ?? 0),
    created_at: a.createdAt,
    ...(a.digest ? { digest: a.digest } : {}),
  };
}

/**
 * Writing an artifact needs a token of exactly the run and job the request names. Reading and
 * deleting reach every artifact of the run: @actions/artifact asks for another job's artifact
 * with that job's ids (taken from ListArtifacts), as download-artifact does in a later job.
 */
function authorize(body: TwirpBody, req: IncomingMessage, reach: "job" | "run" = "job"): JobScope {
  const scopes = scopesOfToken(req.headers.authorization);
  if (!scopes) throw new TwirpError("unauthenticated", "missing or invalid runtime token");
  const wanted: JobScope = {
    workflowRunBackendId: requiredString(body, "workflow_run_backend_id"),
    workflowJobRunBackendId: requiredString(body, "workflow_job_run_backend_id"),
  };
  const allowed =
    reach === "job"
      ? tokenAllows(scopes, wanted)
      : scopes.some((s) => s.workflowRunBackendId === wanted.workflowRunBackendId);
  if (!allowed) {
    throw new TwirpError(
      "unauthenticated",
      "the runtime token does not grant Actions.Results for this workflow run and job",
    );
  }
  return wanted;
}

function domain<T>(action: () => T): T {
  try {
    return action();
  } catch (error) {
    if (error instanceof ArtifactConflictError) {
      throw new TwirpError("already_exists", error.message);
    }
    if (error instanceof ArtifactNotFoundError) throw new TwirpError("not_found", error.message);
    throw error;
  }
}

function field(body: TwirpBody, snake: string): unknown {
  const camel = snake.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
  return body[snake] ?? body[camel];
}

function optionalString(body: TwirpBody, name: string): string | undefined {
  const value = field(body, name);
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string")
    throw new TwirpError("invalid_argument", `${name} must be a string`);
  return value;
}

function requiredString(body: TwirpBody, name: string): string {
  const value = optionalString(body, name);
  if (!value) throw new TwirpError("invalid_argument", `${name} is required`);
  return value;
}

function int64(body: TwirpBody, name: string): number | undefined {
  const value = field(body, name);
  if (value === undefined || value === null) return undefined;
  const parsed =
    typeof value === "number" ? value : typeof value === "string" ? Number(value) : NaN;
  if (!Number.isSafeInteger(parsed) || parsed < 0) {
    throw new TwirpError("invalid_argument", `${name} must be a non-negative int64`);
  }
  return parsed;
}
