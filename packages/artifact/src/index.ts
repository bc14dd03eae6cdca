export * from "./archive.js";
export * from "./checksums.js";
export * from "./errors.js";
export * from "./extract.js";
export * from "./files.js";
export { globMatcher } from "./glob.js";
