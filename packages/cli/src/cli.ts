import { FastDeployError } from "@fastdeploy/core";
import {
  PROMOTE_OPTIONS,
  promoteCommand,
  ROLLBACK_OPTIONS,
  rollbackCommand,
} from "./commands/dispatch.js";
import { DOCTOR_OPTIONS, doctorCommand } from "./commands/doctor.js";
import { INIT_OPTIONS, initCommand } from "./commands/init.js";
import { STATUS_OPTIONS, statusCommand } from "./commands/status.js";
import { VERIFY_OPTIONS, verifyCommand } from "./commands/verify.js";
import { CliFailure, EXIT_FAILURE, EXIT_OK, EXIT_USAGE, UsageError } from "./errors.js";
import { COMMAND_HELP, MAIN_HELP } from "./help.js";
import type { Io } from "./io.js";
import { type OptionSpec, type ParsedArgs, parseCommand } from "./options.js";

export const CLI_VERSION = "0.1.0";

export interface Command {
  options: OptionSpec;
  positionals: { min: number; max: number; names: string };
  run(parsed: ParsedArgs, io: Io): Promise<number>;
}

const none = { min: 0, max: 0, names: "" };

/** Every command, by name; each lives in commands/<name>.ts. */
export const COMMANDS: Record<string, Command> = {
  init: { options: INIT_OPTIONS, positionals: none, run: initCommand },
  doctor: { options: DOCTOR_OPTIONS, positionals: none, run: doctorCommand },
  status: { options: STATUS_OPTIONS, positionals: none, run: statusCommand },
  verify: {
    options: VERIFY_OPTIONS,
    positionals: { min: 1, max: 1, names: "<version>" },
    run: verifyCommand,
  },
  promote: {
    options: PROMOTE_OPTIONS,
    positionals: { min: 1, max: 1, names: "<version>" },
    run: promoteCommand,
  },
  rollback: { options: ROLLBACK_OPTIONS, positionals: none, run: rollbackCommand },
};

/**
 * Runs one command line and returns the exit code. Nothing here calls process.exit, so tests
 * and the root action can run it in-process; main.ts sets the exit code.
 */
export async function runCli(
  argv: string[],
  io: Io,
  commands: Record<string, Command> = COMMANDS,
): Promise<number> {
  const [name, rest] = commandName(argv, commands);
  const secrets = secretValues(argv, io);
  try {
    if (name === undefined || name === "--help" || name === "-h") {
      io.stdout(`${MAIN_HELP}\n`);
      return name === undefined ? EXIT_USAGE : EXIT_OK;
    }
    if (name === "--version" || name === "-v") {
      io.stdout(`${CLI_VERSION}\n`);
      return EXIT_OK;
    }
    if (name === "help") return help(rest, io);
    const command = commands[name];
    if (!command) {
      const subcommands = Object.keys(commands).filter((c) => c.startsWith(`${name} `));
      if (subcommands.length > 0 && (rest[0] === "--help" || rest[0] === "-h")) {
        io.stdout(`${COMMAND_HELP[name]}\n`);
        return EXIT_OK;
      }
      if (subcommands.length > 0) {
        throw new UsageError(`${name} needs a subcommand: ${subcommands.join(", ")}`, name);
      }
      throw new UsageError(`unknown command "${name}"`);
    }
    const parsed = parseCommand(name, rest, command.options, command.positionals);
    if (parsed.values.help) {
      io.stdout(`${COMMAND_HELP[name]}\n`);
      return EXIT_OK;
    }
    return await command.run(parsed, io);
  } catch (error) {
    return report(error, io, secrets);
  }
}

/** A command's name: one word, or two for a group such as `local start`. */
function commandName(
  argv: string[],
  commands: Record<string, Command>,
): [string | undefined, string[]] {
  const [first, second, ...rest] = argv;
  if (first !== undefined && second !== undefined && commands[`${first} ${second}`]) {
    return [`${first} ${second}`, rest];
  }
  return [first, argv.slice(1)];
}

function help(args: string[], io: Io): number {
  const topic = args.length ? args.join(" ") : undefined;
  if (topic === undefined) {
    io.stdout(`${MAIN_HELP}\n`);
    return EXIT_OK;
  }
  const text = COMMAND_HELP[topic];
  if (!text) return report(new UsageError(`no help for unknown command "${topic}"`), io, []);
  io.stdout(`${text}\n`);
  return EXIT_OK;
}

/** One line on stderr, with the token scrubbed, and the documented exit code. */
function report(error: unknown, io: Io, secrets: string[]): number {
  const scrub = (text: string) => secrets.reduce((t, s) => t.split(s).join("***"), text);
  if (error instanceof UsageError) {
    const hint = error.command ? `fastdeploy ${error.command} --help` : "fastdeploy --help";
    io.stderr(scrub(`fastdeploy: ${error.message}\nSee \`${hint}\`.\n`));
    return EXIT_USAGE;
  }
  if (error instanceof CliFailure || error instanceof FastDeployError) {
    io.stderr(scrub(`fastdeploy: ${error.message}\n`));
    return EXIT_FAILURE;
  }
  const status = (error as { status?: number }).status;
  if (typeof status === "number") {
    io.stderr(scrub(`fastdeploy: ${apiHint(status, (error as Error).message)}\n`));
    return EXIT_FAILURE;
  }
  io.stderr(scrub(`fastdeploy: ${(error as Error)?.stack ?? String(error)}\n`));
  return EXIT_FAILURE;
}

function apiHint(status: number, message: string): string {
  if (status === 401)
    return "GitHub refused the token (401): check --token, GITHUB_TOKEN or GH_TOKEN.";
  if (status === 403) {
    return `GitHub answered 403 (${message}): the token lacks a permission this command needs (docs/security.md lists them).`;
  }
  if (status === 404) {
    return `GitHub answered 404 (${message}): check --repo, and that the token can see the repository.`;
  }
  return `GitHub answered ${status}: ${message}`;
}

/** The token values that must never reach the terminal, wherever they came from. */
function secretValues(argv: string[], io: Io): string[] {
  const values = [io.env.GITHUB_TOKEN, io.env.GH_TOKEN];
  argv.forEach((arg, i) => {
    if (arg === "--token") values.push(argv[i + 1]);
    if (arg.startsWith("--token=")) values.push(arg.slice("--token=".length));
  });
  return values.filter((v): v is string => typeof v === "string" && v.length >= 4);
}
