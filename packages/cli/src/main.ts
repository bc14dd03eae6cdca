#!/usr/bin/env node
// The `fastdeploy` bin (bundled to dist/cli/index.js, and packed as the `fastdeploy` npm
// package). It adds `demo` and `local`, which load the local GitHub and the engine on first
// use (bin-commands.ts); the root action runs the same CLI without them.
import { BIN_COMMANDS } from "./bin-commands.js";
import { COMMANDS, runCli } from "./cli.js";
import { processIo } from "./io.js";

process.exitCode = await runCli(process.argv.slice(2), processIo(), {
  ...COMMANDS,
  ...BIN_COMMANDS,
});
