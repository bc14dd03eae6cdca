// The public interface (action.yml files) and every workflow file, checked by actionlint and
// GitHub's own parser with zero findings, plus the project's conventions (DESIGN.md section 3).
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { loadActionMetadata, REPO_ROOT } from "../packages/sandbox/src/runner/index.js";
import {
  actionlint,
  checkLocalActionSteps,
  checkReusableWorkflowCalls,
  checkWorkflow,
  formatFinding,
  parseActionFile,
} from "../packages/sandbox/src/runner/workflow-lint.js";

const actionNames = readdirSync(join(REPO_ROOT, "actions")).filter((name) =>
  existsSync(join(REPO_ROOT, "actions", name, "action.yml")),
);
/** [name, directory, `uses:` value] for every action, the root one included. */
const actions: [string, string, string][] = [
  ...actionNames.map((n): [string, string, string] => [
    n,
    join(REPO_ROOT, "actions", n),
    `./actions/${n}`,
  ]),
  ["fastdeploy", REPO_ROOT, "./"],
];

const workflowFiles = [".github/workflows", "workflows", "workflows/reusable"].flatMap((dir) =>
  existsSync(join(REPO_ROOT, dir))
    ? readdirSync(join(REPO_ROOT, dir))
        .filter((f) => /\.ya?ml$/.test(f))
        .map((f) => `${dir}/${f}`)
    : [],
);

/** `${{ x }}` without writing a template placeholder in a plain string. */
const expression = (x: string) => `\${{ ${x} }}`;
const KEBAB = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/** A workflow that uses the action with its required inputs and reads every output. */
function workflowUsing(uses: string, dir: string): string {
  const metadata = loadActionMetadata(dir);
  const required = Object.entries(metadata.inputs)
    .filter(([, input]) => input.required && input.default === undefined)
    .map(([name]) => `          ${name}: example`);
  const outputs = Object.keys(metadata.outputs).map(
    (name, i) => `          OUT_${i}: \${{ steps.action.outputs.${name} }}`,
  );
  return [
    `name: Use ${uses}`,
    "on: workflow_dispatch",
    "permissions: {}",
    "jobs:",
    "  use:",
    "    runs-on: ubuntu-latest",
    "    steps:",
    "      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2",
    "        with:",
    "          persist-credentials: false",
    "      - id: action",
    `        uses: ${uses}`,
    ...(required.length > 0 ? ["        with:", ...required] : []),
    ...(outputs.length > 0 ? ['      - run: env | grep "^OUT_"', "        env:", ...outputs] : []),
    "",
  ].join("\n");
}

describe.each(actions)("action %s", (name, dir, uses) => {
  const file = join(dir, "action.yml");
  const text = readFileSync(file, "utf8");
  const doc = parse(text) as {
    inputs?: Record<string, Record<string, unknown>>;
    outputs?: Record<string, Record<string, unknown>>;
    runs: Record<string, unknown>;
  };

  it("passes GitHub's action.yml parser with zero errors", () => {
    expect(parseActionFile(text, file).map(formatFinding)).toEqual([]);
  });

  it("passes actionlint and the workflow parser when a workflow uses it", async () => {
    const workflow = workflowUsing(uses, dir);
    const findings = await checkWorkflow(workflow, `.github/workflows/use-${name}.yml`);
    expect(findings.map(formatFinding)).toEqual([]);
  });

  it("runs on node24 from its own bundle in dist/", () => {
    expect(doc.runs.using).toBe("node24");
    const expected =
      name === "fastdeploy" ? `dist/${name}/index.js` : `../../dist/${name}/index.js`;
    expect(doc.runs.main).toBe(expected);
    expect(existsSync(resolve(dir, expected)), `${expected} is missing: run npm run bundle`).toBe(
      true,
    );
  });

  it("describes every input and output and names them in kebab-case", () => {
    for (const [kind, entries] of [
      ["input", doc.inputs ?? {}],
      ["output", doc.outputs ?? {}],
    ] as const) {
      for (const [key, spec] of Object.entries(entries)) {
        expect(key, `${kind} ${key}`).toMatch(KEBAB);
        expect(typeof spec?.description, `${kind} ${key} needs a description`).toBe("string");
        expect(String(spec?.description).trim()).not.toBe("");
      }
    }
  });

  it("takes the common inputs token, repository and config with their defaults", () => {
    expect(doc.inputs?.token?.default).toBe(expression("github.token"));
    expect(doc.inputs?.repository?.default).toBe(expression("github.repository"));
    expect(doc.inputs?.config?.default).toBe(".github/fastdeploy.yml");
  });
});

describe("workflow files", () => {
  it("finds the project's workflows", () => {
    expect(workflowFiles).toContain(".github/workflows/ci.yml");
  });

  it.each(workflowFiles)(
    "%s passes actionlint, the workflow parser and the local-action check",
    async (path) => {
      const findings = await checkWorkflow(readFileSync(join(REPO_ROOT, path), "utf8"), path);
      expect(findings.map(formatFinding)).toEqual([]);
    },
  );
});

