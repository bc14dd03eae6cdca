// The CLI reference and the config reference stay in agreement with what they describe: every
// command and option of the CLI is in docs/cli.md and in its --help, and every key of
// docs/config.schema.json is in docs/configuration.md.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "@fastdeploy/sandbox";
import { describe, expect, it } from "vitest";
import { BIN_COMMANDS } from "../packages/cli/src/bin-commands.js";
import { COMMANDS } from "../packages/cli/src/cli.js";
import { COMMAND_HELP } from "../packages/cli/src/help.js";

const doc = (path: string) => readFileSync(join(REPO_ROOT, path), "utf8");

/** `--name` as a whole option: `--env` is not in `--environments`, nor `--to` in `--token`. */
const mentionsOption = (text: string, option: string) =>
  new RegExp(`--${option}(?![\\w-])`).test(text);

describe("docs/cli.md", () => {
  const cli = doc("docs/cli.md");

  it.each(Object.entries({ ...COMMANDS, ...BIN_COMMANDS }))(
    "documents %s and each of its options",
    (name, command) => {
      expect(cli).toContain(`### \`fastdeploy ${name}`);
      for (const option of Object.keys(command.options)) {
        expect(mentionsOption(cli, option), `docs/cli.md lacks --${option}`).toBe(true);
        expect(
          mentionsOption(COMMAND_HELP[name] ?? "", option),
          `help of ${name} lacks --${option}`,
        ).toBe(true);
      }
    },
  );

  it("tells an option from a longer one that starts with it", () => {
    expect(mentionsOption("--environments qa,prod --token x", "env")).toBe(false);
    expect(mentionsOption("--environments qa,prod --token x", "to")).toBe(false);
    expect(mentionsOption("rollback --env prod --to 1.2.3", "env")).toBe(true);
    expect(mentionsOption("`--to <version>`", "to")).toBe(true);
    expect(mentionsOption("--dry-run", "dry-run")).toBe(true);
  });

  it("documents the exit codes", () => {
    // Tables are aligned by the formatter, so cells may carry padding.
    expect(cli).toMatch(/\| `0` +\|[^\n]+\n\| `1` +\|[^\n]+\n\| `2` +\| Usage error/);
  });
});

describe("docs/configuration.md", () => {
  const page = doc("docs/configuration.md");
  const schema = JSON.parse(doc("docs/config.schema.json")) as {
    properties: Record<string, { properties?: Record<string, unknown> }>;
    $defs: { environment: { properties: Record<string, unknown> } };
  };

  it("describes every key of the JSON Schema", () => {
    const keys = [
      ...Object.keys(schema.properties),
      ...Object.keys(schema.properties.build?.properties ?? {}),
      ...Object.keys(schema.properties.deploy?.properties ?? {}),
      ...Object.keys(schema.$defs.environment.properties),
    ];
    expect(keys.length).toBeGreaterThan(20);
    for (const key of keys)
      expect(page, `docs/configuration.md lacks ${key}`).toMatch(
        new RegExp(`\\| \`${key.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\` +\\|`),
      );
  });
});
