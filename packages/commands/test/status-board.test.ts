import { describe, expect, it } from "vitest";
import { parseMermaid } from "../../../test/support/mermaid-parser.js";
import {
  age,
  boardMermaid,
  boardText,
  type EnvironmentStatus,
  promotionBoard,
  type StatusReport,
} from "../src/index.js";

const metrics = {} as EnvironmentStatus["metrics"];
const env = (extra: Partial<EnvironmentStatus>): EnvironmentStatus => ({
  version: null,
  deployed_at: null,
  deployment_id: null,
  digest: null,
  approved_by: [],
  held: [],
  metrics,
  ...extra,
});

const report: StatusReport = {
  generated_at: "2026-12-06T12:00:00Z",
  window_days: 30,
  environments: {
    dev: env({ version: "1.2.0", deployed_at: "2026-12-06T11:30:00Z" }),
    qa: env({ version: "1.2.0", deployed_at: "2026-12-06T09:00:00Z", approved_by: ["carol"] }),
    "prod.eu": env({
      version: "1.1.0",
      deployed_at: "2026-12-03T12:00:00Z",
      approved_by: ["bob", "alice"],
      rollback: { from: "1.2.0-rc.1", reason: "automatic: eu-1 unhealthy" },
      held: ["1.2.0-rc.1"],
    }),
    preview: env({}),
  },
};

describe("the promotion board", () => {
  it("draws environments in promotion order as a flowchart Mermaid accepts", async () => {
    const text = boardMermaid(
      promotionBoard(report, { qa: ["dev"], "prod.eu": ["qa"], preview: [] }),
    );
    await expect(parseMermaid(text)).resolves.toBeTruthy();
    expect(text).toBe(
      [
        "flowchart LR",
        '  env0["<b>dev</b><br/>1.2.0<br/>deployed 30 min ago"]',
        '  env1["<b>qa</b><br/>1.2.0<br/>deployed 3 h ago<br/>approved by carol"]',
        '  env2["<b>prod.eu</b><br/>1.1.0<br/>deployed 3 d ago<br/>approved by bob, alice<br/>↩ rolled back from 1.2.0-rc.1<br/>⛔ held: 1.2.0-rc.1"]',
        '  env3["<b>preview</b><br/>nothing runs"]',
        "  env0 --> env1",
        "  env1 --> env2",
        "  classDef live fill:#dafbe1,stroke:#1a7f37,color:#1f2328",
        "  classDef rolledback fill:#fff8c5,stroke:#9a6700,color:#1f2328",
        "  classDef empty fill:#f6f8fa,stroke:#8c959f,color:#59636e,stroke-dasharray: 4 4",
        "  class env0,env1 live",
        "  class env2 rolledback",
        "  class env3 empty",
        "",
      ].join("\n"),
    );
  });

  it("escapes label text, so nothing in it can end a label or add a node", async () => {
    const hostile = {
      ...report,
      environments: { dev: env({ version: '1.0.0"] --> x["<i>#', approved_by: ['a"b'] }) },
    };
    const text = boardMermaid(promotionBoard(hostile));
    await expect(parseMermaid(text)).resolves.toBeTruthy();
    expect(text).toContain("1.0.0#34;] --#62; x[#34;#60;i#62;#35;");
    expect(text).not.toContain("-->");
    // The same labels unescaped are what the parser check is there to catch.
    const raw = text.replace(/#(\d+);/g, (_, c) => String.fromCharCode(Number(c)));
    await expect(parseMermaid(raw)).rejects.toThrow(/Parse error/);
  });

  it("chains environments in listed order when the config gives no edges", () => {
    expect(promotionBoard(report).map((e) => e.from)).toEqual([[], ["dev"], ["qa"], ["prod.eu"]]);
  });

  it("prints a board for a terminal, coloured or plain", () => {
    const board = promotionBoard(report, { qa: ["dev"], "prod.eu": ["qa"], preview: [] });
    const plain = boardText(board, { colour: false });
    expect(plain).toBe(
      [
        "● dev      1.2.0         deployed 30 min ago",
        "  ↓",
        "● qa       1.2.0         deployed 3 h ago · approved by carol",
        "  ↓",
        "● prod.eu  1.1.0         deployed 3 d ago · approved by bob, alice · ↩ rolled back from 1.2.0-rc.1 · held: 1.2.0-rc.1",
        "",
        "○ preview  nothing runs",
        "",
      ].join("\n"),
    );
    const coloured = boardText(board, { colour: true });
    expect(coloured).toContain("\u001b[33m↩ rolled back from 1.2.0-rc.1\u001b[0m");
    expect(coloured).toContain("\u001b[31mheld: 1.2.0-rc.1\u001b[0m");
    expect(coloured.replace(/\u001b\[[\d;]*m/g, "")).toBe(plain);
  });

  it("says how long ago", () => {
    expect([age(10_000), age(5 * 60_000), age(47 * 3_600_000), age(72 * 3_600_000)]).toEqual([
      "just now",
      "5 min ago",
      "47 h ago",
      "3 d ago",
    ]);
  });
});