describe("the checks catch mistakes", () => {
  const bad = `name: Bad
on: push
permissions: {}
jobs:
  release:
    runs-on: ubuntu-latest
    steps:
      - uses: ./actions/approve
        with:
          environment: prod
          vresion: 1.2.3
      - uses: ./actions/publish
        with:
          Archive: a.tar.gz
          manifest: m.json
          checksums: SHA256SUMS
`;

  it("reports undeclared and missing required inputs of local actions", () => {
    const messages = checkLocalActionSteps(bad, "bad.yml").map((f) => f.message);
    expect(messages).toEqual([
      expect.stringMatching(/steps\[0\].*input 'vresion' is not declared by \.\/actions\/approve/),
      expect.stringMatching(
        /steps\[0\].*required input 'version' of \.\/actions\/approve is missing/,
      ),
    ]);
  });

  it("reports what actionlint and the workflow parser find", async () => {
    const broken = `on: push\njobs:\n  a:\n    steps:\n      - run: echo ${expression("github.event.head_commit.message")}\n`;
    const lint = await actionlint(broken, "broken.yml");
    expect(lint.map((f) => f.kind)).toEqual(expect.arrayContaining(["syntax-check", "expression"]));
    const all = await checkWorkflow(broken, "broken.yml");
    expect(all.some((f) => f.kind === "workflow-parser")).toBe(true);
  });

  it("tolerates only the `queue` key under `concurrency`, which actionlint 2.0.6 lags on", async () => {
    const workflow = (concurrency: string, environment = "prod") =>
      `name: q\non: push\npermissions: {}\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    environment:\n      name: ${environment}\n    concurrency:\n${concurrency}    steps:\n      - run: echo deploy\n`;
    const queued = workflow(
      "      group: deploy-prod\n      cancel-in-progress: false\n      queue: max\n",
    );
    expect((await checkWorkflow(queued, "q.yml")).map(formatFinding)).toEqual([]);
    // Another unknown key under concurrency is still reported.
    const typo = workflow("      group: deploy-prod\n      queu: max\n");
    expect((await actionlint(typo, "q.yml")).map((f) => f.message)).toEqual([
      expect.stringContaining('unexpected key "queu" for "concurrency" section'),
    ]);
    // `queue` anywhere else is still reported.
    const elsewhere = workflow("      group: deploy-prod\n", "prod\n      queue: max");
    expect((await actionlint(elsewhere, "q.yml")).map((f) => f.message)).toEqual([
      expect.stringContaining('unexpected key "queue" for "environment" section'),
    ]);
    // A value GitHub does not define is still a finding (GitHub's parser reports it).
    const bogus = workflow("      group: deploy-prod\n      queue: forever\n");
    expect((await checkWorkflow(bogus, "q.yml")).length).toBeGreaterThan(0);
  });

  it("reports what GitHub's action.yml parser finds", () => {
    const broken =
      "name: x\ndescription: y\ninputs:\n  a:\n    descripton: typo\nruns:\n  using: node99\n  main: index.js\n";
    const messages = parseActionFile(broken, "action.yml").map((f) => f.message);
    expect(messages.length).toBeGreaterThan(0);
  });

  it("reports undeclared and missing required inputs of reusable workflow calls", () => {
    const root = mkdtempSync(join(tmpdir(), "reusable-"));
    mkdirSync(join(root, ".github/workflows"), { recursive: true });
    writeFileSync(
      join(root, ".github/workflows/deploy.yml"),
      `on:
  workflow_call:
    inputs:
      environment: { type: string, required: true }
      version: { type: string, required: false }
jobs:
  d:
    runs-on: ubuntu-latest
    steps:
      - run: echo deploy
`,
    );
    const caller = `on: push
jobs:
  ok:
    uses: ./.github/workflows/deploy.yml
    with: { environment: prod }
  bad:
    uses: ./.github/workflows/deploy.yml
    with: { envirnoment: prod }
  missing:
    uses: ./.github/workflows/nope.yml
  published:
    uses: someone/fastdeploy/.github/workflows/deploy.yml@v1
    with: { version: "1.0.0" }
  elsewhere:
    uses: octo/other/.github/workflows/deploy.yml@v1
    with: { anything: 1 }
`;
    expect(checkReusableWorkflowCalls(caller, "caller.yml", root).map((f) => f.message)).toEqual([
      "jobs.bad: input 'envirnoment' is not declared by ./.github/workflows/deploy.yml",
      "jobs.bad: required input 'environment' of ./.github/workflows/deploy.yml is missing",
      "jobs.missing: ./.github/workflows/nope.yml does not exist",
      "jobs.published: required input 'environment' of someone/fastdeploy/.github/workflows/deploy.yml@v1 is missing",
    ]);
    rmSync(root, { recursive: true, force: true });
  });
});
