#!/usr/bin/env node
// Generates each action's documentation from its action.yml: actions/<name>/README.md and
// docs/actions/<name>.md (the root action.yml is documented as docs/actions/fastdeploy.md).
// Only the blocks between `<!-- fastdeploy-docs:<block>:start -->` and `…:end -->` markers are
// rewritten, so prose written around them survives; a missing file is created from a template.
// Usage: node scripts/docs.mjs [--check] [--root <dir>]
//   --check  write nothing; list the files that would change and exit 1 if any would.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";

/** How users refer to the actions; the starter workflows use the same form. */
const PUBLISHED = "fastdeploy/fastdeploy";
const VERSION = "v1";

/**
 * The token permissions each action needs, with the reason, for the README's permissions
 * block. action.yml cannot declare these, so they live here; keep them least-privilege.
 */
const PERMISSIONS = {
  build: { contents: "read # check out the code to build" },
  verify: { contents: "read # download the release assets of a published version" },
  publish: {
    contents: "write # create the tag and the release, upload its assets, or mark it latest",
  },
  approve: {
    actions: "read # read this run's environment approvals",
    deployments: "read # find earlier successes of the version in `after` environments",
    checks: "read # evaluate required-checks on the version's commit",
    statuses: "read # evaluate required-checks reported as commit statuses",
  },
  distribute: {
    contents:
      "read # download and verify the release (with make-latest: false; the release workflows mark latest in a job that runs no user code)",
    deployments: "write # record the deployment and its statuses",
    actions: "read # confirm FASTDEPLOY_APPROVAL's approvers against this run's reviews",
  },
  rollback: {
    contents:
      "read # download and verify the release (with make-latest: false; the release workflows mark latest in a job that runs no user code)",
    deployments: "write # record the rollback deployment and mark the bad version",
  },
  status: {
    contents: "read # read releases",
    deployments: "read # read the deployment ledger",
  },
  fastdeploy: {
    contents: "read # read releases",
    deployments: "read # read the deployment ledger",
    actions: "write # promote and rollback dispatch their workflows",
  },
};

/** `${{ steps.<id>.outputs.<name> }}`, written so that it is not mistaken for a JS template. */
const step = (id, output) => `\${{ steps.${id}.outputs.${output} }}`;

/** Example `with:` values for the usage block (required inputs always appear). */
const EXAMPLES = {
  build: { command: "npm ci && npm run build", path: "dist" },
  verify: { version: "1.2.3" },
  publish: {
    archive: step("build", "archive"),
    manifest: step("build", "manifest"),
    checksums: step("build", "checksums"),
  },
  approve: { environment: "production", version: "1.2.3", after: "staging" },
  distribute: {
    environment: "staging",
    version: "1.2.3",
    command: "./scripts/deploy.sh",
  },
  rollback: { environment: "production", reason: "error rate above 5%" },
  status: { environments: "staging,production" },
  fastdeploy: { args: "status --json" },
};

const BLOCKS = ["description", "inputs", "outputs"];
const start = (block) =>
  `<!-- fastdeploy-docs:${block}:start (generated from action.yml by npm run docs; edit action.yml instead) -->`;
const end = (block) => `<!-- fastdeploy-docs:${block}:end -->`;

function cell(text) {
  return String(text ?? "")
    .trim()
    .replace(/\|/g, "\\|")
    .replace(/\r?\n/g, "<br>");
}

function code(text) {
  // A value containing a backtick needs a longer fence to stay one code span.
  const s = String(text);
  return s.includes("`") ? `\`\` ${s} \`\`` : `\`${s}\``;
}

function renderBlocks(action) {
  const inputs = Object.entries(action.inputs ?? {});
  const outputs = Object.entries(action.outputs ?? {});
  return {
    description: cell(action.description),
    inputs:
      inputs.length === 0
        ? "This action has no inputs."
        : [
            "| Input | Description | Required | Default |",
            "| --- | --- | --- | --- |",
            ...inputs.map(([name, spec]) => {
              const required = spec?.required === true || spec?.required === "true";
              const fallback = spec?.default === undefined ? "" : code(spec.default);
              return `| \`${name}\` | ${cell(spec?.description)} | ${required ? "yes" : "no"} | ${fallback} |`;
            }),
          ].join("\n"),
    outputs:
      outputs.length === 0
        ? "This action has no outputs."
        : [
            "| Output | Description |",
            "| --- | --- |",
            ...outputs.map(([name, spec]) => `| \`${name}\` | ${cell(spec?.description)} |`),
          ].join("\n"),
  };
}

function block(name, body) {
  return `${start(name)}\n${body}\n${end(name)}`;
}

function usesOf(name) {
  return name === "fastdeploy"
    ? `${PUBLISHED}@${VERSION}`
    : `${PUBLISHED}/actions/${name}@${VERSION}`;
}

