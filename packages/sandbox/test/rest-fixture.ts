import { Octokit } from "@octokit/rest";
import { afterAll, afterEach, beforeAll } from "vitest";
import {
  DEFAULT_TOKEN,
  type Sandbox,
  type SandboxOptions,
  startSandbox,
} from "../src/rest/index.js";

/**
 * One sandbox per test file, reset between tests, with a real Octokit pointed at it. Every
 * test ends by asserting that no request or response broke GitHub's OpenAPI description.
 */
export function useSandbox(options: SandboxOptions = {}) {
  const fixture = {} as {
    sandbox: Sandbox;
    octokit: Octokit;
    repo: { owner: string; repo: string };
  };
  beforeAll(async () => {
    fixture.sandbox = await startSandbox(options);
    fixture.octokit = new Octokit({ auth: DEFAULT_TOKEN, baseUrl: fixture.sandbox.apiUrl });
    fixture.repo = { owner: "acme", repo: "app" };
  });
  afterEach(() => {
    const { sandbox } = fixture;
    try {
      sandbox.assertNoViolations();
    } finally {
      sandbox.reset();
      sandbox.createRepo("acme/app");
    }
  });
  afterAll(async () => {
    await fixture.sandbox?.close();
  });
  beforeAll(() => {
    fixture.sandbox.createRepo("acme/app");
  });
  return fixture;
}
