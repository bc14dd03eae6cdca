/**
 * The state key main saves while a deployment is open (`in_progress`) and clears once it has a
 * final status; the post step reads it (STATE_<key>) to close what main could not.
 */
export const DEPLOYMENT_STATE_KEY = "open-deployment-id";
