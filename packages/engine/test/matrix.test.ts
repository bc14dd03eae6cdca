// strategy.matrix through the engine: include/exclude/fromJSON, max-parallel, fail-fast.
import { describe, expect, it } from "vitest";
import { expandMatrix } from "../src/matrix.js";
import { conclusions, engineKitFor } from "./support/engine-kit.js";

describe("expandMatrix", () => {
  it("follows GitHub's include rules: added to matching combinations, else a new one", () => {
    // The example of "Expanding or adding matrix configurations" in GitHub's docs.
    const legs = expandMatrix(
      {
        fruit: ["apple", "pear"],
        animal: ["cat", "dog"],
        include: [
          { color: "green" },
          { color: "pink", animal: "cat" },
          { fruit: "apple", shape: "circle" },
          { fruit: "banana" },
          { fruit: "banana", animal: "cat" },
        ],
      },
      "j",
    );
    expect(legs).toEqual([
      { fruit: "apple", animal: "cat", color: "pink", shape: "circle" },
      { fruit: "apple", animal: "dog", color: "green", shape: "circle" },
      { fruit: "pear", animal: "cat", color: "pink" },
      { fruit: "pear", animal: "dog", color: "green" },
      { fruit: "banana" },
      { fruit: "banana", animal: "cat" },
    ]);
  });

  it("excludes partial matches and refuses an empty vector", () => {
    expect(
      expandMatrix({ os: ["a", "b"], node: [1, 2], exclude: [{ os: "b", node: 2 }] }, "j"),
    ).toEqual([
      { os: "a", node: 1 },
      { os: "a", node: 2 },
      { os: "b", node: 1 },
    ]);
    expect(() => expandMatrix({ os: [] }, "j")).toThrow(
      /matrix vector 'os' does not contain any values/,
    );
  });
});

const WORKFLOW = `
on: push
jobs:
  plan:
    runs-on: ubuntu-latest
    outputs:
      targets: \${{ steps.t.outputs.targets }}
    steps:
      - id: t
        run: echo 'targets=["eu","us","ap"]' >> "$GITHUB_OUTPUT"
  deploy:
    needs: plan
    runs-on: ubuntu-latest
    strategy:
      max-parallel: 1
      matrix:
        target: \${{ fromJSON(needs.plan.outputs.targets) }}
        size: [small, big]
        exclude:
          - target: ap
            size: big
        include:
          - target: eu
            primary: true
    steps:
      - run: |
          echo "start \${{ matrix.target }}-\${{ matrix.size }} primary=\${{ matrix.primary || false }} index=\${{ strategy.job-index }}/\${{ strategy.job-total }}"
          sleep 0.05
          echo "end \${{ matrix.target }}-\${{ matrix.size }}"
  fragile:
    runs-on: ubuntu-latest
    strategy:
      matrix:
        n: [1, 2, 3]
    steps:
      - run: |
          if [ "\${{ matrix.n }}" = 1 ]; then exit 1; fi
          sleep 30
  sturdy:
    runs-on: ubuntu-latest
    strategy:
      fail-fast: false
      matrix:
        n: [1, 2]
    steps:
      - run: test "\${{ matrix.n }}" = 2
`;

describe("matrix jobs", () => {
  const shared = engineKitFor({ ".github/workflows/m.yml": WORKFLOW });

  it("fans out from fromJSON, one at a time with max-parallel: 1, and cancels the rest on fail-fast", async () => {
    const started = Date.now();
    const [run] = await shared.kit.engine.trigger({ name: "push", ref: "main" });
    expect(conclusions(run as never)).toMatchObject({
      "deploy (eu, small, true)": "success",
      "deploy (eu, big, true)": "success",
      "deploy (us, small)": "success",
      "deploy (us, big)": "success",
      "deploy (ap, small)": "success",
      "fragile (1)": "failure",
      "fragile (2)": "cancelled",
      "fragile (3)": "cancelled",
      "sturdy (1)": "failure",
      "sturdy (2)": "success",
    });
    // fail-fast cancelled the sleeping legs instead of waiting 30 s for them.
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(shared.kit.logOf("deploy (eu, small, true)").join("\n")).toContain(
      "start eu-small primary=true index=0/5",
    );
    // max-parallel: 1 — each leg ends before the next starts.
    const deployLines = shared.kit.events.flatMap((e) =>
      e.type === "log" && e.job.startsWith("deploy") && /^(start|end) /.test(e.line)
        ? [e.line]
        : [],
    );
    expect(deployLines).toEqual([
      "start eu-small primary=true index=0/5",
      "end eu-small",
      "start eu-big primary=true index=1/5",
      "end eu-big",
      "start us-small primary=false index=2/5",
      "end us-small",
      "start us-big primary=false index=3/5",
      "end us-big",
      "start ap-small primary=false index=4/5",
      "end ap-small",
    ]);
  });
});
