import { execFileSync } from "node:child_process";
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { parseDocument, type YAMLMap, type YAMLSeq } from "yaml";
import { runCli } from "../cli.js";
import { CliFailure } from "../errors.js";

/**
 * The demo's sample repository, made as a user would: a tiny service in git, `fastdeploy init`
 * for the config and the starter workflows, then health URLs added to the config. The deploy
 * script installs a release into a directory per target, which the health server reads;
 * version 1.1.0 ships a health check that fails in production, so the demo shows an automatic
 * rollback.
 */

export interface SampleRepository {
  dir: string;
  /** Commits every change as `author` and returns the new commit's sha. */
  commit(message: string): string;
  /** An annotated release tag on the head commit. */
  tag(name: string): void;
  /** Writes the app files of `version`. */
  writeApp(version: string): void;
}

export async function createSampleRepository(
  dir: string,
  options: { targetsDir: string; healthPort: number; author: string },
): Promise<SampleRepository> {
  mkdirSync(dir, { recursive: true });
  const env = {
    ...process.env,
    GIT_AUTHOR_NAME: options.author,
    GIT_AUTHOR_EMAIL: `${options.author}@example.com`,
    GIT_COMMITTER_NAME: options.author,
    GIT_COMMITTER_EMAIL: `${options.author}@example.com`,
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_CONFIG_GLOBAL: "/dev/null",
  };
  const git = (...args: string[]) => {
    try {
      return execFileSync("git", args, { cwd: dir, env, encoding: "utf8" }).trim();
    } catch (error) {
      throw new CliFailure(
        `the demo needs git on PATH to make its sample repository: git ${args[0]} failed (${(error as Error).message.split("\n")[0]})`,
      );
    }
  };
  git("init", "--quiet", "--initial-branch=main");
  git("remote", "add", "origin", "https://github.com/acme/shop.git");
  const repository: SampleRepository = {
    dir,
    commit: (message) => {
      git("add", "-A");
      git("commit", "--quiet", "-m", message);
      return git("rev-parse", "HEAD");
    },
    tag: (name) => {
      git("tag", "-a", name, "-m", `Release ${name}`);
    },
    writeApp: (version) => writeApp(dir, version),
  };
  repository.writeApp("1.0.0");
  await init(dir, options.targetsDir);
  addHealthChecks(join(dir, ".github/fastdeploy.yml"), options.healthPort);
  return repository;
}

function writeApp(dir: string, version: string): void {
  const files: Record<string, string> = {
    "app/index.js": `console.log("shop ${version} listening");\n`,
    "app/health.json": `${JSON.stringify(
      { version, prod: version === "1.1.0" ? "failing: checkout-v2 needs a migration" : "ok" },
      null,
      2,
    )}\n`,
    "app/deploy.sh": [
      "#!/bin/sh",
      "# Installs the release into the target's directory, as an rsync or kubectl apply would.",
      'dest="$1/$FASTDEPLOY_ENVIRONMENT/$FASTDEPLOY_TARGET"',
      'mkdir -p "$dest"',
      'cp -R app/. "$dest/"',
      'echo "deployed $FASTDEPLOY_VERSION to $FASTDEPLOY_ENVIRONMENT/$FASTDEPLOY_TARGET (was $FASTDEPLOY_PREVIOUS_VERSION)"',
      "",
    ].join("\n"),
  };
  for (const [path, content] of Object.entries(files)) {
    const abs = join(dir, path);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, content);
    if (path.endsWith(".sh")) chmodSync(abs, 0o755);
  }
}

/** `fastdeploy init` itself writes the config and the starter workflows. */
async function init(dir: string, targetsDir: string): Promise<void> {
  let output = "";
  const code = await runCli(
    [
      "init",
      "--dir",
      dir,
      "--name",
      "shop",
      "--path",
      "app",
      "--deploy-command",
      `sh app/deploy.sh '${targetsDir}'`,
    ],
    {
      stdout: (t) => {
        output += t;
      },
      stderr: (t) => {
        output += t;
      },
      env: {},
      cwd: dir,
    },
  );
  if (code !== 0) throw new CliFailure(`fastdeploy init failed in the demo:\n${output}`);
}

/**
 * Each environment checks its targets' health after a deploy; production has two targets and,
 * unlike a real service, a few seconds to come up, so the failing release is seen quickly.
 */
function addHealthChecks(configFile: string, port: number): void {
  const doc = parseDocument(readFileSync(configFile, "utf8"));
  const environments = doc.get("environments") as YAMLSeq<YAMLMap>;
  for (const env of environments.items) {
    const name = String(env.get("name"));
    env.set("health-url", `http://127.0.0.1:${port}/${name}/{target}/health`);
    if (env.get("production")) {
      env.set("targets", doc.createNode(["eu-1", "us-1"], { flow: true }));
      env.set("health-timeout", 4);
    }
  }
  writeFileSync(configFile, doc.toString());
}
