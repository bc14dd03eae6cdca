import { LineCounter, type Node, parseDocument } from "yaml";
import { ConfigReader } from "./config-reader.js";
import { ConfigError } from "./errors.js";
import { type FreezeWindow, isTimeZone, parseFreezeTime } from "./freeze-window.js";
import { NAME_PATTERN } from "./manifest.js";

/**
 * `.github/fastdeploy.yml`, read into camelCase types with defaults applied. The JSON Schema in
 * docs/config.schema.json describes the same keys; the loader also checks what a schema
 * cannot (promotion order, duplicate names, time zones) and locates every error.
 */
export const DEFAULT_CONFIG_PATH = ".github/fastdeploy.yml";
const MAX_CONFIG_BYTES = 1024 * 1024;

export interface FastDeployConfig {
  /** Artifact name; undefined means the repository name. */
  name?: string;
  tagPrefix: string;
  build: { command?: string; path: string[]; workingDirectory?: string };
  deploy: { command?: string; parallel?: number; healthTimeout?: number };
  /** In promotion order. */
  environments: EnvironmentConfig[];
}

export interface EnvironmentConfig {
  name: string;
  /** Pushes to these branches / tags (glob patterns) deploy here without asking. */
  autoDeploy: { branches: string[]; tags: string[] };
  /** Earlier environments that must hold a success of the same version first. */
  after: string[];
  /** Default: the environment is named prod or production. */
  production: boolean;
  /** Default: `production`. A production environment always requires a tag. */
  requireTag: boolean;
  requireReview: boolean;
  requiredChecks: string[];
  /** Default: one target named after the environment. */
  targets: string[];
  healthUrl?: string;
  healthTimeout?: number;
  parallel?: number;
  freeze: FreezeWindow[];
  /** Overrides `deploy.command` for this environment. */
  command?: string;
  /** The environment URL shown on deployments. */
  url?: string;
  /** 1-based line of the environment in the file, for annotations; 0 for defaults. */
  line: number;
}

/** The configuration used when the file does not exist. */
export function defaultConfig(): FastDeployConfig {
  return { tagPrefix: "v", build: { path: [] }, deploy: {}, environments: [] };
}

const ROOT_KEYS = ["name", "tag-prefix", "build", "deploy", "environments"] as const;
const BUILD_KEYS = ["command", "path", "working-directory"] as const;
const DEPLOY_KEYS = ["command", "parallel", "health-timeout"] as const;
const ENVIRONMENT_KEYS = [
  "name",
  "auto-deploy",
  "after",
  "production",
  "require-tag",
  "require-review",
  "required-checks",
  "targets",
  "health-url",
  "health-timeout",
  "parallel",
  "freeze",
  "command",
  "url",
] as const;
const ENVIRONMENT_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,254}$/;
const TARGET_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
const TAG_PREFIX = /^[A-Za-z0-9._/-]{0,50}$/;

/**
 * Parses the config file. `text` undefined (file missing) or an empty document gives
 * `defaultConfig()`. Throws `ConfigError` with file, line and column on any problem.
 */
