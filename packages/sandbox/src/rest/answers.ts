import type { HttpError, RouteResult } from "./types.js";

/** GitHub's error body and rate-limit numbers, shared by the core and the fault injector. */

export const RATE_LIMIT = 5000;

export function errorResult(
  status: number,
  message: string,
  documentationUrl: string,
  errors?: HttpError["errors"],
): RouteResult {
  return {
    status,
    body: {
      message,
      ...(errors ? { errors } : {}),
      documentation_url: documentationUrl,
      status: String(status),
    },
  };
}
