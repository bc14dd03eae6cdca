import { type ArtifactService, startArtifactService } from "./artifact-service/index.js";
import { DEFAULT_TOKEN, type Sandbox, type SandboxOptions, startSandbox } from "./rest/index.js";
import {
  type ActionRunResult,
  type PostRunResult,
  type RunActionOptions,
  runAction,
  runActionWithPost,
} from "./runner/index.js";

/**
 * A whole local GitHub for one test file or the demo: the REST sandbox, the workflow
 * artifact service (Azurite), and a runner that starts bundled actions against them with
 * the job token, URLs and artifact credentials a real job would get.
 */
export interface LocalGitHubOptions extends SandboxOptions {
  /** `owner/name` of the repository created for the run. Default `acme/shop`. */
  repository?: string;
  /** Start the artifact service (Azurite, about a second). Default false. */
  artifacts?: boolean;
  /**
   * Fills the repository and returns the head commit of its default branch; by default a
   * fresh repository with one commit. `fastdeploy local` seeds it from a real git repository.
   */
  seed?: (sandbox: Sandbox, repository: string) => Promise<string>;
}

export interface LocalGitHub {
  sandbox: Sandbox;
  artifacts?: ArtifactService;
  repository: string;
  token: string;
  /** The head commit of the default branch when the kit started. */
  sha: string;
  /** Runs a bundled action as a job step of this repository. */
  run(options: RunActionOptions): Promise<ActionRunResult>;
  runWithPost(options: RunActionOptions): Promise<PostRunResult>;
  close(): Promise<void>;
}

function seedShop(sandbox: Sandbox, repository: string): string {
  sandbox.createRepo(repository);
  return sandbox.seedCommit(repository, { message: "Add the shop service" });
}

/**
 * @actions/artifact refuses a server URL other than github.com, *.ghe.com or *.localhost,
 * so links point at a .localhost name while the API itself is the sandbox's loopback port.
 */
export const LOCAL_SERVER_URL = "http://github.localhost";

export async function startLocalGitHub(options: LocalGitHubOptions = {}): Promise<LocalGitHub> {
  const repository = options.repository ?? "acme/shop";
  const sandbox = await startSandbox(options);
  let artifacts: ArtifactService | undefined;
  try {
    artifacts = options.artifacts ? await startArtifactService() : undefined;
  } catch (error) {
    await sandbox.close();
    throw error;
  }
  let head: string;
  try {
    head = options.seed ? await options.seed(sandbox, repository) : seedShop(sandbox, repository);
  } catch (error) {
    await Promise.allSettled([sandbox.close(), artifacts?.close()]);
    throw error;
  }

  const withJob = (run: RunActionOptions): RunActionOptions => ({
    ...run,
    github: {
      apiUrl: sandbox.apiUrl,
      serverUrl: LOCAL_SERVER_URL,
      token: DEFAULT_TOKEN,
      repository,
      sha: head,
      ...run.github,
    },
    env: {
      // Writes are paced as on GitHub (small work never waits); only retries are quick, so
      // an injected fault's retry-after of seconds costs milliseconds.
      FASTDEPLOY_RETRY_BASE_MS: "10",
      ...run.env,
    },
    ...(artifacts ? { artifactEnv: { ...artifacts.env(), ...run.artifactEnv } } : {}),
  });

  return {
    sandbox,
    ...(artifacts ? { artifacts } : {}),
    repository,
    token: DEFAULT_TOKEN,
    sha: head,
    run: (run) => runAction(withJob(run)),
    runWithPost: (run) => runActionWithPost(withJob(run)),
    close: async () => {
      await Promise.allSettled([sandbox.close(), artifacts?.close()]);
    },
  };
}
