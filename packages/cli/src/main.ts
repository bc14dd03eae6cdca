#!/usr/bin/env node
// The `fastdeploy` bin (bundled to dist/cli/index.js, and packed as the `fastdeploy` npm
// package). It adds `demo`, which loads the local GitHub sandbox on first use; the root action
// runs the same CLI without it.
import { COMMANDS, runCli } from "./cli.js";
import { DEMO_OPTIONS, demoCommand } from "./commands/demo.js";
import { processIo } from "./io.js";

const commands = {
  ...COMMANDS,
  demo: { options: DEMO_OPTIONS, positionals: { min: 0, max: 0, names: "" }, run: demoCommand },
};
process.exitCode = await runCli(process.argv.slice(2), processIo(), commands);
