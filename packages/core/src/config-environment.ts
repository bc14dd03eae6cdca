import { isScalar, type Node } from "yaml";
import type { EnvironmentConfig } from "./config.js";
import type { ConfigReader } from "./config-reader.js";
import { type FreezeWindow, isTimeZone, parseFreezeTime } from "./freeze-window.js";
import {
  checkWaveSizes,
  parseDuration,
  parseWaveSize,
  type RolloutSpec,
  type WaveSize,
} from "./rollout-plan.js";

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
  "rollout",
  "health-command",
  "undeploy-command",
] as const;
const ENVIRONMENT_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,254}$/;
const TARGET_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/** One entry of `environments:` in the config file, with its defaults applied. */
export function readEnvironment(
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
  const rollout = get("rollout");
  if (rollout) env.rollout = readRollout(reader, rollout, `${at}.rollout`);
  const healthCommand = get("health-command");
  if (healthCommand) env.healthCommand = reader.string(healthCommand, `${at}.health-command`);
  const undeployCommand = get("undeploy-command");
  if (undeployCommand)
    env.undeployCommand = reader.string(undeployCommand, `${at}.undeploy-command`);
  return env;
}

/** `rollout: {waves: [1, 50%, 100%], bake: 10m}`; each bad wave or duration is located. */
function readRollout(reader: ConfigReader, node: Node, field: string): RolloutSpec {
  const map = reader.map(node, field, ["waves", "bake"]);
  const wavesNode = map.get("waves");
  if (!wavesNode) reader.fail(map.node, field, 'is missing "waves", e.g. waves: [1, 50%, 100%]');
  const items = reader.sequence(wavesNode, `${field}.waves`);
  const waves: WaveSize[] = items.map((item, i) => {
    const size = parseWaveSize(isScalar(item) ? item.value : undefined);
    if (typeof size === "string") reader.fail(item, `${field}.waves[${i}]`, size);
    return size;
  });
  const problem = checkWaveSizes(waves);
  if (problem) {
    const wave = /^wave (\d+)/.exec(problem);
    reader.fail(wave ? items[Number(wave[1]) - 1] : wavesNode, `${field}.waves`, problem);
  }
  const bakeNode = map.get("bake");
  let bakeMs = 0;
  if (bakeNode) {
    const bake = parseDuration(isScalar(bakeNode) ? bakeNode.value : undefined);
    if (typeof bake === "string") reader.fail(bakeNode, `${field}.bake`, bake);
    bakeMs = bake;
  }
  return { waves, bakeMs };
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