function permissionsYaml(name) {
  const lines = Object.entries(PERMISSIONS[name] ?? {}).map(([k, v]) => `  ${k}: ${v}`);
  return lines.length ? `permissions:\n${lines.join("\n")}` : "permissions: {}";
}

function usageYaml(name, action) {
  const example = { ...(EXAMPLES[name] ?? {}) };
  for (const [input, spec] of Object.entries(action.inputs ?? {})) {
    const required = spec?.required === true || spec?.required === "true";
    if (required && spec?.default === undefined && !(input in example)) example[input] = "...";
  }
  // JSON strings are valid YAML scalars, so every value is quoted the same safe way.
  const withLines = Object.entries(example).map(([k, v]) => `    ${k}: ${JSON.stringify(v)}`);
  return [
    `- id: ${name}`,
    `  uses: ${usesOf(name)}`,
    ...(withLines.length ? ["  with:", ...withLines] : []),
  ].join("\n");
}

function readmeTemplate(name, action, blocks) {
  return `# ${action.name}

${block("description", blocks.description)}

## Permissions

The job that runs this step needs these token permissions (and no more):

\`\`\`yaml
${permissionsYaml(name)}
\`\`\`

## Usage

\`\`\`yaml
${usageYaml(name, action)}
\`\`\`

## Inputs

${block("inputs", blocks.inputs)}

## Outputs

${block("outputs", blocks.outputs)}
`;
}

function docsTemplate(name, blocks, readmePath) {
  const readme = `\n\nSee [the action's README](${readmePath}) for permissions and usage.`;
  return `# \`${usesOf(name)}\`

${block("description", blocks.description)}${readme}

## Inputs

${block("inputs", blocks.inputs)}

## Outputs

${block("outputs", blocks.outputs)}
`;
}

/** Replaces each generated block in `text`; a file without a marker gets it back from `template`. */
function updateBlocks(text, blocks, template) {
  let out = text;
  for (const name of BLOCKS) {
    const from = out.indexOf(start(name).slice(0, start(name).indexOf(" (")));
    const to = out.indexOf(end(name));
    if (from < 0 || to < from) return template; // markers lost: start again from the template
    out = `${out.slice(0, from)}${block(name, blocks[name])}${out.slice(to + end(name).length)}`;
  }
  return out;
}

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/**
 * `npm run lint` formats Markdown with biome (tables get aligned columns), so the generated
 * text goes through the same formatter; otherwise the docs and the lint would never agree.
 */
function formatMarkdown(text, name) {
  const biome = join(repoRoot, "node_modules/@biomejs/biome/bin/biome");
  const result = spawnSync(process.execPath, [biome, "format", `--stdin-file-path=${name}`], {
    cwd: repoRoot,
    input: text,
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`biome could not format ${name}:\n${result.stderr}`);
  return result.stdout;
}

export function generate(root) {
  const actionsDir = join(root, "actions");
  const targets = [];
  const names = existsSync(actionsDir)
    ? readdirSync(actionsDir).filter((n) => existsSync(join(actionsDir, n, "action.yml")))
    : [];
  for (const name of names.sort()) {
    const action = parse(readFileSync(join(actionsDir, name, "action.yml"), "utf8"));
    const blocks = renderBlocks(action);
    const readme = join(actionsDir, name, "README.md");
    const doc = join(root, "docs/actions", `${name}.md`);
    targets.push([readme, blocks, readmeTemplate(name, action, blocks)]);
    const link = relative(dirname(doc), readme);
    targets.push([doc, blocks, docsTemplate(name, blocks, link)]);
  }
  if (existsSync(join(root, "action.yml"))) {
    const action = parse(readFileSync(join(root, "action.yml"), "utf8"));
    const blocks = renderBlocks(action);
    const doc = join(root, "docs/actions/fastdeploy.md");
    // The root action has no README of its own (the project README is), so its page in
    // docs/ carries the permissions and usage too.
    targets.push([doc, blocks, readmeTemplate("fastdeploy", action, blocks)]);
  }
  return targets.map(([file, blocks, template]) => {
    const current = existsSync(file) ? readFileSync(file, "utf8") : null;
    const next = formatMarkdown(
      current === null ? template : updateBlocks(current, blocks, template),
      relative(root, file),
    );
    return { file, current, next };
  });
}

const isMain = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const args = process.argv.slice(2);
  const check = args.includes("--check");
  const rootAt = args.indexOf("--root");
  const root = rootAt >= 0 ? resolve(args[rootAt + 1]) : repoRoot;
  const changed = generate(root).filter((t) => t.current !== t.next);
  for (const { file, next } of changed) {
    if (check) {
      console.log(`out of date: ${relative(root, file)}`);
    } else {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, next);
      console.log(`wrote ${relative(root, file)}`);
    }
  }
  if (check && changed.length > 0) {
    console.log("Action docs drifted from action.yml: run npm run docs and commit the result.");
    process.exit(1);
  }
}
