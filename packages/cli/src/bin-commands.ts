import type { Command } from "./cli.js";
import {
  LOCAL_RUN_OPTIONS,
  LOCAL_START_OPTIONS,
  localRunSettings,
  localStartSettings,
} from "./commands/local-options.js";

export const DEMO_OPTIONS = {
  dir: { type: "string" },
} as const;

/**
 * The commands only the `fastdeploy` bin offers: they start a local GitHub. Each loads the
 * local GitHub and the engine through import() when it runs, so the commands that talk to
 * real GitHub (and the root action, which runs the same CLI) never load them.
 */
export const BIN_COMMANDS: Record<string, Command> = {
  demo: {
    options: DEMO_OPTIONS,
    positionals: { min: 0, max: 0, names: "" },
    run: async (parsed, io) => (await import("./commands/demo.js")).demoCommand(parsed, io),
  },
  "local start": {
    options: LOCAL_START_OPTIONS,
    positionals: { min: 0, max: 0, names: "" },
    run: async (parsed, io) =>
      (await import("./local/start.js")).localStart(localStartSettings(parsed, io), io),
  },
  "local run": {
    options: LOCAL_RUN_OPTIONS,
    positionals: { min: 1, max: 1, names: "<event>" },
    run: async (parsed, io) =>
      (await import("./local/run.js")).localRun(localRunSettings(parsed, io), io),
  },
};
