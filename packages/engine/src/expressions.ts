// Every `${{ }}` of a workflow is evaluated here, by GitHub's own @actions/expressions
// (lexer, parser, evaluator and its built-in functions: contains, startsWith, format, join,
// toJSON, fromJSON, …). The engine adds only what the runner adds on top: the status
// functions and hashFiles.
// Docs: https://docs.github.com/en/actions/reference/workflows-and-actions/expressions

import { data, Evaluator, Lexer, Parser } from "@actions/expressions";
import type { FunctionDefinition } from "@actions/expressions/funcs/info";
import { type Token, TokenType } from "@actions/expressions/lexer";
import {
  isBasicExpression,
  isBoolean,
  isMapping,
  isNumber,
  isSequence,
  isString,
} from "@actions/workflow-parser";
import type { BasicExpressionToken } from "@actions/workflow-parser/templates/tokens/basic-expression-token";
import type { TemplateToken } from "@actions/workflow-parser/templates/tokens/template-token";
import { FastDeployError } from "@fastdeploy/core";

/** What the status functions answer for the job or step whose condition is evaluated. */
export interface JobStatus {
  success: boolean;
  failure: boolean;
  cancelled: boolean;
}

export interface EvaluateOptions {
  status?: JobStatus;
  /** `hashFiles(patterns…)`: the job executor hashes files of the workspace. */
  hashFiles?: (patterns: string[]) => string;
}

/** An expression that failed to parse or evaluate, with where it came from. */
export class ExpressionEvaluationError extends FastDeployError {
  override name = "ExpressionEvaluationError";
}

/** Plain JSON (contexts as the engine builds them) → @actions/expressions data. */
export function toExpressionData(json: unknown): data.ExpressionData {
  if (json === null || json === undefined) return new data.Null();
  if (typeof json === "string") return new data.StringData(json);
  if (typeof json === "number") return new data.NumberData(json);
  if (typeof json === "boolean") return new data.BooleanData(json);
  if (Array.isArray(json)) return new data.Array(...json.map(toExpressionData));
  if (typeof json === "object") {
    return new data.Dictionary(
      ...Object.entries(json as Record<string, unknown>)
        .filter(([, value]) => value !== undefined)
        .map(([key, value]) => ({ key, value: toExpressionData(value) })),
    );
  }
  throw new TypeError(`a context holds a ${typeof json}, which expressions cannot represent`);
}

/** @actions/expressions data → plain JSON. */
export function fromExpressionData(value: data.ExpressionData): unknown {
  switch (value.kind) {
    case data.Kind.Null:
      return null;
    case data.Kind.String:
    case data.Kind.Number:
    case data.Kind.Boolean:
      return (value as data.StringData | data.NumberData | data.BooleanData).value;
    case data.Kind.Array:
      return (value as data.Array).values().map(fromExpressionData);
    default:
      return Object.fromEntries(
        (value as data.Dictionary).pairs().map((p) => [p.key, fromExpressionData(p.value)]),
      );
  }
}

const STATUS_FUNCTIONS = ["success", "failure", "cancelled", "always"];

function functionsFor(options: EvaluateOptions): Map<string, FunctionDefinition> {
  const status = options.status ?? { success: true, failure: false, cancelled: false };
  const flag = (name: string, value: () => boolean): [string, FunctionDefinition] => [
    name,
    { name, minArgs: 0, maxArgs: 0, call: () => new data.BooleanData(value()) },
  ];
  return new Map<string, FunctionDefinition>([
    // Status check functions: https://docs.github.com/en/actions/reference/workflows-and-actions/expressions#status-check-functions
    flag("success", () => status.success),
    flag("failure", () => status.failure),
    flag("cancelled", () => status.cancelled),
    flag("always", () => true),
    [
      "hashfiles",
      {
        name: "hashFiles",
        minArgs: 1,
        maxArgs: 255,
        call: (...patterns) => {
          if (!options.hashFiles) {
            throw new ExpressionEvaluationError("hashFiles() is only available in steps");
          }
          return new data.StringData(options.hashFiles(patterns.map((p) => p.coerceString())));
        },
      },
    ],
  ]);
}

/**
 * @actions/expressions 0.3.61 unescapes only the first `''` of a string literal
 * (`value.replace("''", "'")` in its lexer), so `format('''a'' ''b''')` loses quotes that
 * GitHub keeps. The parser writes every `run:` with `${{ }}` as such a format() call, so a
 * script with two quoted words would break. Each string token's value is rebuilt from its
 * lexeme here, with every `''` unescaped, as GitHub's evaluator does.
 */
function lex(expression: string): Token[] {
  return new Lexer(expression)
    .lex()
    .tokens.map((token) =>
      token.type === TokenType.STRING && token.lexeme.length >= 2
        ? { ...token, value: token.lexeme.slice(1, -1).replaceAll("''", "'") }
        : token,
    );
}

