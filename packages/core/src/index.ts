export * from "./archive-path.js";
export * from "./config.js";
export * from "./errors.js";
export * from "./freeze-window.js";
export * from "./manifest.js";
export * from "./size.js";
export * from "./version.js";
