// run: steps through runJob, with real bash, sh and python: shells, working-directory,
// defaults.run, env precedence, step `if`, continue-on-error, outcome and conclusion.
import { createHash } from "node:crypto";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runJob } from "../../src/job/index.js";
import { gitRepository, jobRun, oneJob, parseJob } from "./support.js";

async function run(yaml: string) {
  const parsed = await parseJob(yaml);
  const job = jobRun(parsed);
  const outcome = await runJob(job);
  return { outcome, job, log: job.lines.join("\n") };
}

describe("shells", () => {
  it("runs an unspecified shell as `bash -e {0}`: no pipefail, stops at the first failure", async () => {
    const { outcome, job, log } = await run(
      oneJob(`
      - id: pipe
        run: |
          false | true
          echo "pipe ok; opts=$-"
          echo "shell=$BASH_VERSION" | grep -q . && echo bash
      - id: stop
        run: |
          false
          echo never
`),
    );
    expect(log).toMatch(/shell: \S+\/bash -e \{0\}/);
    expect(log).toContain("pipe ok");
    expect(log).toContain("\nbash");
    expect(job.lines).not.toContain("never");
    expect(outcome.steps.pipe?.outcome).toBe("success");
    expect(outcome.steps.stop).toMatchObject({ outcome: "failure", conclusion: "failure" });
    expect(outcome.result).toBe("failure");
    expect(outcome.annotations).toContainEqual(
      expect.objectContaining({ level: "error", message: "Process completed with exit code 1." }),
    );
  });

  it("runs `shell: bash` with --noprofile --norc -eo pipefail, so a failing pipe fails", async () => {
    const { outcome, job, log } = await run(
      oneJob(`
      - id: pipe
        shell: bash
        run: |
          false | true
          echo never
`),
    );
    expect(log).toMatch(/shell: \S+\/bash --noprofile --norc -eo pipefail \{0\}/);
    expect(job.lines).not.toContain("never");
    expect(outcome.steps.pipe?.outcome).toBe("failure");
  });

  it("runs sh, python and a custom {0} template", async () => {
    const { outcome, log } = await run(
      oneJob(`
      - shell: sh
        run: echo "sh says $0" | sed 's/\\.sh$/.SH/'
      - shell: python
        run: |
          import sys
          print("python", sys.version_info[0])
      - shell: bash -c "echo custom; cat {0}"
        run: echo from-script
`),
    );
    expect(outcome.result).toBe("success");
    expect(log).toMatch(/sh says \S+\.SH/);
    expect(log).toContain("python 3");
    expect(log).toContain("custom\necho from-script");
  });

  it("fails a step whose shell the machine lacks, naming the shell", async () => {
    const { outcome } = await run(
      oneJob(`
      - id: fish
        shell: fish
        run: echo hi
      - id: bad
        if: always()
        shell: bash -e
        run: echo hi
`),
    );
    expect(outcome.steps.fish?.outcome).toBe("failure");
    const messages = outcome.annotations.map((a) => a.message);
    expect(messages).toContainEqual(
      expect.stringMatching(/The shell 'fish' .* is not installed on this machine/),
    );
    expect(messages).toContainEqual(expect.stringMatching(/format string containing '\{0\}'/));
  });
});

describe("scripts", () => {
  it("gives a block scalar holding expressions its YAML value: heredocs and python work", async () => {
    const { outcome, job } = await run(
      oneJob(`
      - id: heredoc
        run: |
          cat <<EOF
          actor \${{ github.actor }}
          EOF
      - id: python
        shell: python
        run: |
          if True:
              print("python sees \${{ github.actor }}")
`),
    );
    expect(outcome.result).toBe("success");
    expect(job.lines).toContain("actor alice");
    expect(job.lines).toContain("python sees alice");
  });
});

describe("hashFiles", () => {
  it("hashes the matching workspace files as the runner does, '' when none match", async () => {
    const source = gitRepository({
      "app/a.js": "a\n",
      "app/sub/b.js": "b\n",
      "app/skip.js": "skip\n",
      "app/readme.md": "md\n",
    });
    const parsed = await parseJob(
      oneJob(`
      - uses: actions/checkout@v4
      - run: |
          echo "hash=\${{ hashFiles('app/**/*.js', '!app/skip.js') }}"
          echo "none=[\${{ hashFiles('nothing/**') }}]"
          echo "dir=\${{ hashFiles('app/sub', 'app/*.md') }}"
`),
    );
    const job = jobRun(parsed, { source });
    const outcome = await runJob(job);
    expect(outcome.result).toBe("success");
    // One SHA-256 over each file's SHA-256 digest, files in path order.
    const digest = (text: string) => createHash("sha256").update(text).digest();
    const expected = createHash("sha256").update(digest("a\n")).update(digest("b\n")).digest("hex");
    expect(job.lines).toContain(`hash=${expected}`);
    expect(job.lines).toContain("none=[]");
    // A directory's name matches the files under it; `*` stays within a segment.
    const dir = createHash("sha256").update(digest("md\n")).update(digest("b\n")).digest("hex");
    expect(job.lines).toContain(`dir=${dir}`);
  });
});

