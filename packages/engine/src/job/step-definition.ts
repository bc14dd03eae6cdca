// The step keys @actions/workflow-parser's converter leaves out of its Step model (`with`,
// `shell`, `working-directory`, `timeout-minutes`), read from the job's raw mapping. The
// converter keeps the order of `steps:` and drops only items that failed to convert, which
// make the whole workflow invalid, so item i of the raw sequence is converted step i.
import { isMapping, isSequence } from "@actions/workflow-parser";
import type { MappingToken } from "@actions/workflow-parser/templates/tokens/mapping-token";
import type { TemplateToken } from "@actions/workflow-parser/templates/tokens/template-token";

export interface StepDefinition {
  with?: TemplateToken;
  shell?: TemplateToken;
  workingDirectory?: TemplateToken;
  timeoutMinutes?: TemplateToken;
}

function find(mapping: MappingToken, key: string): TemplateToken | undefined {
  for (const pair of mapping) {
    if (pair.key.toString() === key) return pair.value;
  }
  return undefined;
}

/** The raw keys of every step of the job, in the order of `job.steps`. */
export function stepDefinitions(definition: MappingToken): StepDefinition[] {
  const steps = find(definition, "steps");
  if (!steps || !isSequence(steps)) return [];
  const result: StepDefinition[] = [];
  for (const item of steps) {
    if (!isMapping(item)) {
      result.push({});
      continue;
    }
    result.push({
      with: find(item, "with"),
      shell: find(item, "shell"),
      workingDirectory: find(item, "working-directory"),
      timeoutMinutes: find(item, "timeout-minutes"),
    });
  }
  return result;
}
