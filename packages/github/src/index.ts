export * from "./octokit.js";
export * from "./release-assets.js";
