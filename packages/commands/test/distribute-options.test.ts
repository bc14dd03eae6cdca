import { loadConfig } from "@fastdeploy/core";
import { describe, expect, it } from "vitest";
import {
  DistributeOptionsError,
  parseApprovalRecord,
  resolveDistributeOptions,
} from "../src/distribute-options.js";

const repo = { owner: "acme", repo: "shop" };
const CONFIG = loadConfig(`
tag-prefix: rel-
deploy:
  command: ./deploy.sh
  parallel: 8
  health-timeout: 120
environments:
  - name: qa
    targets: [qa-1, qa-2]
    health-url: https://{target}.qa.example/health
    url: https://qa.example
  - name: Live
    after: [qa]
    production: true
    parallel: 2
    health-timeout: 30
    command: ./deploy-live.sh
    freeze:
      - { from: "Fri 16:00", to: "Mon 08:00", timezone: Europe/Madrid }
`);

describe("resolveDistributeOptions", () => {
  it("takes the rollout from the file, and the waves and bake inputs over it", () => {
    const config = loadConfig(`
deploy: { command: ./deploy.sh, undeploy-command: ./down.sh }
environments:
  - name: prod
    targets: [a, b, c, d]
    rollout: { waves: [1, 50%], bake: 10m }
    health-command: ./slo.sh
`);
    const base = { environment: "prod", version: "1.0.0" };
    expect(resolveDistributeOptions(repo, config, base)).toMatchObject({
      rollout: { waves: [{ count: 1 }, { percent: 50 }], bakeMs: 600_000 },
      healthCommand: "./slo.sh",
      undeployCommand: "./down.sh",
    });
    expect(
      resolveDistributeOptions(repo, config, { ...base, waves: [{ count: 2 }], bakeMs: 0 }).rollout,
    ).toEqual({ waves: [{ count: 2 }], bakeMs: 0 });
    // A bake alone is one wave of every target; no rollout for a rollback or an undeploy.
    expect(resolveDistributeOptions(repo, CONFIG, { ...base, bakeMs: 5_000 }).rollout).toEqual({
      waves: [{ percent: 100 }],
      bakeMs: 5_000,
    });
    expect(
      resolveDistributeOptions(repo, config, { ...base, rollback: { from: "1.1.0", reason: "r" } }),
    ).not.toHaveProperty("rollout");
    expect(resolveDistributeOptions(repo, CONFIG, base)).not.toHaveProperty("rollout");
  });

  it("falls back from inputs to the environment's entry to deploy: to the defaults", () => {
    const qa = resolveDistributeOptions(repo, CONFIG, { environment: "qa", version: "1.0.0" });
    expect(qa).toMatchObject({
      command: "./deploy.sh",
      targets: ["qa-1", "qa-2"],
      parallel: 8,
      healthUrl: "https://{target}.qa.example/health",
      healthTimeoutMs: 120_000,
      environmentUrl: "https://qa.example",
      production: false,
      requireTag: false,
      after: [],
      freeze: [],
      tagPrefix: "rel-",
      rollbackOnFailure: true,
      force: false,
      allowDowngrade: false,
      undeploy: false,
      approval: null,
    });
    // Environment names are case-insensitive, as on GitHub.
    const live = resolveDistributeOptions(repo, CONFIG, { environment: "live", version: "1.0.0" });
    expect(live).toMatchObject({
      command: "./deploy-live.sh",
      targets: ["Live"],
      parallel: 2,
      healthTimeoutMs: 30_000,
      production: true,
      requireTag: true,
      after: ["qa"],
    });
    expect(live.freeze).toHaveLength(1);

    const given = resolveDistributeOptions(repo, CONFIG, {
      environment: "qa",
      version: "1.0.0",
      command: "make deploy",
      targets: ["x"],
      parallel: 1,
      healthTimeoutSeconds: 5,
      healthUrl: "http://127.0.0.1:1/{target}",
      environmentUrl: "https://elsewhere.example",
      production: true,
      after: ["dev"],
      rollbackOnFailure: false,
      force: true,
      reason: "hotfix",
    });
    expect(given).toMatchObject({
      command: "make deploy",
      targets: ["x"],
      parallel: 1,
      healthTimeoutMs: 5_000,
      healthUrl: "http://127.0.0.1:1/{target}",
      environmentUrl: "https://elsewhere.example",
      production: true,
      requireTag: true,
      after: ["dev"],
      rollbackOnFailure: false,
      force: true,
      reason: "hotfix",
    });
  });

  it("defaults without a config: one target named after the environment, prod by name", () => {
    const config = loadConfig(undefined);
    const prod = resolveDistributeOptions(repo, config, {
      environment: "production",
      version: "1.0.0",
      command: "true",
    });
    expect(prod).toMatchObject({
      targets: ["production"],
      parallel: 4,
      healthTimeoutMs: 60_000,
      production: true,
      requireTag: true,
      tagPrefix: "v",
    });
    expect(
      resolveDistributeOptions(repo, config, {
        environment: "dev",
        version: "1.0.0",
        command: "true",
      }).production,
    ).toBe(false);
  });

  it.each([
    [{ command: undefined }, /No deploy command for dev: set the command input/],
    [{ undeploy: true, command: undefined }, /No teardown command/],
    [
      { version: "v1.0.0" },
      /"v1\.0\.0" is not a SemVer version; give the published version without the tag prefix/,
    ],
    [{ targets: [] }, /targets is empty/],
    [{ targets: ["a", "a"] }, /"a" is listed twice/],
    [{ targets: ["../etc"] }, /target "\.\.\/etc" must be/],
    [{ parallel: 0 }, /parallel must be a whole number from 1 to 256/],
    [{ healthUrl: "ftp://x/{target}" }, /health-url .* must be an http\(s\) URL/],
    [{ undeploy: true, rollback: { from: "1.1.0", reason: "x" } }, /cannot be combined/],
  ])("refuses %o", (inputs, message) => {
    const config = loadConfig(undefined);
    expect(() =>
      resolveDistributeOptions(repo, config, {
        environment: "dev",
        version: "1.0.0",
        command: "true",
        ...inputs,
      }),
    ).toThrow(message);
  });
});

describe("parseApprovalRecord", () => {
  it("keeps approvers and checks, drops the rest", () => {
    const record = parseApprovalRecord(
      JSON.stringify({
        approved: true,
        environment: "prod",
        approvers: [{ login: "ana", comment: "ship it", at: "2026-01-01T00:00:00Z", id: 7 }, "bob"],
        checks: ["ci", 3],
      }),
      "FASTDEPLOY_APPROVAL",
    );
    expect(record).toEqual({
      approvers: [
        { login: "ana", comment: "ship it", at: "2026-01-01T00:00:00Z" },
        { login: "bob" },
      ],
      checks: ["ci"],
    });
    expect(parseApprovalRecord("  ", "x")).toBeNull();
    expect(parseApprovalRecord("null", "x")).toBeNull();
  });

  it.each([
    ["{", /not JSON/],
    ["[]", /not an object/],
    ['{"approvers": {}}', /approvers is not a list/],
    ['{"approvers": [{"comment": "x"}]}', /approvers\[0\] has no login/],
  ])("refuses %s", (text, message) => {
    expect(() => parseApprovalRecord(text, "FASTDEPLOY_APPROVAL")).toThrow(DistributeOptionsError);
    expect(() => parseApprovalRecord(text, "FASTDEPLOY_APPROVAL")).toThrow(message);
  });
});
