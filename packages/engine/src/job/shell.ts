// How a `run:` step's script is started, as the runner's ScriptHandler does on Linux
// (actions/runner src/Runner.Worker/Handlers/ScriptHandler.cs, ScriptHandlerHelpers.cs):
// - no shell: `bash -e {0}` (bash found on PATH, else `sh -e {0}`);
// - a built-in name: bash → `bash --noprofile --norc -eo pipefail {0}`, sh → `sh -e {0}`,
//   python → `python {0}`, pwsh → `pwsh -command ". '{0}'"`;
// - anything else is a custom `command [options] {0}` template.
// Docs: https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-syntax#jobsjob_idstepsshell
import { randomUUID } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { findOnPath } from "@fastdeploy/commands";

/** A shell the step asks for that this machine cannot provide, or a template without {0}. */
export class ShellError extends Error {
  override name = "ShellError";
}

// ScriptHandlerHelpers._defaultArguments, with the runner's `-e -o pipefail` spelled the
// way the docs print it. `python` takes the script as its only argument (docs: `python {0}`).
const BUILT_IN_ARGUMENTS: Record<string, string> = {
  bash: "--noprofile --norc -eo pipefail {0}",
  sh: "-e {0}",
  python: "{0}",
  pwsh: "-command \". '{0}'\"",
  powershell: "-command \". '{0}'\"",
};

const EXTENSIONS: Record<string, string> = {
  bash: ".sh",
  sh: ".sh",
  python: ".py",
  pwsh: ".ps1",
  powershell: ".ps1",
};

export interface ShellCommand {
  /** The program, as found on PATH. */
  file: string;
  args: string[];
  /** What the runner prints as `shell: …` before the step's output. */
  display: string;
}

/**
 * Splits an argument string as the runner's process invoker does: whitespace separates,
 * double quotes group (and are dropped), `\"` is a literal quote.
 */
export function splitArguments(text: string): string[] {
  const args: string[] = [];
  let current = "";
  let quoted = false;
  let started = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i] as string;
    if (char === "\\" && text[i + 1] === '"') {
      current += '"';
      started = true;
      i++;
    } else if (char === '"') {
      quoted = !quoted;
      started = true;
    } else if (/\s/.test(char) && !quoted) {
      if (started) args.push(current);
      current = "";
      started = false;
    } else {
      current += char;
      started = true;
    }
  }
  if (started) args.push(current);
  return args;
}

/** The script as the runner writes it: pwsh gets its fail-fast prologue and exit epilogue. */
function fixUpScript(shellName: string, script: string): string {
  if (shellName === "pwsh" || shellName === "powershell") {
    return `$ErrorActionPreference = 'stop'\n${script}\nif ((Test-Path -LiteralPath variable:\\LASTEXITCODE)) { exit $LASTEXITCODE }`;
  }
  return script;
}

/**
 * Writes the step's script to `$RUNNER_TEMP/<uuid><ext>` and returns how to start it.
 * `path` is the PATH the step will run with (GITHUB_PATH additions first).
 */
export function prepareShell(
  shell: string | undefined,
  script: string,
  runnerTemp: string,
  path: string,
): ShellCommand {
  let shellName: string;
  let file: string | undefined;
  let argFormat: string;
  if (shell === undefined || shell.trim() === "") {
    shellName = "sh";
    file = findOnPath("bash", path) ?? findOnPath("sh", path);
    argFormat = BUILT_IN_ARGUMENTS.sh as string;
    if (!file) {
      throw new ShellError(
        "Neither bash nor sh was found on PATH, and a run step without `shell:` needs one of them.",
      );
    }
  } else {
    const trimmed = shell.trim();
    const space = trimmed.indexOf(" ");
    shellName = space < 0 ? trimmed : trimmed.slice(0, space);
    const given = space < 0 ? "" : trimmed.slice(space + 1).trimStart();
    argFormat = given || BUILT_IN_ARGUMENTS[shellName] || "";
    // The runner looks the program up first (WhichUtil.Which, required), then checks {0}.
    file = findOnPath(shellName, path);
    if (!file) {
      throw new ShellError(
        `The shell '${shellName}' (from \`shell: ${shell}\`) is not installed on this machine: it is not on PATH. Install it, or use a shell this machine has, such as bash, sh or a '{0}' template naming an installed program.`,
      );
    }
    if (!argFormat.includes("{0}")) {
      throw new ShellError(
        `Invalid shell option '${shell}'. Shell must be a valid built-in (bash, sh, python, pwsh) or a format string containing '{0}', such as 'perl {0}'.`,
      );
    }
  }
  const scriptPath = join(runnerTemp, `${randomUUID()}${EXTENSIONS[shellName] ?? ""}`);
  // No BOM: it breaks shebang-less scripts on Linux, as the runner notes.
  writeFileSync(scriptPath, fixUpScript(shellName, script));
  const formatted = argFormat.split("{0}").join(scriptPath.replace(/"/g, '\\"'));
  return { file, args: splitArguments(formatted), display: `${file} ${argFormat}` };
}
