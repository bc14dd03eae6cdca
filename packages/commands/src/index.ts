export * from "./approve.js";
export * from "./approve-facts.js";
export * from "./build.js";
export * from "./ports.js";
export * from "./publish.js";
export * from "./shell.js";
export * from "./status.js";
export * from "./verify.js";