function evaluateExpression(
  expression: string,
  contexts: Record<string, unknown>,
  options: EvaluateOptions,
): data.ExpressionData {
  const functions = functionsFor(options);
  try {
    const tokens = lex(expression);
    const tree = new Parser(tokens, Object.keys(contexts), [...functions.values()]).parse();
    const context = toExpressionData(contexts) as data.Dictionary;
    return new Evaluator(tree, context, functions).evaluate();
  } catch (error) {
    if (error instanceof ExpressionEvaluationError) throw error;
    throw new ExpressionEvaluationError(
      `\${{ ${expression} }}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/** Where a token sits in its file, for messages. */
function at(token: TemplateToken): string {
  return token.line === undefined ? "" : ` (line ${token.line}, col ${token.col})`;
}

/**
 * A workflow token with every expression in it evaluated, as plain JSON: strings with
 * embedded `${{ }}` become strings (the parser already turned them into `format()`), a whole
 * `${{ }}` keeps its type (fromJSON gives objects), mappings and sequences are walked.
 */
export function evaluateToken(
  token: TemplateToken,
  contexts: Record<string, unknown>,
  options: EvaluateOptions = {},
): unknown {
  if (isBasicExpression(token)) {
    try {
      return fromExpressionData(evaluateExpression(token.expression, contexts, options));
    } catch (error) {
      if (error instanceof ExpressionEvaluationError && token.line !== undefined) {
        throw new ExpressionEvaluationError(`${error.message}${at(token)}`);
      }
      throw error;
    }
  }
  if (isString(token) || isNumber(token) || isBoolean(token)) return token.value;
  if (isSequence(token)) {
    const items: unknown[] = [];
    for (const item of token) items.push(evaluateToken(item, contexts, options));
    return items;
  }
  if (isMapping(token)) {
    const result: Record<string, unknown> = {};
    for (const pair of token) {
      result[String(evaluateToken(pair.key, contexts, options))] = evaluateToken(
        pair.value,
        contexts,
        options,
      );
    }
    return result;
  }
  if (token.isLiteral) return null; // the null token
  throw new ExpressionEvaluationError(
    `token type ${token.templateTokenType}${at(token)}: \${{ insert }} is not supported by the local engine`,
  );
}

/** GitHub's truthiness: false, 0, -0, "", null are falsy; objects and arrays are truthy. */
function truthy(value: data.ExpressionData): boolean {
  switch (value.kind) {
    case data.Kind.Null:
      return false;
    case data.Kind.Boolean:
      return (value as data.BooleanData).value;
    case data.Kind.Number:
      return (
        (value as data.NumberData).value !== 0 && !Number.isNaN((value as data.NumberData).value)
      );
    case data.Kind.String:
      return (value as data.StringData).value !== "";
    default:
      return true;
  }
}

/** Whether an expression calls one of the status functions (checked on its tokens, so a
 * string literal "success()" does not count). */
function hasStatusFunction(expression: string): boolean {
  const tokens = lex(expression);
  return tokens.some(
    (t, i) => STATUS_FUNCTIONS.includes(t.lexeme.toLowerCase()) && tokens[i + 1]?.lexeme === "(",
  );
}

/**
 * A job's or step's `if`. Without a status function the condition means
 * `success() && (…)`, and a missing condition means `success()`: "A default status check of
 * success() is applied unless you include one of these functions."
 * https://docs.github.com/en/actions/reference/workflows-and-actions/expressions#status-check-functions
 * (@actions/workflow-parser's converter already wraps job and step conditions; wrapping here
 * again is harmless and covers tokens built elsewhere.)
 */
export function evaluateCondition(
  token: BasicExpressionToken | undefined,
  contexts: Record<string, unknown>,
  status: JobStatus,
  options: Omit<EvaluateOptions, "status"> = {},
): boolean {
  try {
    return conditionHolds(token?.expression ?? "", contexts, status, options);
  } catch (error) {
    if (error instanceof ExpressionEvaluationError && token) {
      throw new ExpressionEvaluationError(`${error.message}${at(token)}`);
    }
    throw error;
  }
}

/**
 * An action's `pre-if` or `post-if` (text in action.yml, with or without `${{ }}`), read as a
 * step's `if` is: the status functions answer for the job, and without one `success()` applies.
 * https://docs.github.com/en/actions/reference/workflows-and-actions/metadata-syntax#runspre-if
 */
export function evaluateActionCondition(
  condition: string,
  contexts: Record<string, unknown>,
  status: JobStatus,
): boolean {
  return conditionHolds(condition.replace(/^\s*\$\{\{([\s\S]*)\}\}\s*$/, "$1"), contexts, status);
}

function conditionHolds(
  text: string,
  contexts: Record<string, unknown>,
  status: JobStatus,
  options: Omit<EvaluateOptions, "status"> = {},
): boolean {
  const raw = text.trim();
  const expression =
    raw === "" ? "success()" : hasStatusFunction(raw) ? raw : `success() && (${raw})`;
  return truthy(evaluateExpression(expression, contexts, { ...options, status }));
}
