import { Ajv, type ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";
// Imported rather than read from disk, so the bundler carries it into the chunk that holds the
// local GitHub, and `demo` and `local` find it wherever the CLI is installed.
import githubSubset from "../../openapi/github-subset.json" with { type: "json" };

/**
 * GitHub's OpenAPI description (the vendored subset) and the Ajv validators compiled from it.
 *
 * The whole description is added once as schema `gh`; validators reference into it with JSON
 * pointers and are compiled lazily per (operation, location, status), then cached. The spec
 * and the Ajv instance are shared by every sandbox in the process: compiling is the slow part.
 */

// biome-ignore lint/suspicious/noExplicitAny: the OpenAPI document is untyped JSON.
type Json = any;

export interface Parameter {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required: boolean;
  /** The parameter's schema with $refs followed (used to coerce strings before validating). */
  schema: Json;
  /** JSON pointer (into `gh`) of the parameter's schema. */
  pointer: string;
  multiSegment: boolean;
}

export interface Operation {
  method: string;
  path: string;
  operationId: string;
  documentationUrl: string;
  parameters: Parameter[];
  /** JSON pointer of the application/json request body schema, when the operation takes one. */
  bodyPointer?: string;
  bodyRequired: boolean;
  responses: Record<string, Json>;
}

const escapePointer = (s: string) => s.replace(/~/g, "~0").replace(/\//g, "~1");
const pointer = (...parts: string[]) => `gh#/${parts.map(escapePointer).join("/")}`;

export class OpenApi {
  readonly spec: Json;
  private readonly ajv: Ajv;
  private readonly validators = new Map<string, ValidateFunction>();
  private readonly operations = new Map<string, Operation>();

  constructor(spec: Json) {
    this.spec = spec;
    this.ajv = new Ajv({ strict: false, allErrors: true });
    // ajv-formats is CommonJS: under NodeNext its default import is the module object.
    const plugin = addFormatsModule as unknown as {
      default?: (ajv: Ajv) => Ajv;
    } & ((ajv: Ajv) => Ajv);
    (plugin.default ?? plugin)(this.ajv);
    this.ajv.addFormat("binary", true);
    // The description gives uri fields a default of "" (a deployment status's target_url,
    // log_url, environment_url) and GitHub answers "" when they are unset: accept exactly that.
    const uri = this.ajv.formats.uri;
    if (typeof uri === "function") {
      this.ajv.addFormat("uri", (value: string) => value === "" || uri(value));
    }
    allowNullInNullableEnums(spec);
    this.ajv.addSchema(spec, "gh");
    for (const [path, item] of Object.entries<Json>(spec.paths)) {
      for (const [method, op] of Object.entries<Json>(item)) {
        if (method === "parameters") continue;
        this.operations.set(`${method.toUpperCase()} ${path}`, this.describe(method, path, op));
      }
    }
  }

  operation(method: string, path: string): Operation | undefined {
    return this.operations.get(`${method.toUpperCase()} ${path}`);
  }

  /** Follows a local `$ref` to its target; returns the node unchanged when it is not a ref. */
  resolve(node: Json): Json {
    let current = node;
    for (let i = 0; current && typeof current.$ref === "string" && i < 10; i++) {
      current = current.$ref
        .slice(2)
        .split("/")
        .reduce((n: Json, k: string) => n?.[k.replace(/~1/g, "/").replace(/~0/g, "~")], this.spec);
    }
    return current;
  }

  /** Validates `value` against the schema at `ptr`; returns readable error strings. */
  check(ptr: string, value: unknown): string[] {
    let validate = this.validators.get(ptr);
    if (!validate) {
      validate = this.ajv.compile({ $ref: ptr });
      this.validators.set(ptr, validate);
    }
    if (validate(value)) return [];
    return (validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message ?? "invalid"}`);
  }

  /**
   * Where the JSON schema of `op`'s response for `status` lives, following `$ref`'d responses
   * such as `#/components/responses/validation_failed`. `null`: documented without a body;
   * `undefined`: status not documented.
   */
  responsePointer(op: Operation, status: number): string | null | undefined {
    let ptrParts = ["paths", op.path, op.method, "responses", String(status)];
    let response = op.responses[String(status)];
    if (response === undefined) return undefined;
    if (typeof response.$ref === "string") {
      ptrParts = response.$ref.slice(2).split("/");
      response = this.resolve(response);
    }
    const content = response?.content as Record<string, Json> | undefined;
    if (!content) return null;
    const type =
      Object.keys(content).find((t) => t === "application/json") ??
      Object.keys(content).find((t) => t.endsWith("json"));
    if (!type || !content[type].schema) return null;
    return pointer(...ptrParts, "content", type, "schema");
  }

  private describe(method: string, path: string, op: Json): Operation {
    const parameters: Parameter[] = [];
    const declared: Array<{ node: Json; base: string[] }> = [
      ...(this.spec.paths[path].parameters ?? []).map((node: Json, i: number) => ({
        node,
        base: ["paths", path, "parameters", String(i)],
      })),
      ...(op.parameters ?? []).map((node: Json, i: number) => ({
        node,
        base: ["paths", path, method, "parameters", String(i)],
      })),
    ];
    for (const { node, base } of declared) {
      const where = typeof node.$ref === "string" ? node.$ref.slice(2).split("/") : base;
      const param = this.resolve(node);
      parameters.push({
        name: param.name,
        in: param.in,
        required: Boolean(param.required),
        schema: this.resolve(param.schema ?? {}),
        pointer: pointer(...where, "schema"),
        multiSegment: Boolean(param["x-multi-segment"]),
      });
    }
    const body = op.requestBody ? this.resolve(op.requestBody) : undefined;
    const hasJsonBody = Boolean(body?.content?.["application/json"]?.schema);
    return {
      method,
      path,
      operationId: op.operationId,
      documentationUrl: op.externalDocs?.url ?? "https://docs.github.com/rest",
      parameters,
      bodyPointer: hasJsonBody
        ? pointer("paths", path, method, "requestBody", "content", "application/json", "schema")
        : undefined,
      bodyRequired: Boolean(body?.required) && hasJsonBody,
      responses: op.responses ?? {},
    };
  }
}

let shared: OpenApi | undefined;

/** The process-wide description; parsed and indexed on first use. */
export function githubOpenApi(): OpenApi {
  shared ??= new OpenApi(rewriteTypelessNullable(structuredClone(githubSubset) as Json));
  return shared;
}

/**
 * Ajv supports OpenAPI's `nullable` only next to `type`; GitHub also writes
 * `{nullable: true, oneOf: [...]}` (a commit's author). Those become `anyOf: [schema, null]`,
 * in place, so JSON pointers into the description stay valid.
 */
export function rewriteTypelessNullable(node: Json): Json {
  if (Array.isArray(node)) {
    node.forEach(rewriteTypelessNullable);
  } else if (node && typeof node === "object") {
    for (const child of Object.values(node)) rewriteTypelessNullable(child);
    if (node.nullable === true && node.type === undefined) {
      const { nullable: _nullable, description, ...schema } = node;
      for (const key of Object.keys(node)) delete node[key];
      Object.assign(node, { description, anyOf: [schema, { type: "null" }] });
    }
  }
  return node;
}

/**
 * Converts a path or query string to the type its schema declares, so `release_id=12` checks
 * against `type: integer`. Values that do not convert are returned unchanged and fail.
 */
export function coerceParameter(raw: string, schema: Json): unknown {
  const type = schema?.type;
  if (type === "integer" || type === "number") {
    return raw.trim() !== "" && Number.isFinite(Number(raw)) ? Number(raw) : raw;
  }
  if (type === "boolean") return raw === "true" ? true : raw === "false" ? false : raw;
  if (type === "array") return raw.split(",");
  return raw;
}

/**
 * OpenAPI 3.0 lets `nullable` schemas with an `enum` answer null only when null is listed;
 * GitHub's description omits it (a check run's `conclusion` is null until it completes).
 */
function allowNullInNullableEnums(node: Json): void {
  if (Array.isArray(node)) {
    for (const child of node) allowNullInNullableEnums(child);
  } else if (node && typeof node === "object") {
    if (node.nullable === true && Array.isArray(node.enum) && !node.enum.includes(null)) {
      node.enum.push(null);
    }
    for (const child of Object.values(node)) allowNullInNullableEnums(child);
  }
}
