import { closeOpenDeployment } from "./open-deployment.js";
import { runAction } from "./run-action.js";

// post (post-if: always()): no deployment may be left in_progress by a killed main.
await runAction(closeOpenDeployment);
