// Small node actions for the executor's tests: each stage (pre, main, post) logs what it sees,
// pre saves state, main sets outputs from its environment and fails when asked to.
import { mkdirSync, mkdtempSync, realpathSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const STAGE = (stage: string) => `
import fs from "node:fs";
const out = (k, v) => fs.appendFileSync(process.env.GITHUB_OUTPUT, k + "=" + v + "\\n");
const name = process.env["INPUT_WHO"];
console.log("${stage} " + name + " state=" + (process.env.STATE_phase ?? "none"));
if ("${stage}" === "pre") fs.appendFileSync(process.env.GITHUB_STATE, "phase=from-pre-" + name + "\\n");
if ("${stage}" === "main") {
  out("node", process.version);
  out("token", process.env["INPUT_TOKEN"]);
  out("greeting", process.env["INPUT_GREETING"]);
  out("action-path", process.env.GITHUB_ACTION_PATH);
  out("action-repository", process.env.GITHUB_ACTION_REPOSITORY);
  out("action-ref", process.env.GITHUB_ACTION_REF);
  out("runtime-token", process.env.ACTIONS_RUNTIME_TOKEN ?? "none");
  out("cwd", process.cwd());
  if (process.env["INPUT_FAIL"] === "true") process.exit(2);
}
`;

const ACTION_YML = `name: Stages
inputs:
  who:
    required: true
  greeting:
    default: hello \${{ github.actor }}
  fail:
    default: "false"
  token:
    default: \${{ github.token }}
runs:
  using: node24
  pre: pre.js
  main: main.js
  post: post.js
  post-if: always()
`;

export function writeAction(dir: string, yml = ACTION_YML) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "action.yml"), yml);
  for (const stage of ["pre", "main", "post"])
    writeFileSync(join(dir, `${stage}.js`), STAGE(stage));
}

/** An actionsRoot laid out like this repository: action.yml at the root, actions/<name>. */
export function actionsRoot(): string {
  const root = realpathSync(mkdtempSync(join(tmpdir(), "engine-actions-root-")));
  writeAction(join(root, "actions", "stages"));
  writeAction(
    join(root, "actions", "success-only"),
    ACTION_YML.replace("post-if: always()", "post-if: success()"),
  );
  // A post-if beyond the status functions alone: an expression over the job's contexts.
  writeAction(
    join(root, "actions", "on-main"),
    ACTION_YML.replace(
      "post-if: always()",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a workflow expression, not a template
      "post-if: ${{ success() && github.ref_name == 'main' }}",
    ),
  );
  writeAction(root);
  return root;
}