export function loadConfig(
  text: string | undefined,
  fileName = DEFAULT_CONFIG_PATH,
): FastDeployConfig {
  if (text === undefined) return defaultConfig();
  if (text.length > MAX_CONFIG_BYTES) {
    throw new ConfigError(fileName, 1, 1, `the file is larger than ${MAX_CONFIG_BYTES} bytes`);
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, {
    lineCounter: lines,
    keepSourceTokens: true,
    prettyErrors: false,
  });
  const reader = new ConfigReader(fileName, lines, doc);
  const syntax = doc.errors[0];
  if (syntax) reader.failAt(syntax.pos[0], `invalid YAML: ${syntax.message.split("\n")[0]}`);
  if (doc.contents === null) return defaultConfig();

  const root = reader.map(doc.contents, "", ROOT_KEYS);
  const config = defaultConfig();
  const name = root.get("name");
  if (name !== undefined) {
    config.name = reader.string(name, "name");
    if (!NAME_PATTERN.test(config.name)) {
      reader.fail(
        name,
        "name",
        "use 1-100 letters, digits, '.', '_' or '-' (it names the archive)",
      );
    }
  }
  const prefix = root.get("tag-prefix");
  if (prefix !== undefined) {
    // An empty prefix is legitimate (tags like 1.2.3).
    config.tagPrefix = reader.string(prefix, "tag-prefix", { allowEmpty: true });
    if (!TAG_PREFIX.test(config.tagPrefix)) {
      reader.fail(prefix, "tag-prefix", "use at most 50 letters, digits, '.', '_', '/' or '-'");
    }
  }
  const build = root.get("build");
  if (build !== undefined) {
    const map = reader.map(build, "build", BUILD_KEYS);
    const command = map.get("command");
    if (command) config.build.command = reader.string(command, "build.command");
    const path = map.get("path");
    if (path) config.build.path = reader.strings(path, "build.path").values;
    const cwd = map.get("working-directory");
    if (cwd) config.build.workingDirectory = reader.string(cwd, "build.working-directory");
  }
  const deploy = root.get("deploy");
  if (deploy !== undefined) {
    const map = reader.map(deploy, "deploy", DEPLOY_KEYS);
    const command = map.get("command");
    if (command) config.deploy.command = reader.string(command, "deploy.command");
    const parallel = map.get("parallel");
    if (parallel) config.deploy.parallel = reader.integer(parallel, "deploy.parallel", 1, 256);
    const timeout = map.get("health-timeout");
    if (timeout)
      config.deploy.healthTimeout = reader.integer(timeout, "deploy.health-timeout", 1, 3600);
  }
  const environments = root.get("environments");
  if (environments !== undefined) {
    reader.sequence(environments, "environments").forEach((node, index) => {
      config.environments.push(readEnvironment(reader, node, index, config.environments));
    });
  }
  return config;
}

function readEnvironment(
  reader: ConfigReader,
  node: Node,
  index: number,
  earlier: EnvironmentConfig[],
): EnvironmentConfig {
  const at = `environments[${index}]`;
  const map = reader.map(node, at, ENVIRONMENT_KEYS);
  const nameNode = map.get("name");
  if (!nameNode) reader.fail(map.node, at, 'is missing "name"; every environment needs one');
  const name = reader.string(nameNode, `${at}.name`);
  if (!ENVIRONMENT_NAME.test(name)) {
    reader.fail(nameNode, `${at}.name`, "use letters, digits, '.', '_' or '-' (at most 255)");
  }
  // GitHub environment names are case-insensitive, so `Prod` and `prod` are the same one.
  const twin = earlier.find((env) => env.name.toLowerCase() === name.toLowerCase());
  if (twin)
    reader.fail(
      nameNode,
      `${at}.name`,
      `"${name}" is already defined on line ${twin.line}; rename or merge them`,
    );

  const isProd = /^prod(uction)?$/i.test(name);
  const env: EnvironmentConfig = {
    name,
    autoDeploy: { branches: [], tags: [] },
    after: [],
    production: isProd,
    requireTag: isProd,
    requireReview: false,
    requiredChecks: [],
    targets: [name],
    freeze: [],
    line: reader.lineOf(map.node),
  };
  const get = (key: (typeof ENVIRONMENT_KEYS)[number]) => map.get(key);
  const auto = get("auto-deploy");
  if (auto) {
    const autoMap = reader.map(auto, `${at}.auto-deploy`, ["branches", "tags"]);
    const branches = autoMap.get("branches");
    if (branches)
      env.autoDeploy.branches = reader.strings(branches, `${at}.auto-deploy.branches`).values;
    const tags = autoMap.get("tags");
    if (tags) env.autoDeploy.tags = reader.strings(tags, `${at}.auto-deploy.tags`).values;
  }
  const after = get("after");
  if (after) {
    const { values, nodes } = reader.strings(after, `${at}.after`);
    values.forEach((dependency, i) => {
      const known = earlier.find((other) => other.name.toLowerCase() === dependency.toLowerCase());
      if (known) return;
      const self = dependency.toLowerCase() === name.toLowerCase();
      reader.fail(
        nodes[i],
        `${at}.after`,
        self
          ? `"${name}" cannot come after itself; remove it from after`
          : `"${dependency}" is not an environment listed above "${name}"; environments deploy in the listed order, so move "${dependency}" above or remove it from after`,
      );
    });
    env.after = values;
  }
  const production = get("production");
  if (production) env.production = reader.boolean(production, `${at}.production`);
  env.requireTag = env.production;
  const requireTag = get("require-tag");
  if (requireTag) {
    env.requireTag = reader.boolean(requireTag, `${at}.require-tag`);
    if (env.production && !env.requireTag) {
      reader.fail(
        requireTag,
        `${at}.require-tag`,
        "a production environment always deploys release tags; remove require-tag: false or set production: false",
      );
    }
  }
  const review = get("require-review");
  if (review) env.requireReview = reader.boolean(review, `${at}.require-review`);
  const checks = get("required-checks");
  if (checks) env.requiredChecks = reader.strings(checks, `${at}.required-checks`).values;
  const targets = get("targets");
  if (targets) env.targets = readTargets(reader, targets, `${at}.targets`);
  const healthUrl = get("health-url");
  if (healthUrl) env.healthUrl = readUrl(reader, healthUrl, `${at}.health-url`);
  const timeout = get("health-timeout");
  if (timeout) env.healthTimeout = reader.integer(timeout, `${at}.health-timeout`, 1, 3600);
  const parallel = get("parallel");
  if (parallel) env.parallel = reader.integer(parallel, `${at}.parallel`, 1, 256);
  const freeze = get("freeze");
  if (freeze)
    env.freeze = reader
      .sequence(freeze, `${at}.freeze`)
      .map((item, i) => readFreeze(reader, item, `${at}.freeze[${i}]`));
  const command = get("command");
  if (command) env.command = reader.string(command, `${at}.command`);
  const url = get("url");
  if (url) env.url = readUrl(reader, url, `${at}.url`);
  return env;
}

