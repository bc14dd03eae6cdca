export { CLI_VERSION, COMMANDS, runCli } from "./cli.js";
export { EXIT_FAILURE, EXIT_OK, EXIT_USAGE } from "./errors.js";
export type { Io } from "./io.js";
