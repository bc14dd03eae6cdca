import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { RepoState, SandboxState } from "./types.js";

/** Creating, persisting and loading the sandbox's state (one JSON file plus blob files). */

export interface UserSeed {
  login: string;
  type?: "User" | "Bot";
}

/** Repository settings the core knows about; route modules keep their own slices. */
export interface RepoSettings {
  /** GitHub's "immutable releases" setting: a published release's assets are frozen. */
  immutableReleases: boolean;
  createdAt: string;
}

export function initialState(users: UserSeed[]): SandboxState {
  const state: SandboxState = { nextId: 1, repos: {}, users: {}, teams: {} };
  for (const user of users) addUser(state, user);
  return state;
}

export function addUser(state: SandboxState, user: UserSeed): void {
  if (state.users[user.login]) return;
  state.users[user.login] = { id: state.nextId++, login: user.login, type: user.type ?? "User" };
}

export interface CreateRepoOptions {
  defaultBranch?: string;
  private?: boolean;
  /** Default true, as for new repositories since GitHub introduced the setting. */
  immutableReleases?: boolean;
}

export function createRepoState(
  state: SandboxState,
  fullName: string,
  options: CreateRepoOptions,
  now: string,
): RepoState {
  const [owner, name, ...rest] = fullName.split("/");
  if (!owner || !name || rest.length) throw new Error(`expected owner/name, got "${fullName}"`);
  if (findRepo(state, owner, name)) throw new Error(`repository ${fullName} already exists`);
  addUser(state, { login: owner });
  const repo: RepoState = {
    owner,
    name,
    id: state.nextId++,
    defaultBranch: options.defaultBranch ?? "main",
    private: options.private ?? false,
    settings: {
      immutableReleases: options.immutableReleases ?? true,
      createdAt: now,
    } satisfies RepoSettings,
  };
  state.repos[`${owner}/${name}`] = repo;
  return repo;
}

/** GitHub resolves owner and repository names case-insensitively. */
export function findRepo(state: SandboxState, owner: string, name: string): RepoState | undefined {
  const exact = state.repos[`${owner}/${name}`];
  if (exact) return exact;
  const key = `${owner}/${name}`.toLowerCase();
  return Object.entries(state.repos).find(([k]) => k.toLowerCase() === key)?.[1];
}

export function repoSettings(repo: RepoState): RepoSettings {
  repo.settings ??= { immutableReleases: true, createdAt: new Date(0).toISOString() };
  return repo.settings as RepoSettings;
}

export function statePath(stateDir: string): string {
  return join(stateDir, "state.json");
}

export function loadState(stateDir: string): SandboxState | undefined {
  const path = statePath(stateDir);
  if (!existsSync(path)) return undefined;
  return JSON.parse(readFileSync(path, "utf8")) as SandboxState;
}

/** Writes atomically (temp file + rename) so a crash never leaves half a state file. */
export function saveState(stateDir: string, state: SandboxState): void {
  mkdirSync(stateDir, { recursive: true });
  const path = statePath(stateDir);
  writeFileSync(`${path}.tmp`, `${JSON.stringify(state, null, 2)}\n`);
  renameSync(`${path}.tmp`, path);
}
