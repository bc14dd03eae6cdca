import { spawn } from "node:child_process";
import { accessSync, constants, statSync } from "node:fs";
import { delimiter, isAbsolute, join } from "node:path";

export interface DeployShell {
  file: string;
  /** Arguments before the command text. */
  args: string[];
}

/**
 * The shell a `run:` step gets (docs.github.com/actions/reference/workflows-and-actions/
 * workflow-syntax#jobsjob_idstepsshell): `bash --noprofile --norc -eo pipefail`, found on
 * PATH, which on a Windows runner is the bash of Git for Windows; where there is no bash
 * (a slim container, a minimal self-hosted runner) the runner falls back to `sh -e`, and so
 * do we. Windows without bash has no POSIX shell to fall back to.
 */
export function deployShell(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): DeployShell {
  // A fan-out asks once per target: look the PATH up once per PATH.
  const key = `${platform}\0${env.PATH ?? env.Path ?? ""}`;
  let shell = shells.get(key);
  if (!shell) {
    shell = findDeployShell(env, platform);
    shells.set(key, shell);
  }
  return shell;
}

const shells = new Map<string, DeployShell>();

function findDeployShell(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): DeployShell {
  const bash = findProgram("bash", env, platform);
  if (bash) {
    return { file: bash, args: ["--noprofile", "--norc", "-eo", "pipefail", "-c"] };
  }
  if (platform === "win32") {
    throw new Error(
      "no bash on PATH: deploy commands run in bash, which Windows runners get from Git for Windows. Install Git for Windows or run the job on Linux or macOS.",
    );
  }
  return { file: findProgram("sh", env, platform) ?? "/bin/sh", args: ["-e", "-c"] };
}

function findProgram(
  name: string,
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform,
): string | undefined {
  return findOnPath(name, env.PATH ?? env.Path ?? "", platform);
}

/**
 * The program `command` names, found as a shell finds it: a path (it holds a `/`) as it is,
 * else the first executable regular file of that name in `path`'s directories (`<name>.exe`
 * on Windows). The answer is absolute. Shared by deploy commands and the local engine's steps.
 */
export function findOnPath(
  command: string,
  path: string,
  platform: NodeJS.Platform = process.platform,
): string | undefined {
  const name = platform === "win32" && !command.endsWith(".exe") ? `${command}.exe` : command;
  const candidates = command.includes("/")
    ? [command]
    : path
        .split(platform === "win32" ? ";" : delimiter)
        .filter(Boolean)
        .map((dir) => join(dir, name));
  for (const candidate of candidates) {
    try {
      if (!statSync(candidate).isFile()) continue;
      accessSync(candidate, constants.X_OK);
      return isAbsolute(candidate) ? candidate : join(process.cwd(), candidate);
    } catch {}
  }
  return undefined;
}

/**
 * Signals a command's whole process tree. On Linux and macOS the command leads its own
 * process group (it was started detached), so one kill reaches everything it started, even
 * what outlived its parent. Windows has no process groups: `taskkill /T` walks the tree from
 * the shell, and always kills (Windows has no SIGTERM to ask nicely with).
 */
export function stopProcessTree(pid: number, signal: NodeJS.Signals): void {
  if (process.platform === "win32") {
    spawn("taskkill", ["/pid", String(pid), "/T", "/F"], { stdio: "ignore", windowsHide: true })
      .on("error", () => {})
      .unref();
    return;
  }
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is gone already.
  }
}
