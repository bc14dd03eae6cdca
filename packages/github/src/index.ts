export * from "./ledger.js";
export * from "./ledger-environment.js";
export * from "./ledger-history.js";
export * from "./ledger-index.js";
export * from "./octokit.js";
export * from "./published-artifact.js";
export * from "./release-assets.js";
