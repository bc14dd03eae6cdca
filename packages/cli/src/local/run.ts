import { Engine, type RunResult, TriggerError, WorkflowRefusedError } from "@fastdeploy/engine";
import { gitSlice, resolveCommitish } from "@fastdeploy/sandbox";
import type { LocalRunSettings } from "../commands/local-options.js";
import { statusTable } from "../commands/status-table.js";
import { CliFailure, EXIT_FAILURE, EXIT_OK } from "../errors.js";
import { type Io, printJson } from "../io.js";
import { ReviewDesk, ReviewNeeded } from "./review-desk.js";
import { conclusions, eventLine } from "./run-report.js";
import {
  LOCAL_ADMIN,
  type SeededGitHub,
  startSeededGitHub,
  statusReport,
} from "./seeded-github.js";

/**
 * `fastdeploy local run <event>`: the repository's workflow files, run by the local engine
 * against a local GitHub seeded from the repository. Progress and logs on stderr; each job's
 * conclusion and the status table on stdout; exit 0 only when every run succeeded.
 */
export async function localRun(settings: LocalRunSettings, io: Io): Promise<number> {
  const github = await startSeededGitHub(settings, io);
  const progress = (line: string) => io.stderr(`${line}\n`);
  // Ctrl-C cancels the runs as GitHub's Cancel button does; a second one stops waiting for that.
  const cancel = new AbortController();
  const interrupted = onInterrupt(
    () => {
      progress("Interrupted: cancelling the runs (Ctrl-C again to stop without waiting)…");
      cancel.abort();
    },
    async () => {
      progress(
        settings.stateDir
          ? `Stopped: the local GitHub is saved in ${settings.stateDir}; steps still running are not waited for.`
          : "Stopped; steps still running are not waited for.",
      );
      await github.close();
    },
  );
  try {
    const ref = eventRef(github, settings);
    const desk = new ReviewDesk(github, settings.reviews, io, progress);
    const engine = new Engine({
      repoDir: settings.repoDir,
      local: github.local,
      repository: github.seed.repository,
      onEvent: (event) => {
        const line = eventLine(event, { logs: true });
        if (line) progress(line);
      },
      onReviewWait: async ({ runId, environment, job }) => {
        await desk.review({ runId, environment, job });
      },
    });
    let results: RunResult[];
    try {
      results = await engine.trigger({
        name: settings.event,
        ref: ref.name,
        sha: ref.sha,
        actor: settings.actor ?? LOCAL_ADMIN,
        ...(settings.workflow ? { workflow: settings.workflow } : {}),
        inputs: settings.inputs,
        signal: cancel.signal,
      });
    } catch (error) {
      if (error instanceof ReviewNeeded) throw error;
      throw refusal(error);
    }
    if (results.length === 0) {
      throw new CliFailure(
        `no workflow of .github/workflows runs on ${settings.event} of ${ref.name}: check their on: filters, or pass --workflow`,
      );
    }
    const report = await statusReport(github);
    if (settings.json) {
      printJson(io, { repository: github.seed.repository, runs: results, status: report ?? null });
    } else {
      io.stdout(conclusions(results));
      if (report) io.stdout(`\n${statusTable(report)}`);
    }
    if (cancel.signal.aborted) return EXIT_INTERRUPTED;
    return results.every((r) => r.conclusion === "success") ? EXIT_OK : EXIT_FAILURE;
  } finally {
    interrupted.off();
    await github.close();
  }
}

/** Exit code of a run cancelled by Ctrl-C, as a shell reports an interrupted command. */
const EXIT_INTERRUPTED = 130;

/**
 * Ctrl-C (or SIGTERM) during a run: the first cancels the runs (they end `cancelled`, the
 * state is saved as the command ends); a second saves what the local GitHub holds and exits.
 */
function onInterrupt(cancel: () => void, stop: () => Promise<void>): { off(): void } {
  let count = 0;
  const handler = () => {
    count++;
    if (count === 1) return cancel();
    off();
    stop().finally(() => process.exit(EXIT_INTERRUPTED));
  };
  const off = () => {
    process.off("SIGINT", handler);
    process.off("SIGTERM", handler);
  };
  process.on("SIGINT", handler);
  process.on("SIGTERM", handler);
  return { off };
}

/**
 * The event's ref as the local GitHub knows it: --ref as given (a full ref, or a branch or tag
 * name), else the branch checked out for a push and the default branch for a dispatch.
 */
function eventRef(github: SeededGitHub, settings: LocalRunSettings): { name: string; sha: string } {
  const repo = github.local.sandbox.repo(github.seed.repository);
  const refs = gitSlice(repo).refs;
  const given =
    settings.ref ??
    (settings.event === "push" && github.seed.currentBranch
      ? `refs/heads/${github.seed.currentBranch}`
      : `refs/heads/${github.seed.defaultBranch}`);
  const name = given.startsWith("refs/")
    ? given
    : [`refs/heads/${given}`, `refs/tags/${given}`].find((r) => refs[r]);
  const sha = name && refs[name] ? resolveCommitish(repo, name) : undefined;
  if (!name || !sha) {
    throw new CliFailure(
      `${given} is neither a branch nor a tag of ${github.seed.repository}: commit and tag it in git first (git tag ${given.replace(/^refs\/tags\//, "")}), then run again`,
    );
  }
  return { name, sha };
}

/** The engine refuses a run it cannot start (an unknown action, a bad input) before any job. */
function refusal(error: unknown): unknown {
  if (error instanceof TriggerError || error instanceof WorkflowRefusedError) {
    return new CliFailure(error.message);
  }
  return error;
}
