// A workaround for @actions/workflow-parser 0.3.61: a YAML block scalar (`run: |`) that holds a
// `${{ }}` becomes a format() whose literal parts keep the file's indentation, so every line
// after the first arrives indented (a heredoc's terminator then never matches, python fails
// with IndentationError). GitHub's runner gets the block's value as YAML defines it. Here the
// block's source is read back with the `yaml` package (indentation, chomping and folding as
// YAML says) and each `${{ }}` in it is replaced by its expression's value, in order.
import { isBasicExpression, isMapping } from "@actions/workflow-parser";
import type { TemplateToken } from "@actions/workflow-parser/templates/tokens/template-token";
import { parse } from "yaml";
import { type EvaluateOptions, evaluateToken } from "../expressions.js";
import { asText } from "./job-state.js";

function blockValue(header: string, source: string): string | undefined {
  try {
    const doc = parse(`value: ${header}\n${source}`) as { value?: unknown } | null;
    return typeof doc?.value === "string" ? doc.value : undefined;
  } catch {
    return undefined;
  }
}

/** A scalar token as text, with block scalars holding expressions read as YAML defines them. */
export function evaluateText(
  token: TemplateToken,
  contexts: Record<string, unknown>,
  options: EvaluateOptions = {},
): string {
  if (
    isBasicExpression(token) &&
    token.blockScalarHeader !== undefined &&
    token.source !== undefined &&
    token.originalExpressions !== undefined
  ) {
    const text = blockValue(token.blockScalarHeader, token.source);
    const literals = text?.split(/\$\{\{[\s\S]*?\}\}/);
    if (literals && literals.length - 1 === token.originalExpressions.length) {
      return literals
        .map((literal, i) => {
          const expression = token.originalExpressions?.[i];
          return expression
            ? literal + asText(evaluateToken(expression, contexts, options))
            : literal;
        })
        .join("");
    }
  }
  return asText(evaluateToken(token, contexts, options));
}

/** A `with:` or `env:` mapping as text values, each through evaluateText. */
export function evaluateTextMapping(
  token: TemplateToken | undefined,
  contexts: Record<string, unknown>,
  options: EvaluateOptions = {},
): Record<string, string> {
  const result: Record<string, string> = {};
  if (!token) return result;
  if (!isMapping(token)) {
    // A whole-mapping expression (`with: ${{ fromJSON(...) }}`).
    const value = evaluateToken(token, contexts, options);
    if (value && typeof value === "object") {
      for (const [key, item] of Object.entries(value)) result[key] = asText(item);
    }
    return result;
  }
  for (const pair of token) {
    result[asText(evaluateToken(pair.key, contexts))] = evaluateText(pair.value, contexts, options);
  }
  return result;
}
