// What a finished job hands back: its result, the `outputs:` and `environment.url` evaluated
// with the final steps context, the summary and the annotations.
import { evaluateToken } from "../expressions.js";
import { asText, type JobState } from "./job-state.js";
import type { JobOutcome } from "./types.js";

/**
 * The job's outputs. "Outputs containing secrets are redacted on the runner and not sent to
 * GitHub Actions" (workflow-syntax#jobsjob_idoutputs): an output holding a masked value is
 * left out, with the runner's warning.
 */
function jobOutputs(state: JobState): Record<string, string> {
  const outputs: Record<string, string> = {};
  const mapping = state.run.job.outputs;
  if (!mapping) return outputs;
  const contexts = state.contexts();
  for (const pair of mapping) {
    const key = pair.key.toString();
    let value: string;
    try {
      value = asText(evaluateToken(pair.value, contexts));
    } catch (error) {
      state.error(`Evaluating the job output '${key}' failed: ${(error as Error).message}`);
      state.failed = true;
      continue;
    }
    if (state.mask(value) !== value) {
      state.annotations.push({
        level: "warning",
        message: `Skip output '${key}' since it may contain secret.`,
        source: "runner",
      });
      continue;
    }
    outputs[key] = value;
  }
  return outputs;
}

export function finishJob(state: JobState): JobOutcome {
  const outputs = jobOutputs(state);
  let environmentUrl: string | undefined;
  if (state.run.environmentUrl) {
    try {
      environmentUrl =
        asText(evaluateToken(state.run.environmentUrl, state.contexts())) || undefined;
    } catch (error) {
      state.error(`Evaluating environment.url failed: ${(error as Error).message}`);
      state.failed = true;
    }
  }
  return {
    result: state.statusName(),
    outputs,
    environmentUrl,
    steps: state.steps,
    summary: state.summaries.join("\n"),
    annotations: state.annotations,
  };
}
