import type { RepoState } from "../types.js";
import { ensureEnvironment } from "./environments-state.js";
import type { Clock } from "./workflow-runs.js";

/**
 * Repository and environment secrets for the jobs a local engine runs.
 *
 * GitHub's REST API only accepts a secret sealed with the repository's libsodium public key
 * (`encrypted_value` + `key_id`), so the sandbox takes secrets through setSecret() instead of
 * REST. Values sit in plain text in the sandbox state (state.json with `stateDir`): this is a
 * local stand-in, never a place for real credentials.
 */

interface SecretsSlice {
  repository: Record<string, string>;
  /** Lower-cased environment name → secrets. */
  environments: Record<string, Record<string, string>>;
}

function secretsOf(repo: RepoState): SecretsSlice {
  repo.secrets ??= { repository: {}, environments: {} } satisfies SecretsSlice;
  return repo.secrets as SecretsSlice;
}

/**
 * The naming rules secrets and variables share ("Using secrets in GitHub Actions",
 * https://docs.github.com/en/actions/security-for-github-actions/security-guides/using-secrets-in-github-actions#naming-your-secrets,
 * and "Naming conventions for configuration variables" in
 * https://docs.github.com/en/actions/reference/workflows-and-actions/variables): letters, digits
 * and underscores, not starting with a digit or `GITHUB_`; names are not case-sensitive, so
 * they are kept upper-cased, as GitHub shows them. Returns the stored name or a reason.
 */
export function configName(kind: "secret" | "variable", name: string): string | { error: string } {
  if (!/^[A-Za-z0-9_]+$/.test(name)) {
    return { error: `${kind} names can only contain letters, digits or underscores: "${name}"` };
  }
  if (/^[0-9]/.test(name))
    return { error: `${kind} names must not start with a number: "${name}"` };
  const upper = name.toUpperCase();
  if (upper.startsWith("GITHUB_")) {
    return { error: `${kind} names must not start with the GITHUB_ prefix: "${name}"` };
  }
  return upper;
}

export function setSecret(
  repo: RepoState,
  name: string,
  value: string,
  options: { environment?: string },
  clock: Clock,
): void {
  const stored = configName("secret", name);
  if (typeof stored !== "string") throw new Error(`setSecret: ${stored.error}`);
  const slice = secretsOf(repo);
  if (options.environment === undefined) {
    slice.repository[stored] = value;
    return;
  }
  const env = ensureEnvironment(repo, options.environment, () => clock.nextId(), clock.now());
  const key = env.name.toLowerCase();
  slice.environments[key] = { ...slice.environments[key], [stored]: value };
}

/**
 * What `secrets.*` holds in a job: repository secrets, overlaid by the job's environment's
 * ("if an organization, repository, and environment all have a secret with the same name, the
 * environment-level secret takes precedence", same page).
 */
export function secretsFor(repo: RepoState, environment?: string): Record<string, string> {
  const slice = secretsOf(repo);
  const env = environment === undefined ? {} : slice.environments[environment.toLowerCase()];
  return { ...slice.repository, ...env };
}

/** Forgets an environment's secrets with the environment, as deleting it does on GitHub. */
export function forgetEnvironmentSecrets(repo: RepoState, environment: string): void {
  delete secretsOf(repo).environments[environment.toLowerCase()];
}
