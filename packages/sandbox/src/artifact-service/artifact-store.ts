/**
 * Workflow-run artifacts as the results service keeps them: pure state, no I/O.
 *
 * Artifacts belong to a workflow run (any job of the run may list, download or
 * delete them), names are unique per run once finalized (GitHub answers 409 to a
 * second upload of the same name), and database ids are global and start at 1000.
 */
import type { JobScope } from "./runtime-token.js";

export type ArtifactState = "pending" | "finalized";

export interface ArtifactRecord extends JobScope {
  id: number;
  name: string;
  mimeType: string;
  /** Blob path inside the container, unique per artifact id. */
  blobName: string;
  state: ArtifactState;
  createdAt: string;
  expiresAt?: string;
  size?: number;
  /** `sha256:<hex>` as the client reported it at finalize. */
  digest?: string;
}

export interface ArtifactStoreSnapshot {
  nextId: number;
  artifacts: ArtifactRecord[];
}

export const FIRST_ARTIFACT_ID = 1000;

export class ArtifactConflictError extends Error {
  override name = "ArtifactConflictError";
}

export class ArtifactNotFoundError extends Error {
  override name = "ArtifactNotFoundError";
}

export function isZipMimeType(mimeType: string): boolean {
  return mimeType === "application/zip";
}

export class ArtifactStore {
  private nextId: number;
  private readonly records: ArtifactRecord[];

  constructor(
    snapshot?: ArtifactStoreSnapshot,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.nextId = snapshot?.nextId ?? FIRST_ARTIFACT_ID;
    this.records = snapshot ? snapshot.artifacts.map((a) => ({ ...a })) : [];
  }

  create(scope: JobScope, name: string, mimeType: string, expiresAt?: string): ArtifactRecord {
    const run = scope.workflowRunBackendId;
    if (this.findFinalized(run, name)) {
      throw new ArtifactConflictError(
        `an artifact with this name already exists on the workflow run: ${name}`,
      );
    }
    // A pending artifact is an upload that never finalized (a failed or retried
    // step); a new attempt replaces it instead of being refused.
    this.remove((a) => a.workflowRunBackendId === run && a.name === name);
    const id = this.nextId++;
    // The id, not the name, names the blob, so a name never needs escaping and the
    // URL ends in `.zip` exactly when the download should be unzipped.
    const extension = isZipMimeType(mimeType) ? ".zip" : "";
    const record: ArtifactRecord = {
      ...scope,
      id,
      name,
      mimeType,
      blobName: `${run}/${scope.workflowJobRunBackendId}/artifact-${id}${extension}`,
      state: "pending",
      createdAt: this.now().toISOString(),
      ...(expiresAt ? { expiresAt } : {}),
    };
    this.records.push(record);
    return { ...record };
  }

  pending(scope: JobScope, name: string): ArtifactRecord {
    const record = this.records.find(
      (a) =>
        a.state === "pending" &&
        a.workflowRunBackendId === scope.workflowRunBackendId &&
        a.workflowJobRunBackendId === scope.workflowJobRunBackendId &&
        a.name === name,
    );
    if (!record) throw new ArtifactNotFoundError(`no artifact upload in progress named ${name}`);
    return { ...record };
  }

  finalize(scope: JobScope, name: string, size: number, digest?: string): ArtifactRecord {
    const { id } = this.pending(scope, name);
    const record = this.records.find((a) => a.id === id)!;
    record.state = "finalized";
    record.size = size;
    if (digest) record.digest = digest;
    return { ...record };
  }

  /** Finalized, unexpired artifacts of a run, oldest first. */
  list(
    workflowRunBackendId: string,
    filter: { name?: string; id?: number } = {},
  ): ArtifactRecord[] {
    const now = this.now().getTime();
    return this.records
      .filter(
        (a) =>
          a.state === "finalized" &&
          a.workflowRunBackendId === workflowRunBackendId &&
          (filter.name === undefined || a.name === filter.name) &&
          (filter.id === undefined || a.id === filter.id) &&
          (a.expiresAt === undefined || Date.parse(a.expiresAt) > now),
      )
      .map((a) => ({ ...a }));
  }

  findFinalized(workflowRunBackendId: string, name: string): ArtifactRecord | undefined {
    return this.list(workflowRunBackendId, { name })[0];
  }

  get(workflowRunBackendId: string, name: string): ArtifactRecord {
    const record = this.findFinalized(workflowRunBackendId, name);
    if (!record) throw new ArtifactNotFoundError(`artifact not found: ${name}`);
    return record;
  }

  delete(workflowRunBackendId: string, name: string): ArtifactRecord {
    const record = this.get(workflowRunBackendId, name);
    this.remove((a) => a.id === record.id);
    return record;
  }

  all(): ArtifactRecord[] {
    return this.records.map((a) => ({ ...a }));
  }

  snapshot(): ArtifactStoreSnapshot {
    return { nextId: this.nextId, artifacts: this.all() };
  }

  private remove(predicate: (a: ArtifactRecord) => boolean): void {
    for (let i = this.records.length - 1; i >= 0; i--) {
      if (predicate(this.records[i]!)) this.records.splice(i, 1);
    }
  }
}
