export * from "./octokit.js";
