import type { LocalStartSettings } from "../commands/local-options.js";
import { EXIT_OK } from "../errors.js";
import { type Io, printJson } from "../io.js";
import { describeSeed, LOCAL_ADMIN, startSeededGitHub } from "./seeded-github.js";

/**
 * `fastdeploy local start`: a local GitHub seeded from the repository in the working
 * directory, until Ctrl-C. Its URL and a token go to stdout, so every other command can work
 * against it; printing the token is this command's purpose, and the token dies with it.
 */
export async function localStart(settings: LocalStartSettings, io: Io): Promise<number> {
  const github = await startSeededGitHub(settings, io);
  const stopped = untilStopped();
  try {
    describeSeed(github, settings, io);
    const variables = {
      GITHUB_API_URL: github.local.sandbox.apiUrl,
      GITHUB_TOKEN: github.tokenFor(LOCAL_ADMIN),
      GITHUB_REPOSITORY: github.seed.repository,
    };
    if (settings.json) printJson(io, variables);
    else
      io.stdout(
        Object.entries(variables)
          .map(([k, v]) => `${k}=${v}\n`)
          .join(""),
      );
    io.stderr(
      `Set these in another terminal and run any command against it, e.g. fastdeploy status --api-url ${github.local.sandbox.apiUrl}\nPress Ctrl-C to stop.\n`,
    );
    await stopped;
  } finally {
    await github.close();
  }
  io.stderr(
    settings.stateDir
      ? `Stopped; the local GitHub is saved in ${settings.stateDir}.\n`
      : "Stopped; the local GitHub is gone (pass --state DIR to keep it).\n",
  );
  return EXIT_OK;
}

/** Resolves on Ctrl-C (SIGINT) or SIGTERM. */
function untilStopped(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      resolve();
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
}
