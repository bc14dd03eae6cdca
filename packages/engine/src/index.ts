// The local GitHub Actions engine: runs this repository's and a user's workflow files against
// the local GitHub (packages/sandbox), on GitHub's own workflow parser and expression evaluator.

export * from "./git-repository-reader.js";
export * from "./seed-git-repository.js";
