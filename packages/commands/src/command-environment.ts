/**
 * The environment a user's command (build, deploy, undeploy, rollback) starts with: what a
 * `run:` step of the same job would get, no more.
 *
 * The runner hands a JavaScript action things it never hands a `run:` step: the action's
 * inputs as INPUT_* (the token among them), its saved state as STATE_*, and the runtime
 * service's credentials ACTIONS_RUNTIME_TOKEN / ACTIONS_RUNTIME_URL / ACTIONS_RESULTS_URL /
 * ACTIONS_CACHE_URL, which are "injected for node actions only" (runner
 * src/Runner.Worker/Handlers/NodeScriptActionHandler.cs; GITHUB-FACTS.md 1.4). A `run:` step
 * does get ACTIONS_ID_TOKEN_REQUEST_URL / _TOKEN when the job has `id-token: write`, which is
 * how cloud logins through OIDC work from a script ("Using OpenID Connect with reusable
 * workflows" and "About security hardening with OpenID Connect",
 * https://docs.github.com/en/actions/concepts/security/openid-connect), so those pass through.
 *
 * The GitHub token is dropped wherever it sits: as INPUT_TOKEN, and under any other name whose
 * value is the token (a step `env: GH_TOKEN: ${{ github.token }}` next to the action), so a
 * deploy script can never write to the repository with the job's token. A command that needs
 * a credential gets its own, e.g. an environment secret passed as `env: DEPLOY_TOKEN`.
 */
const RUNTIME_ONLY = new Set([
  "ACTIONS_RUNTIME_TOKEN",
  "ACTIONS_RUNTIME_URL",
  "ACTIONS_RESULTS_URL",
  "ACTIONS_CACHE_URL",
  "ACTIONS_CACHE_SERVICE_V2",
]);

export function runStepEnvironment(
  base: NodeJS.ProcessEnv = process.env,
  options: { token?: string } = {},
): NodeJS.ProcessEnv {
  const token = options.token ?? base.INPUT_TOKEN;
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(base)) {
    if (key.startsWith("INPUT_") || key.startsWith("STATE_") || RUNTIME_ONLY.has(key)) continue;
    if (token && value === token) continue;
    env[key] = value;
  }
  return env;
}
