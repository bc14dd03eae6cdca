import { isValidVersion, versionFromInput } from "@fastdeploy/core";
import type { GitHubClient, RepoRef } from "@fastdeploy/github";
import { CliFailure, EXIT_OK, UsageError } from "../errors.js";
import { type Io, printJson } from "../io.js";
import { connect, flag, type ParsedArgs, readLocalConfig, stringOption } from "../options.js";

export const PROMOTE_OPTIONS = {
  to: { type: "string" },
  force: { type: "boolean" },
  reason: { type: "string" },
  ref: { type: "string" },
  workflow: { type: "string" },
} as const;

export const ROLLBACK_OPTIONS = {
  env: { type: "string" },
  to: { type: "string" },
  reason: { type: "string" },
  force: { type: "boolean" },
  ref: { type: "string" },
  workflow: { type: "string" },
} as const;

const ENVIRONMENT_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,254}$/;

/** `fastdeploy promote <version> --to <env>`: dispatches promote.yml and prints the run URL. */
export async function promoteCommand(parsed: ParsedArgs, io: Io): Promise<number> {
  const version = normaliseVersion(parsed.positionals[0] ?? "", "promote");
  const environment = requireEnvironment(stringOption(parsed, "to"), "--to", "promote");
  await checkConfiguredEnvironment(parsed, io, environment, "--to", "promote");
  return dispatch(parsed, io, "promote", stringOption(parsed, "workflow") ?? "promote.yml", {
    version,
    environment,
    ...forceInputs(parsed, "promote"),
  });
}

/** `fastdeploy rollback --env <env> [--to <version>] [--reason <text>]`: dispatches rollback.yml. */
export async function rollbackCommand(parsed: ParsedArgs, io: Io): Promise<number> {
  const environment = requireEnvironment(stringOption(parsed, "env"), "--env", "rollback");
  await checkConfiguredEnvironment(parsed, io, environment, "--env", "rollback");
  const to = stringOption(parsed, "to");
  const version =
    to === undefined || to === "previous" ? "previous" : normaliseVersion(to, "rollback");
  const reason = stringOption(parsed, "reason");
  return dispatch(parsed, io, "rollback", stringOption(parsed, "workflow") ?? "rollback.yml", {
    environment,
    version,
    ...(reason ? { reason } : {}),
    ...forceInputs(parsed, "rollback"),
  });
}

/**
 * The runbook's override: `--force` needs `--reason`, and both reach the workflow's `force`
 * and `reason` inputs, so the deployment records why. Without --force no input is sent: an
 * older workflow file without a `force` input still dispatches.
 */
function forceInputs(parsed: ParsedArgs, command: string): Record<string, string> {
  if (!flag(parsed, "force")) return {};
  const reason = stringOption(parsed, "reason")?.trim();
  if (!reason) {
    throw new UsageError(
      `--force needs --reason "<why>": the reason is recorded in the deployment`,
      command,
    );
  }
  return { force: "true", reason };
}

/**
 * When the repository has a config file, the environment must be one it lists: a typo
 * (`--to staging` where the file says `stage`) fails here instead of in a dispatched run.
 */
async function checkConfiguredEnvironment(
  parsed: ParsedArgs,
  io: Io,
  environment: string,
  option: string,
  command: string,
): Promise<void> {
  const config = await readLocalConfig(parsed, io.cwd);
  const names = config?.environments.map((e) => e.name) ?? [];
  if (!names.length || names.some((n) => n.toLowerCase() === environment.toLowerCase())) return;
  throw new UsageError(
    `${option} "${environment}" is not an environment in ${stringOption(parsed, "config") ?? ".github/fastdeploy.yml"}, which lists ${names.join(", ")}`,
    command,
  );
}

function normaliseVersion(text: string, command: string): string {
  const version = versionFromInput(text);
  if (!isValidVersion(version)) {
    throw new UsageError(`"${text}" is not a SemVer version such as 1.2.3`, command);
  }
  return version;
}

function requireEnvironment(value: string | undefined, option: string, command: string): string {
  if (!value) throw new UsageError(`${option} <environment> is required`, command);
  if (!ENVIRONMENT_NAME.test(value)) {
    throw new UsageError(`${option} "${value}" is not an environment name`, command);
  }
  return value;
}

interface DispatchAnswer {
  workflow_run_id?: number;
  run_url?: string;
  html_url?: string;
}

/**
 * POST …/actions/workflows/{file}/dispatches with return_run_details, on the default branch
 * unless --ref says otherwise (the workflow file must exist at that ref). GitHub answers 200
 * with the run; servers without run details (older GHES) answer 204.
 */
async function dispatch(
  parsed: ParsedArgs,
  io: Io,
  command: string,
  workflow: string,
  inputs: Record<string, string>,
): Promise<number> {
  const { client, repo } = connect(parsed, io, command);
  const ref = stringOption(parsed, "ref") ?? (await defaultBranch(client, repo));
  io.stderr(`Dispatching ${workflow} on ${ref} of ${repo.owner}/${repo.repo}…\n`);
  let answer: DispatchAnswer;
  try {
    const response = await client.request(
      "POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches",
      { ...repo, workflow_id: workflow, ref, inputs, return_run_details: true },
    );
    answer = (response.status === 200 ? response.data : {}) as DispatchAnswer;
  } catch (error) {
    const status = (error as { status?: number }).status;
    const message = (error as { response?: { data?: { message?: string } } }).response?.data
      ?.message;
    if (status === 404) {
      throw new CliFailure(
        `Workflow ${workflow} was not found in ${repo.owner}/${repo.repo}: run fastdeploy init, commit .github/workflows/${workflow} and push it (or pass --workflow).`,
      );
    }
    if (status === 422) {
      throw new CliFailure(
        `GitHub refused to start ${workflow}: ${message ?? "validation failed"}.`,
      );
    }
    throw error;
  }
  const result = {
    workflow,
    ref,
    inputs,
    run_id: answer.workflow_run_id ?? null,
    run_url: answer.html_url ?? null,
    api_url: answer.run_url ?? null,
  };
  if (flag(parsed, "json")) {
    printJson(io, result);
    return EXIT_OK;
  }
  if (result.run_url) {
    io.stdout(`${result.run_url}\n`);
  } else {
    io.stdout(
      `Dispatched ${workflow} on ${ref}; this server does not return run details, see the Actions tab.\n`,
    );
  }
  return EXIT_OK;
}

async function defaultBranch(client: GitHubClient, repo: RepoRef): Promise<string> {
  const { data } = await client.rest.repos.get({ ...repo });
  return data.default_branch;
}
