#!/usr/bin/env node
// The `fastdeploy` bin (bundled to dist/cli/index.js). It adds `demo`, which needs the local
// GitHub sandbox from a checkout; the root action runs the same CLI without it.
import { COMMANDS, runCli } from "./cli.js";
import { DEMO_OPTIONS, demoCommand } from "./commands/demo.js";
import { processIo } from "./io.js";

const commands = {
  ...COMMANDS,
  demo: { options: DEMO_OPTIONS, positionals: { min: 0, max: 0, names: "" }, run: demoCommand },
};
process.exitCode = await runCli(process.argv.slice(2), processIo(), commands);
