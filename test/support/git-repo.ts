import { execFileSync } from "node:child_process";
import { writeTree } from "./tree.js";

/**
 * A real git repository for tests: fixed identities and dates so shas are stable, `main` as the
 * first branch whatever the machine's git config says.
 */
export class GitRepo {
  private tick = 0;

  constructor(readonly dir: string) {
    this.git("init", "--quiet", "--initial-branch=main");
  }

  git(...args: string[]): string {
    // Each commit gets a later date, so the history is ordered whatever the clock does.
    const date = `2026-12-01T10:${String(this.tick).padStart(2, "0")}:00Z`;
    return execFileSync("git", args, {
      cwd: this.dir,
      encoding: "utf8",
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: "Dana Dev",
        GIT_AUTHOR_EMAIL: "dana@example.com",
        GIT_COMMITTER_NAME: "Dana Dev",
        GIT_COMMITTER_EMAIL: "dana@example.com",
        GIT_AUTHOR_DATE: date,
        GIT_COMMITTER_DATE: date,
        GIT_CONFIG_NOSYSTEM: "1",
        GIT_CONFIG_GLOBAL: "/dev/null",
      },
    }).trim();
  }

  /** Writes `files`, commits everything and returns the new commit's sha. */
  commit(message: string, files: Record<string, string> = {}): string {
    writeTree(this.dir, files);
    this.tick++;
    this.git("add", "-A");
    this.git("commit", "--quiet", "--allow-empty", "-m", message);
    return this.git("rev-parse", "HEAD");
  }

  /** An annotated tag when `message` is given, else a lightweight one. */
  tag(name: string, message?: string): void {
    this.tick++;
    if (message) this.git("tag", "-a", name, "-m", message);
    else this.git("tag", name);
  }
}
