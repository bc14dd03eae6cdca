import { closeOpenDeployment } from "./open-deployment.js";
import { runAction } from "./run-action.js";

// The one post step (post-if: always()) of distribute and rollback: no deployment may be left
// in_progress by a killed main. Both actions save the same state, so one entry serves both.
await runAction(closeOpenDeployment);
