import { runAction } from "./run-action.js";

// Placeholder until this action's issue lands: it must never pretend to work.
await runAction(async () => {
  throw new Error(
    "fastdeploy build is not implemented yet; follow the project issues for its release.",
  );
});