function readTargets(reader: ConfigReader, node: Node, field: string): string[] {
  const { values, nodes } = reader.strings(node, field);
  if (values.length === 0) reader.fail(node, field, "list at least one target or remove targets");
  values.forEach((target, i) => {
    if (!TARGET_NAME.test(target))
      reader.fail(
        nodes[i],
        `${field}[${i}]`,
        `"${target}" must be 1-100 letters, digits, '.', '_' or '-'`,
      );
    if (values.indexOf(target) !== i)
      reader.fail(nodes[i], `${field}[${i}]`, `"${target}" is listed twice`);
  });
  return values;
}

function readUrl(reader: ConfigReader, node: Node, field: string): string {
  const url = reader.string(node, field);
  let ok = false;
  try {
    // `{target}` is substituted per target at deploy time.
    ok = /^https?:$/.test(new URL(url.replaceAll("{target}", "target")).protocol);
  } catch {}
  if (!ok) reader.fail(node, field, `"${url}" must be an http(s) URL (it may contain {target})`);
  return url;
}

function readFreeze(reader: ConfigReader, node: Node, field: string): FreezeWindow {
  const map = reader.map(node, field, ["from", "to", "timezone"]);
  const time = (key: "from" | "to") => {
    const value = map.get(key);
    if (!value) reader.fail(map.node, field, `is missing "${key}"`);
    const text = reader.string(value, `${field}.${key}`);
    const parsed = parseFreezeTime(text);
    if (!parsed)
      reader.fail(
        value,
        `${field}.${key}`,
        `"${text}" must be a weekday and time ("Fri 16:00") or a date and time ("2026-12-24 18:00")`,
      );
    return parsed;
  };
  const from = time("from");
  const to = time("to");
  if (from.kind !== to.kind)
    reader.fail(map.node, field, "from and to must both be weekdays or both be dates");
  const zoneNode = map.get("timezone");
  const timezone = zoneNode ? reader.string(zoneNode, `${field}.timezone`) : "UTC";
  if (!isTimeZone(timezone))
    reader.fail(
      zoneNode,
      `${field}.timezone`,
      `"${timezone}" is not an IANA time zone such as Europe/Madrid or UTC`,
    );
  return { from, to, timezone };
}
