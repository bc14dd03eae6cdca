export * from "./shell.js";
