import {
  convertWorkflowTemplate,
  NoOperationTraceWriter,
  parseWorkflow,
} from "@actions/workflow-parser";
import type { Job } from "@actions/workflow-parser/model/workflow-template";
import type { TemplateToken } from "@actions/workflow-parser/templates/tokens/template-token";
import { describe, expect, it } from "vitest";
import {
  ExpressionEvaluationError,
  evaluateCondition,
  evaluateToken,
  fromExpressionData,
  toExpressionData,
} from "../src/expressions.js";

async function workflow(text: string) {
  const parsed = parseWorkflow({ name: "w.yml", content: text }, new NoOperationTraceWriter());
  if (!parsed.value) throw new Error("no workflow");
  const template = await convertWorkflowTemplate(parsed.context, parsed.value);
  expect(template.errors ?? []).toEqual([]);
  return template;
}

const success = { success: true, failure: false, cancelled: false };
const failed = { success: false, failure: true, cancelled: false };
const contexts = {
  github: { ref_name: "main", event: { inputs: { n: "3" } } },
  needs: { build: { result: "success", outputs: { version: "1.2.3" } } },
  matrix: { os: "linux" },
};

describe("toExpressionData", () => {
  it("round-trips plain JSON, case-insensitive lookups included", () => {
    const json = { a: [1, "two", true, null], b: { c: -0.5 } };
    const value = toExpressionData(json);
    expect(fromExpressionData(value)).toEqual(json);
    expect(fromExpressionData((value as never as { get(k: string): never }).get("A"))).toEqual(
      json.a,
    );
  });
});

describe("evaluateToken", () => {
  it("evaluates embedded expressions to strings, whole ones to their type, literals as is", async () => {
    const template = await workflow(`
on: push
jobs:
  build:
    runs-on: ubuntu-latest
    steps: [{ run: echo }]
  j:
    needs: build
    strategy: { matrix: { os: [linux] } }
    runs-on: ubuntu-latest
    env:
      PLAIN: plain
      EMBEDDED: v-\${{ needs.build.outputs.version }}-\${{ matrix.os }}
      WHOLE: \${{ fromJSON('{"x":[1,2]}') }}
      NUMBER: 3
    steps: [{ run: echo }]
`);
    expect(evaluateToken((template.jobs[1] as Job).env as TemplateToken, contexts)).toEqual({
      PLAIN: "plain",
      EMBEDDED: "v-1.2.3-linux",
      WHOLE: { x: [1, 2] },
      NUMBER: "3", // the schema reads env values as strings
    });
  });

  it("keeps every quote of a run: script with an expression (GitHub unescapes every '')", async () => {
    const template = await workflow(`
on: push
jobs:
  j:
    runs-on: ubuntu-latest
    steps:
      - run: |
          echo "\${{ matrix.os }}" 'a' 'b' '%{c}'
`);
    const step = (template.jobs[0] as Job).steps[0] as { run?: TemplateToken };
    // (The parser keeps the block's indentation; the job executor strips it.)
    expect(String(evaluateToken(step.run as TemplateToken, contexts)).trim()).toBe(
      `echo "linux" 'a' 'b' '%{c}'`,
    );
  });

  it("hashes files through the job executor's hashFiles only", async () => {
    const template = await workflow(`
on: push
jobs:
  j:
    runs-on: ubuntu-latest
    steps:
      - run: echo
        env:
          HASH: \${{ hashFiles('x') }}
`);
    const env = (template.jobs[0] as Job).steps[0] as { env?: TemplateToken };
    expect(() => evaluateToken(env.env as TemplateToken, contexts)).toThrow(
      /hashFiles\(\) is only available in steps/,
    );
    expect(
      evaluateToken(env.env as TemplateToken, contexts, {
        hashFiles: (patterns) => `hash:${patterns.join(",")}`,
      }),
    ).toEqual({ HASH: "hash:x" });
  });
});

describe("evaluateCondition", () => {
  async function jobIf(condition: string) {
    const template = await workflow(`
on: push
jobs:
  j:
    if: ${condition}
    runs-on: ubuntu-latest
    steps: [{ run: echo }]
`);
    return (template.jobs[0] as Job).if;
  }

  it("means success() && (…) without a status function", async () => {
    const token = await jobIf("github.ref_name == 'main'");
    expect(evaluateCondition(token, contexts, success)).toBe(true);
    expect(evaluateCondition(token, contexts, failed)).toBe(false);
    expect(evaluateCondition(await jobIf("github.ref_name == 'dev'"), contexts, success)).toBe(
      false,
    );
  });

  it("runs failure() and always() conditions after a failure", async () => {
    expect(evaluateCondition(await jobIf("failure()"), contexts, failed)).toBe(true);
    expect(evaluateCondition(await jobIf("failure()"), contexts, success)).toBe(false);
    expect(evaluateCondition(await jobIf(`\${{ always() }}`), contexts, failed)).toBe(true);
    expect(
      evaluateCondition(await jobIf("cancelled()"), contexts, {
        success: false,
        failure: false,
        cancelled: true,
      }),
    ).toBe(true);
  });

  it("reads needs results and outputs; a missing condition is success()", async () => {
    const token = await jobIf("needs.build.result == 'success' && needs.build.outputs.version");
    expect(evaluateCondition(token, contexts, success)).toBe(true);
    expect(evaluateCondition(undefined, contexts, success)).toBe(true);
    expect(evaluateCondition(undefined, contexts, failed)).toBe(false);
  });

  it("names the expression and where it is when evaluation fails", async () => {
    const token = await jobIf("fromJSON('{')");
    expect(() => evaluateCondition(token, contexts, success)).toThrow(ExpressionEvaluationError);
    expect(() => evaluateCondition(token, contexts, success)).toThrow(/line 5, col 9/);
  });

  it("does not take a status function inside a string literal for one", async () => {
    const token = await jobIf("contains('always()', 'x')");
    expect(evaluateCondition(token, contexts, failed)).toBe(false);
  });
});
