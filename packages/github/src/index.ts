export * from "./octokit.js";
export * from "./published-artifact.js";
export * from "./release-assets.js";
