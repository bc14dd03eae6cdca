export * from "./build.js";
export * from "./ports.js";
export * from "./shell.js";
export * from "./verify.js";
