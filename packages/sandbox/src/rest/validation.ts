import { coerceParameter, type OpenApi, type Operation } from "./openapi.js";

/**
 * Request and response checks against the operation's description. Both return readable
 * error strings; an empty list means valid.
 */

export function checkRequest(
  openapi: OpenApi,
  op: Operation,
  params: Record<string, string>,
  query: URLSearchParams,
  body: unknown,
): string[] {
  const errors: string[] = [];
  for (const param of op.parameters) {
    if (param.in !== "path" && param.in !== "query") continue;
    const raw = param.in === "path" ? params[param.name] : (query.get(param.name) ?? undefined);
    if (raw === undefined) {
      if (param.required) errors.push(`${param.in} parameter "${param.name}" is required`);
      continue;
    }
    for (const e of openapi.check(param.pointer, coerceParameter(raw, param.schema))) {
      errors.push(`${param.in} parameter "${param.name}"${e.replace(/^\/ ?/, " ")}`);
    }
  }
  if (op.bodyPointer) {
    if (body === undefined) {
      if (op.bodyRequired) errors.push("a JSON request body is required");
    } else {
      for (const e of openapi.check(op.bodyPointer, body)) errors.push(`body ${e}`);
    }
  }
  return errors;
}

export function checkResponse(
  openapi: OpenApi,
  op: Operation,
  status: number,
  body: unknown,
): string[] {
  const ptr = openapi.responsePointer(op, status);
  if (ptr === undefined) {
    // GitHub answers many error statuses its description does not list (a 404 for a missing
    // release, a 422 for an immutable one); they must still have the basic-error shape.
    if (status >= 400) {
      return openapi.check("gh#/components/schemas/basic-error", body).map((e) => `body ${e}`);
    }
    return [`status ${status} is not documented for ${op.operationId}`];
  }
  if (ptr === null) {
    // Some error statuses are documented without content, but GitHub still sends its error body.
    if (status >= 400 && body !== undefined) {
      return openapi.check("gh#/components/schemas/basic-error", body).map((e) => `body ${e}`);
    }
    return body === undefined ? [] : [`status ${status} of ${op.operationId} has no body`];
  }
  if (body === undefined) return [`status ${status} of ${op.operationId} needs a JSON body`];
  return openapi.check(ptr, body).map((e) => `body ${e}`);
}