describe("working-directory and defaults.run", () => {
  it("joins working-directory to the workspace; the step's wins over defaults.run", async () => {
    const parsed = await parseJob(`
on: push
defaults:
  run:
    shell: bash
jobs:
  j:
    runs-on: ubuntu-latest
    defaults:
      run:
        working-directory: app
    steps:
      - id: d
        run: echo "cwd=$PWD opts=$SHELLOPTS"
      - id: s
        working-directory: lib
        run: echo "cwd=$PWD"
      - id: missing
        working-directory: nowhere
        run: echo unreachable
`);
    const job = jobRun(parsed);
    mkdirSync(join(job.workspace, "app"));
    mkdirSync(join(job.workspace, "lib"));
    const outcome = await runJob(job);
    const log = job.lines.join("\n");
    expect(log).toContain(`cwd=${join(job.workspace, "app")} opts=`);
    expect(log).toMatch(/opts=\S*pipefail/);
    expect(log).toContain(`cwd=${join(job.workspace, "lib")}`);
    expect(outcome.steps.missing?.outcome).toBe("failure");
    expect(outcome.annotations.map((a) => a.message)).toContainEqual(
      expect.stringContaining(`'${join(job.workspace, "nowhere")}': the directory does not exist`),
    );
  });
});

describe("env", () => {
  it("layers workflow < job < GITHUB_ENV < step env, and GITHUB_* cannot be overridden", async () => {
    const { outcome, log } = await run(`
on: push
env:
  LEVEL: workflow
  ONLY_WORKFLOW: w
jobs:
  j:
    runs-on: ubuntu-latest
    env:
      LEVEL: job
      FROM_JOB: \${{ github.actor }}-j
    steps:
      - run: echo "1 $LEVEL $ONLY_WORKFLOW $FROM_JOB"
      - run: echo "LEVEL=from-file" >> "$GITHUB_ENV"
      - run: echo "3 $LEVEL"
      - env:
          LEVEL: step
          GITHUB_SHA: forged
          SEEN: \${{ env.LEVEL }}
        run: echo "4 $LEVEL $SEEN $GITHUB_SHA"
`);
    expect(outcome.result).toBe("success");
    expect(log).toContain("1 job w alice-j");
    expect(log).toContain("3 from-file");
    expect(log).toMatch(/4 step from-file [0-9a-f]{40}/);
  });
});

describe("if, continue-on-error, outcome and conclusion", () => {
  it("skips on success(), runs failure() and always(), and keeps continue-on-error's outcome", async () => {
    const { outcome, job, log } = await run(
      oneJob(`
      - id: soft
        continue-on-error: true
        run: exit 3
      - id: after-soft
        run: echo "soft outcome=\${{ steps.soft.outcome }} conclusion=\${{ steps.soft.conclusion }}"
      - id: hard
        run: exit 1
      - id: skipped
        run: echo never
      - id: on-failure
        if: failure()
        run: echo "failure seen"
      - id: cond
        if: always() && steps.hard.outcome == 'failure'
        run: echo "expression seen"
`),
    );
    expect(outcome.steps.soft).toEqual({ outputs: {}, outcome: "failure", conclusion: "success" });
    expect(log).toContain("soft outcome=failure conclusion=success");
    expect(outcome.steps.hard).toMatchObject({ outcome: "failure", conclusion: "failure" });
    expect(outcome.steps.skipped).toMatchObject({ outcome: "skipped", conclusion: "skipped" });
    expect(job.lines).not.toContain("never");
    expect(log).toContain("failure seen");
    expect(log).toContain("expression seen");
    expect(outcome.result).toBe("failure");
  });

  it("succeeds when only continue-on-error steps fail", async () => {
    const { outcome } = await run(
      oneJob(`
      - continue-on-error: \${{ github.ref == 'refs/heads/main' }}
        run: exit 1
      - id: next
        run: echo next
`),
    );
    expect(outcome.result).toBe("success");
    expect(outcome.steps.next?.outcome).toBe("success");
  });
});
