import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { ConfigError, defaultConfig, loadConfig } from "../src/index.js";
import { publishedSchema } from "./schema-validator.js";

const FILE = ".github/fastdeploy.yml";

// The example of DESIGN.md section 3, verbatim.
const EXAMPLE = `name: my-app
build:
  command: npm ci && npm run build
  path: dist
deploy:
  command: ./scripts/deploy.sh
environments:
  - name: dev
    auto-deploy: { branches: [main] }      # which pushes deploy here without asking
  - name: staging
    auto-deploy: { branches: [develop] }
  - name: qa
    after: [dev]
  - name: prod
    after: [qa]
    production: true
    require-tag: true
    require-review: true
    targets: [eu-1, us-1]
    health-url: https://{target}.example.com/health
    freeze:
      - { from: "Fri 16:00", to: "Mon 08:00", timezone: Europe/Madrid }
`;

function errorOf(text: string): ConfigError {
  try {
    loadConfig(text, FILE);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error("expected a ConfigError");
}

describe("loadConfig", () => {
  const schema = publishedSchema("config.schema.json");

  it("reads the DESIGN.md example with defaults applied", () => {
    const config = loadConfig(EXAMPLE, FILE);
    expect(schema(parse(EXAMPLE))).toBe(true);
    expect(config.name).toBe("my-app");
    expect(config.tagPrefix).toBe("v");
    expect(config.build).toEqual({ command: "npm ci && npm run build", path: ["dist"] });
    expect(config.deploy).toEqual({ command: "./scripts/deploy.sh" });
    expect(config.environments.map((e) => e.name)).toEqual(["dev", "staging", "qa", "prod"]);
    const [dev, , qa, prod] = config.environments;
    expect(dev).toMatchObject({
      autoDeploy: { branches: ["main"], tags: [] },
      after: [],
      production: false,
      requireTag: false,
      targets: ["dev"],
      line: 8,
    });
    expect(qa!.after).toEqual(["dev"]);
    expect(prod).toMatchObject({
      production: true,
      requireTag: true,
      requireReview: true,
      targets: ["eu-1", "us-1"],
      healthUrl: "https://{target}.example.com/health",
      freeze: [
        {
          from: { kind: "weekly", day: 5, hour: 16, minute: 0 },
          to: { kind: "weekly", day: 1, hour: 8, minute: 0 },
          timezone: "Europe/Madrid",
        },
      ],
    });
  });

  it("gives defaults for a missing file, and refuses one that exists but says nothing", () => {
    expect(loadConfig(undefined, FILE)).toEqual(defaultConfig());
    for (const empty of ["", "# only a comment\n", "{}\n"]) {
      expect(() => loadConfig(empty, FILE)).toThrow(
        /the file is empty; write at least its environments .* or delete it to use the defaults/,
      );
    }
  });

  it("says a list is allowed too where a path is not a string", () => {
    expect(() => loadConfig("build:\n  path: 5\n", FILE)).toThrow(
      /build\.path: must be a non-empty string or a list of strings/,
    );
  });

  it("treats an environment named prod as production requiring a tag", () => {
    const config = loadConfig("environments:\n  - name: Production\n", FILE);
    expect(config.environments[0]).toMatchObject({ production: true, requireTag: true });
  });

  it("reads the optional keys", () => {
    const text = `tag-prefix: ""
build: { path: [dist, "bin/*"], working-directory: app }
deploy: { parallel: 8, health-timeout: 30 }
environments:
  - name: dev
    auto-deploy: { tags: ["v*"] }
    required-checks: test
    parallel: 2
    health-timeout: 10
    command: make deploy
    url: https://dev.example.com
    freeze: [{ from: "2026-12-24 18:00", to: "2026-12-27 08:00" }]
`;
    const config = loadConfig(text, FILE);
    expect(schema(parse(text))).toBe(true);
    expect(config.tagPrefix).toBe("");
    expect(config.build).toEqual({ path: ["dist", "bin/*"], workingDirectory: "app" });
    expect(config.deploy).toEqual({ parallel: 8, healthTimeout: 30 });
    expect(config.environments[0]).toMatchObject({
      requiredChecks: ["test"],
      parallel: 2,
      healthTimeout: 10,
      command: "make deploy",
      url: "https://dev.example.com",
      freeze: [{ from: { kind: "date", date: "2026-12-24" }, timezone: "UTC" }],
    });
  });

  it("resolves YAML anchors", () => {
    const text =
      "environments:\n  - name: a\n    targets: &t [x, y]\n  - name: b\n    targets: *t\n";
    expect(loadConfig(text, FILE).environments[1]!.targets).toEqual(["x", "y"]);
  });

  // [what is wrong, YAML, line, column, message]; each is also refused by the published schema
  // unless marked loader-only.
  const cases: [string, string, number, number, RegExp, boolean][] = [
    [
      "unknown root key",
      "name: a\nbuidl: {}\n",
      2,
      1,
      /buidl: unknown key; did you mean "build"\?/,
      true,
    ],
    [
      "unknown env key",
      "environments:\n  - name: a\n    targets: [x]\n    helth-url: x\n",
      4,
      5,
      /environments\[0\]\.helth-url: unknown key; did you mean "health-url"/,
      true,
    ],
    ["wrong type", "name: [a]\n", 1, 7, /name: must be a non-empty string/, true],
    [
      "boolean as string",
      'environments:\n  - name: a\n    production: "yes"\n',
      3,
      17,
      /production: must be true or false/,
      true,
    ],
    [
      "missing name",
      "environments:\n  - after: []\n",
      2,
      5,
      /environments\[0\]: is missing "name"/,
      true,
    ],
    ["not a list", "environments:\n  name: a\n", 2, 3, /environments: must be a list/, true],
    [
      "bad parallel",
      "deploy:\n  parallel: 0\n",
      2,
      13,
      /deploy\.parallel: must be a whole number from 1 to 256/,
      true,
    ],
    [
      "bad url",
      "environments:\n  - name: a\n    health-url: ftp://x\n",
      3,
      17,
      /must be an http\(s\) URL/,
      true,
    ],
    [
      "bad target",
      'environments:\n  - name: a\n    targets: [ok, "no way"]\n',
      3,
      19,
      /targets\[1\]: "no way" must be/,
      true,
    ],
    [
      "duplicate target",
      "environments:\n  - name: a\n    targets: [x, x]\n",
      3,
      18,
      /"x" is listed twice/,
      true,
    ],
    [
      "bad freeze time",
      'environments:\n  - name: a\n    freeze: [{ from: "Fry 16:00", to: "Mon 08:00" }]\n',
      3,
      22,
      /freeze\[0\]\.from: "Fry 16:00" must be a weekday and time/,
      true,
    ],
    ["bad name", "name: ../x\n", 1, 7, /name: use 1-100 letters/, true],
    [
      "after unknown",
      "environments:\n  - name: dev\n  - name: prod\n    after: [qa]\n",
      4,
      13,
      /"qa" is not an environment listed above "prod"/,
      false,
    ],
    [
      "after later",
      "environments:\n  - name: dev\n    after: [prod]\n  - name: prod\n",
      3,
      13,
      /"prod" is not an environment listed above "dev"/,
      false,
    ],
    [
      "after itself",
      "environments:\n  - name: dev\n    after: dev\n",
      3,
      12,
      /"dev" cannot come after itself/,
      false,
    ],
    [
      "duplicate environment",
      "environments:\n  - name: dev\n  - name: DEV\n",
      3,
      11,
      /"DEV" is already defined on line 2/,
      false,
    ],
    [
      "production without tag",
      "environments:\n  - name: prod\n    require-tag: false\n",
      3,
      18,
      /production environment always deploys release tags/,
      false,
    ],
    [
      "bad time zone",
      "environments:\n  - name: a\n    freeze: [{ from: Fri 16:00, to: Mon 08:00, timezone: Mars/Olympus }]\n",
      3,
      58,
      /"Mars\/Olympus" is not an IANA time zone/,
      false,
    ],
    [
      "mixed freeze kinds",
      "environments:\n  - name: a\n    freeze: [{ from: Fri 16:00, to: 2026-01-01 08:00 }]\n",
      3,
      14,
      /both be weekdays or both be dates/,
      false,
    ],
  ];

  it.each(cases)(
    "refuses %s at its line and column",
    (_, text, line, column, message, inSchema) => {
      const error = errorOf(text);
      expect(error).toMatchObject({ name: "ConfigError", file: FILE, line, column });
      expect(error.message).toMatch(message);
      expect(error.message.startsWith(`${FILE}:${line}:${column}: `)).toBe(true);
      if (inSchema) expect(schema(parse(text))).toBe(false);
    },
  );

  it.each([
    ["bad indentation", "name: a\nbuild:\n  x: 1\n y: 2\n", 4],
    ["unclosed flow", "environments: [\n", 2],
    ["duplicate key", "name: a\nname: b\n", 2],
    ["tab indent", "build:\n\tpath: x\n", 2],
    ["two documents", "name: a\n---\nname: b\n", 2],
  ])("refuses malformed YAML (%s) with line and column", (_, text, line) => {
    const error = errorOf(text);
    expect(error.message).toMatch(/invalid YAML/);
    expect(error.line).toBe(line);
    expect(error.column).toBeGreaterThan(0);
  });
});
