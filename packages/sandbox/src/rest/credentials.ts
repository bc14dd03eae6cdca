import { randomBytes } from "node:crypto";
import { type Access, type JobPermissions, jobGrant, type Scope } from "./permissions.js";
import { addUser } from "./state.js";
import type { SandboxState } from "./types.js";

/**
 * The tokens the sandbox accepts: fixed ones from the options, users' tokens (kept in state,
 * so they survive a restart with `stateDir`), and jobs' GITHUB_TOKENs (this process only, as
 * a real one expires when its job ends).
 */

/** The app a job's GITHUB_TOKEN acts as. */
export const ACTIONS_BOT = "github-actions[bot]";

export interface JobTokenRequest {
  /** `owner/name`: the only repository the token can write to, as on GitHub. */
  repository: string;
  /** The job's effective `permissions:`; unnamed scopes are none, metadata is always read. */
  permissions: JobPermissions;
  runId?: number;
  /** Who triggered the run (informational: the token itself acts as the bot). */
  actor?: string;
}

export interface JobCredential {
  repository: string;
  grant: Record<Scope, Access>;
  runId?: number;
  actor?: string;
}

export interface Credential {
  login: string;
  /** Push access: sees drafts; a user token without it cannot change a repository. */
  push: boolean;
  /** Present for a job's GITHUB_TOKEN. */
  job?: JobCredential;
}

const BASE62 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/**
 * A token in GitHub's format: a prefix saying what it is (`ghs_` installation token, `ghp_`
 * personal access token) and 36 base62 characters, per "Behind GitHub's new authentication
 * token formats" (https://github.blog/engineering/platform-security/behind-githubs-new-authentication-token-formats/).
 */
export function newToken(prefix: "ghs" | "ghp"): string {
  const body = [...randomBytes(36)].map((b) => BASE62[b % 62]).join("");
  return `${prefix}_${body}`;
}

interface PersistedTokens {
  /** token → login, for tokens minted by userToken(). */
  userTokens?: Record<string, string>;
}

export class Credentials {
  private readonly fixed = new Map<string, Credential>();

  constructor(private readonly state: () => SandboxState) {}

  set(token: string, credential: Credential): void {
    this.fixed.set(token, credential);
  }

  get(token: string): Credential | undefined {
    const fixed = this.fixed.get(token);
    if (fixed) {
      // A reset() forgets users; the bot a job token acts as must still exist.
      if (fixed.job) addUser(this.state(), { login: ACTIONS_BOT, type: "Bot" });
      return fixed;
    }
    const login = this.persisted()[token];
    return login ? { login, push: true } : undefined;
  }

  issueJobToken(request: JobTokenRequest): string {
    const [owner, name, ...rest] = request.repository.split("/");
    if (!owner || !name || rest.length) {
      throw new Error(
        `issueJobToken: expected repository "owner/name", got "${request.repository}"`,
      );
    }
    const grant = jobGrant(request.permissions);
    const token = newToken("ghs");
    addUser(this.state(), { login: ACTIONS_BOT, type: "Bot" });
    this.fixed.set(token, {
      login: ACTIONS_BOT,
      push: grant.contents === "write",
      job: {
        repository: request.repository,
        grant,
        ...(request.runId === undefined ? {} : { runId: request.runId }),
        ...(request.actor === undefined ? {} : { actor: request.actor }),
      },
    });
    return token;
  }

  /** The user's token, minted (with the user) on first use and the same one afterwards. */
  userToken(login: string): string {
    if (!/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/.test(login)) {
      throw new Error(`userToken: "${login}" is not a GitHub login`);
    }
    const tokens = this.persisted();
    const existing = Object.entries(tokens).find(([, l]) => l === login)?.[0];
    if (existing) return existing;
    addUser(this.state(), { login });
    const token = newToken("ghp");
    tokens[token] = login;
    return token;
  }

  private persisted(): Record<string, string> {
    const state = this.state() as SandboxState & PersistedTokens;
    state.userTokens ??= {};
    return state.userTokens;
  }
}
