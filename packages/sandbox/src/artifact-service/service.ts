/**
 * The workflow-artifact side of the sandbox: a Twirp results service on loopback
 * plus Azurite as its blob store (or, without Azurite, blob-server.ts), enough for the
 * unmodified @actions/artifact.
 */
import { randomUUID } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { ARTIFACT_SERVICE, artifactHandlers } from "./artifact-handlers.js";
import {
  type ArtifactRecord,
  ArtifactStore,
  type ArtifactStoreSnapshot,
} from "./artifact-store.js";
import { type AzuriteBlob, findAzurite, startAzurite } from "./azurite.js";
import { startBlobServer } from "./blob-server.js";
import { ArtifactBlobs } from "./blob-store.js";
import { type JobScope, mintRuntimeToken } from "./runtime-token.js";
import { createTwirpServer } from "./twirp-server.js";

export interface ArtifactServiceOptions {
  /** Port for Azurite; by default a free one. */
  blobPort?: number;
  /**
   * Keep blobs and artifact records in this directory so a restarted service sees
   * earlier uploads; by default everything is in memory.
   */
  dataDir?: string;
  log?: (msg: string) => void;
  /**
   * Where blobs live: Azurite (a real Azure Blob implementation, a devDependency of the
   * checkout) or the small built-in store (blob-server.ts). By default Azurite when installed.
   */
  blobStore?: "azurite" | "built-in";
  /** GITHUB_RETENTION_DAYS handed to jobs (GitHub's default is 90). */
  retentionDays?: number;
}

export interface ArtifactService {
  /** ACTIONS_RESULTS_URL: the Twirp server's origin with a trailing slash. */
  resultsUrl: string;
  /** Token of the default run and job. */
  runtimeToken: string;
  workflowRunBackendId: string;
  workflowJobRunBackendId: string;
  /** Blob endpoint origin, `http://127.0.0.1:<port>`. */
  blobOrigin: string;
  /**
   * The variables the runner gives a job for artifacts. Without a scope: the default
   * run and job; pass another run id to simulate another workflow run, or the same
   * run id with another job id for a second job of the run.
   */
  env(scope?: Partial<JobScope>): Record<string, string>;
  /** A runtime token for any run/job pair. */
  tokenFor(scope: JobScope): string;
  /** Every artifact record of every run, including unfinalized uploads. */
  artifacts(): ArtifactRecord[];
  close(): Promise<void>;
}

const STATE_FILE = "artifacts.json";

interface PersistedState extends ArtifactStoreSnapshot {
  defaultScope: JobScope;
}

export async function startArtifactService(
  options: ArtifactServiceOptions = {},
): Promise<ArtifactService> {
  const log = options.log ?? (() => {});
  const dataDir = options.dataDir;
  const persisted = dataDir ? readState(dataDir) : undefined;
  const defaults: JobScope = persisted?.defaultScope ?? {
    workflowRunBackendId: randomUUID(),
    workflowJobRunBackendId: randomUUID(),
  };
  const store = new ArtifactStore(persisted);

  let blobLocation: string | undefined;
  if (dataDir) {
    blobLocation = join(dataDir, "blobs");
    mkdirSync(blobLocation, { recursive: true });
  }
  // Azurite in a checkout (a real Azure Blob implementation); the installed CLI does not carry
  // it, and stores the blobs itself.
  const blobStore = options.blobStore ?? (findAzurite() ? "azurite" : "built-in");
  const azurite: AzuriteBlob =
    blobStore === "azurite"
      ? await startAzurite({
          ...(options.blobPort !== undefined ? { port: options.blobPort } : {}),
          ...(blobLocation ? { location: blobLocation } : {}),
          log,
        })
      : await startBlobServer({ ...(blobLocation ? { location: blobLocation } : {}), log });

  try {
    const blobs = new ArtifactBlobs(azurite.origin);
    await blobs.init();
    const changed = () => {
      if (dataDir) {
        const state: PersistedState = { ...store.snapshot(), defaultScope: defaults };
        writeFileSync(join(dataDir, STATE_FILE), `${JSON.stringify(state, null, 2)}\n`);
      }
    };
    const server = createTwirpServer(
      ARTIFACT_SERVICE,
      artifactHandlers({ store, blobs, changed }),
      log,
    );
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(0, "127.0.0.1", () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    const resultsUrl = `http://127.0.0.1:${port}/`;
    log(`artifact service on ${resultsUrl}, blobs on ${azurite.origin}`);

    const tokenFor = (scope: JobScope) => mintRuntimeToken(scope);
    let closing: Promise<void> | undefined;
    return {
      resultsUrl,
      runtimeToken: tokenFor(defaults),
      ...defaults,
      blobOrigin: azurite.origin,
      env(scope = {}) {
        const token = tokenFor({ ...defaults, ...scope });
        return {
          ACTIONS_RUNTIME_TOKEN: token,
          ACTIONS_RESULTS_URL: resultsUrl,
          // Legacy (artifact v1 / cache v1) endpoint; the runner always sets it.
          ACTIONS_RUNTIME_URL: resultsUrl,
          GITHUB_RETENTION_DAYS: String(options.retentionDays ?? 90),
        };
      },
      tokenFor,
      artifacts: () => store.all(),
      close() {
        closing ??= (async () => {
          server.closeAllConnections();
          await new Promise<void>((resolve) => server.close(() => resolve()));
          await azurite.close();
        })();
        return closing;
      },
    };
  } catch (error) {
    await azurite.close();
    throw error;
  }
}

function readState(dataDir: string): PersistedState | undefined {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, STATE_FILE);
  if (!existsSync(file)) return undefined;
  return JSON.parse(readFileSync(file, "utf8")) as PersistedState;
}
