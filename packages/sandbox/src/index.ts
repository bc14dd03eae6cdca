export * from "./artifact-service/index.js";
export * from "./dispatch-inputs.js";
export * from "./local-github.js";
export * from "./rest/index.js";
// The REST sandbox's token is the one the local GitHub hands to jobs.
export { DEFAULT_TOKEN } from "./rest/index.js";
export * from "./runner/index.js";
