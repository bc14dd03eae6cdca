// The user's build, deploy, undeploy and health commands get what a `run:` step would get: no GitHub
// token, no INPUT_*, no runtime credentials; the OIDC request pair passes through. Each is
// checked through the committed bundle, started as the runner starts it, with a command that
// dumps its whole environment.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { LocalGitHub } from "@fastdeploy/sandbox";
import { describe, expect, it } from "vitest";
import { errors, runDistribute, useLocalGitHub, workspace } from "./support/distribute-kit.js";
import { publishVersion } from "./support/release-fixture.js";

let github: LocalGitHub;

useLocalGitHub((local) => {
  github = local.github;
});

// What the runner hands a node action and a job with `id-token: write` (GITHUB-FACTS 1.4).
const RUNTIME = {
  ACTIONS_RUNTIME_TOKEN: "runtime-token-value",
  ACTIONS_RUNTIME_URL: "http://127.0.0.1:9/runtime/",
  ACTIONS_RESULTS_URL: "http://127.0.0.1:9/results/",
  ACTIONS_CACHE_URL: "http://127.0.0.1:9/cache/",
};
const OIDC = {
  ACTIONS_ID_TOKEN_REQUEST_URL: "http://127.0.0.1:9/token?api-version=2.0",
  ACTIONS_ID_TOKEN_REQUEST_TOKEN: "oidc-request-token",
};

/** `env -0` splits safely even when a value holds newlines. */
function dumped(file: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const entry of readFileSync(file, "utf8").split("\0").filter(Boolean)) {
    const at = entry.indexOf("=");
    env[entry.slice(0, at)] = entry.slice(at + 1);
  }
  return env;
}

function expectRunStepEnvironment(env: Record<string, string>) {
  expect(Object.keys(env).filter((k) => k.startsWith("INPUT_"))).toEqual([]);
  expect(Object.keys(env).filter((k) => k.startsWith("STATE_"))).toEqual([]);
  for (const key of Object.keys(RUNTIME)) expect(env[key]).toBeUndefined();
  // The job token under any name: INPUT_TOKEN, or a step env that copies it.
  expect(Object.entries(env).filter(([, v]) => v === github.token)).toEqual([]);
  expect(env).toMatchObject(OIDC);
  // What a run: step has and the deploy script needs stays.
  expect(env.GITHUB_REPOSITORY).toBe("acme/shop");
  expect(env.DEPLOY_TOKEN).toBe("the-deploy-credential");
}

const stepEnv = (dump: string) => ({
  ...OIDC,
  DUMP: dump,
  GH_TOKEN: github.token,
  DEPLOY_TOKEN: "the-deploy-credential",
});

describe("the environment of the user's commands", () => {
  it("build: the build command sees no token, no inputs, no runtime credentials", async () => {
    const ws = workspace();
    mkdirSync(join(ws.dir, "app"));
    writeFileSync(join(ws.dir, "app/index.html"), "hello\n");
    const dump = join(ws.dir, "build.env");
    const run = await github.run({
      action: "build",
      workspace: ws.dir,
      inputs: { path: "app", name: "shop", upload: "false", command: 'env -0 > "$DUMP"' },
      env: stepEnv(dump),
      artifactEnv: RUNTIME,
      github: { ref: "refs/tags/v1.0.0" },
    });
    expect(errors(run)).toEqual([]);
    expect(run.exitCode).toBe(0);
    const env = dumped(dump);
    expectRunStepEnvironment(env);
    expect(env.FASTDEPLOY_VERSION).toBe("1.0.0");
  });

  it("distribute: deploy and undeploy commands see what a run: step would", async () => {
    await publishVersion(github, { version: "1.0.0" });
    const ws = workspace();
    const dump = join(ws.dir, "deploy.env");
    const base = { environment: "dev", version: "1.0.0", command: 'env -0 > "$DUMP"' };
    const deploy = await github.run({
      action: "distribute",
      workspace: ws.dir,
      inputs: base,
      env: { DEPLOY_LOG: ws.log, ...stepEnv(dump) },
      artifactEnv: RUNTIME,
    });
    expect(errors(deploy)).toEqual([]);
    expect(deploy.outputs.status).toBe("deployed");
    expectRunStepEnvironment(dumped(dump));
    expect(dumped(dump).FASTDEPLOY_TARGET).toBe("dev");

    const teardown = join(ws.dir, "undeploy.env");
    const undeploy = await runDistribute(
      github,
      ws,
      { ...base, undeploy: "true" },
      { ...stepEnv(teardown), ...RUNTIME },
    );
    expect(errors(undeploy)).toEqual([]);
    expect(undeploy.outputs.status).toBe("undeployed");
    expectRunStepEnvironment(dumped(teardown));
  });

  it("distribute: the health command sees what the deploy command does", async () => {
    await publishVersion(github, { version: "1.0.0" });
    const ws = workspace();
    const dump = join(ws.dir, "health.env");
    const run = await github.run({
      action: "distribute",
      workspace: ws.dir,
      inputs: {
        environment: "dev",
        version: "1.0.0",
        command: "true",
        "health-command": 'env -0 > "$DUMP"',
      },
      env: { DEPLOY_LOG: ws.log, ...stepEnv(dump) },
      artifactEnv: RUNTIME,
    });
    expect(errors(run)).toEqual([]);
    expect(run.outputs.status).toBe("deployed");
    const env = dumped(dump);
    expectRunStepEnvironment(env);
    expect(env).toMatchObject({
      FASTDEPLOY_TARGET: "dev",
      FASTDEPLOY_ENVIRONMENT: "dev",
      FASTDEPLOY_VERSION: "1.0.0",
    });
    expect(env.FASTDEPLOY_DEPLOYMENT_ID).toMatch(/^\d+$/);
  });
});
