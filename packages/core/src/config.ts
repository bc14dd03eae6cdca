import { isMap, LineCounter, parseDocument } from "yaml";
import { readEnvironment } from "./config-environment.js";
import { ConfigReader } from "./config-reader.js";
import { ConfigError } from "./errors.js";
import type { FreezeWindow } from "./freeze-window.js";
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
const TAG_PREFIX = /^[A-Za-z0-9._/-]{0,50}$/;

/**
 * Parses the config file. `text` undefined (file missing) gives `defaultConfig()`. A file
 * that exists but says nothing (empty, only comments, `{}`) is refused: it is almost always a
 * config that did not get written, and taking it silently would deploy with defaults the
 * author never chose. Throws `ConfigError` with file, line and column on any problem.
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
  const said = doc.contents;
  if (said === null || (isMap(said) && said.items.length === 0)) {
    reader.failAt(
      0,
      "the file is empty; write at least its environments (docs/configuration.md), or delete it to use the defaults",
    );
  }

  const root = reader.map(said, "", ROOT_KEYS);
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
