import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import * as core from "@actions/core";
import type { Log } from "@fastdeploy/commands";
import { type FastDeployConfig, loadConfig } from "@fastdeploy/core";
import { createGitHubClient, type GitHubClient, pacingFromEnv } from "@fastdeploy/github";
import { type RunContext, readRunContext } from "./context.js";
import { repositoryInput, tokenInput } from "./inputs.js";

/** The workflow log as a command's Log port. */
export const actionLog: Log = {
  info: (m) => core.info(m),
  warning: (m) => core.warning(m),
  debug: (m) => core.debug(m),
  group: (title, run) => core.group(title, run),
};

/** Reads the `config` input's file relative to the workspace; a missing file means defaults. */
export async function readConfig(context: RunContext): Promise<FastDeployConfig> {
  const path = core.getInput("config") || ".github/fastdeploy.yml";
  let text: string | undefined;
  try {
    text = await readFile(resolve(context.workspace, path), "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  return loadConfig(text, path);
}

export interface ActionSetup {
  context: RunContext;
  config: FastDeployConfig;
  repo: { owner: string; repo: string };
}

export async function setupAction(): Promise<ActionSetup> {
  const context = readRunContext();
  const repo = repositoryInput();
  const config = await readConfig(context);
  return { context, config, repo };
}

/** The GitHub client for the `token` input, against GITHUB_API_URL (GHES aware). */
export function githubClient(context: RunContext): GitHubClient {
  return createGitHubClient({
    token: tokenInput(),
    apiUrl: context.apiUrl,
    userAgent: "fastdeploy-action",
    warn: (m) => core.warning(m),
    debug: (m) => core.debug(m),
    ...definedOnly(pacingFromEnv()),
  });
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
