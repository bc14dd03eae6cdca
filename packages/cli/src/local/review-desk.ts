import type { ReviewDecision } from "../commands/local-options.js";
import { CliFailure } from "../errors.js";
import type { Io } from "../io.js";
import { LOCAL_ADMIN, type SeededGitHub } from "./seeded-github.js";

/**
 * Answers a job that waits for an environment's review, the way a person does on GitHub: a
 * review through `POST …/actions/runs/{run_id}/pending_deployments` with the reviewer's own
 * token, so the local GitHub enforces its reviewer list and prevent-self-review. Reviews come
 * from --approve/--reject in the order given (a refused one falls through to the next), then
 * from a person at the terminal; with neither, the run cannot go on. The engine reports the
 * wait and the accepted review; the desk adds the refusals, with GitHub's reason.
 */

export interface ReviewRequest {
  runId: number;
  environment: string;
  /** The waiting job, for the messages. */
  job?: string;
}

/** Nobody can review: not on a terminal, and no --approve/--reject names the environment. */
export class ReviewNeeded extends CliFailure {
  override name = "ReviewNeeded";
  constructor(readonly environment: string) {
    super(`${environment} is waiting for review; pass --approve ${environment}=<login>`);
  }
}

export type ReviewState = ReviewDecision["state"];

export class ReviewDesk {
  constructor(
    private readonly github: SeededGitHub,
    private readonly decisions: ReviewDecision[],
    private readonly io: Io,
    private readonly log: (line: string) => void,
  ) {}

  /** Posts reviews until one is accepted; returns its state. */
  async review(request: ReviewRequest): Promise<ReviewState> {
    const waiting = await this.pending(request);
    const reviewers = waiting.reviewers.join(", ") || "repository admins";
    const given = this.decisions.filter(
      (d) => d.environment.toLowerCase() === request.environment.toLowerCase(),
    );
    for (const decision of given) {
      if (await this.post(request, waiting.id, decision)) return decision.state;
    }
    if (this.io.prompt) {
      for (;;) {
        const answer = await this.io.prompt(
          `Review ${request.environment}: a login approves, "!login" rejects (${reviewers}): `,
        );
        const rejected = answer.startsWith("!");
        const login = answer.replace(/^!/, "").trim();
        if (!login) continue;
        const decision: ReviewDecision = {
          environment: request.environment,
          login,
          state: rejected ? "rejected" : "approved",
        };
        if (await this.post(request, waiting.id, decision)) return decision.state;
      }
    }
    throw new ReviewNeeded(request.environment);
  }

  /** The environment's id and reviewers, as the local GitHub lists the run's pending deployments. */
  private async pending(request: ReviewRequest): Promise<{ id: number; reviewers: string[] }> {
    const { data } = await this.github
      .clientFor(LOCAL_ADMIN)
      .rest.actions.getPendingDeploymentsForRun({
        ...this.github.repo,
        run_id: request.runId,
      });
    const entry = data.find(
      (p) => p.environment.name?.toLowerCase() === request.environment.toLowerCase(),
    );
    if (!entry?.environment.id) {
      throw new CliFailure(
        `run ${request.runId} is not waiting for ${request.environment}: the local GitHub lists ${
          data.map((p) => p.environment.name).join(", ") || "no pending deployment"
        }`,
      );
    }
    const reviewers = entry.reviewers.map((r) => {
      const who = r.reviewer as { login?: string; slug?: string } | undefined;
      return who?.login ?? who?.slug ?? "?";
    });
    return { id: entry.environment.id, reviewers };
  }

  /** True when the local GitHub accepted the review; a refusal is printed with its reason. */
  private async post(request: ReviewRequest, id: number, decision: ReviewDecision) {
    const verb = decision.state === "approved" ? "approve" : "reject";
    try {
      await this.github.clientFor(decision.login).rest.actions.reviewPendingDeploymentsForRun({
        ...this.github.repo,
        run_id: request.runId,
        environment_ids: [id],
        state: decision.state,
        comment: `${verb}d with fastdeploy local run`,
      });
    } catch (error) {
      const status = (error as { status?: number }).status;
      if (status !== 422 && status !== 403) throw error;
      const data = (error as { response?: { data?: { message?: string } } }).response?.data;
      this.log(
        `✘ ${decision.login} may not ${verb} ${request.environment}: ${data?.message ?? (error as Error).message}`,
      );
      return false;
    }
    return true;
  }
}
