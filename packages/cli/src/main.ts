#!/usr/bin/env node
// The `fastdeploy` bin (bundled to dist/cli/index.js).
import { runCli } from "./cli.js";
import { processIo } from "./io.js";

process.exitCode = await runCli(process.argv.slice(2), processIo());
