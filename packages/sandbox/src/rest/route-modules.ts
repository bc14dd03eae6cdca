import { routes as actions } from "./routes/actions.js";
import { routes as variables } from "./routes/actions-variables.js";
import { routes as checks } from "./routes/checks.js";
import { routes as deployments } from "./routes/deployments.js";
import { routes as environments } from "./routes/environments.js";
import { routes as git } from "./routes/git.js";
import { routes as releaseAssets } from "./routes/release-assets.js";
import { routes as releases } from "./routes/releases.js";
import { routes as repos } from "./routes/repos.js";
import { routes as rulesets } from "./routes/rulesets.js";
import { routes as users } from "./routes/users.js";
import type { Route } from "./types.js";

/** Every route module the server registers; earlier modules win a duplicate template. */
export const routeModules: Route[][] = [
  repos,
  git,
  releases,
  releaseAssets,
  deployments,
  environments,
  actions,
  variables,
  checks,
  rulesets,
  users,
];
