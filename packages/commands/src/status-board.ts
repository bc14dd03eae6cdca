import type { EnvironmentStatus, StatusReport } from "./status.js";

/**
 * The promotion board: where every version runs, drawn in promotion order. One model, three
 * pictures: a Mermaid flowchart (GitHub renders it in job summaries and Markdown), a board for
 * a terminal (coloured unless NO_COLOR), and the same board as plain text.
 */

export interface BoardEnvironment {
  name: string;
  version: string | null;
  /** "3 h ago", from the live deployment's success to the report's time. */
  age: string | null;
  approvedBy: string[];
  /** What runs is a rollback from this version. */
  rolledBackFrom?: string;
  /** Versions held (marked bad) here. */
  held: string[];
  /** Environments that feed this one (its `after:`, else the one listed before it). */
  from: string[];
}

/**
 * The board's environments in the report's order (the config's promotion order). `after`
 * gives the config's edges; an environment without one follows the one listed before it,
 * so dev → qa → prod reads as a chain even without a config.
 */
export function promotionBoard(
  report: StatusReport,
  after: Record<string, readonly string[]> = {},
): BoardEnvironment[] {
  const names = Object.keys(report.environments);
  const now = Date.parse(report.generated_at);
  return names.map((name, i) => {
    const e = report.environments[name] as EnvironmentStatus;
    const edges = (after[name] ?? []).filter((n) => names.includes(n));
    return {
      name,
      version: e.version,
      age: e.deployed_at ? age(now - Date.parse(e.deployed_at)) : null,
      approvedBy: e.approved_by,
      ...(e.rollback ? { rolledBackFrom: e.rollback.from } : {}),
      held: e.held,
      from: after[name] ? edges : i > 0 ? [names[i - 1]!] : [],
    };
  });
}

export function age(ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  if (minutes < 1) return "just now";
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.floor(hours / 24)} d ago`;
}

/**
 * A Mermaid flowchart, left to right. Node ids are generated (`env0`…): environment names may
 * hold `.` and `-`, which Mermaid ids do not take everywhere. Label text is entity-escaped, so
 * nothing in a version or a login can end a label or start markup.
 */
export function boardMermaid(board: readonly BoardEnvironment[]): string {
  const id = new Map(board.map((e, i) => [e.name, `env${i}`]));
  const lines = ["flowchart LR"];
  for (const e of board) {
    const parts = [`<b>${text(e.name)}</b>`];
    if (e.version === null) parts.push("nothing runs");
    else {
      parts.push(text(e.version));
      if (e.age) parts.push(`deployed ${text(e.age)}`);
      if (e.approvedBy.length) parts.push(`approved by ${text(e.approvedBy.join(", "))}`);
    }
    if (e.rolledBackFrom) parts.push(`↩ rolled back from ${text(e.rolledBackFrom)}`);
    if (e.held.length) parts.push(`⛔ held: ${text(e.held.join(", "))}`);
    lines.push(`  ${id.get(e.name)}["${parts.join("<br/>")}"]`);
  }
  for (const e of board) {
    for (const from of e.from) lines.push(`  ${id.get(from)} --> ${id.get(e.name)}`);
  }
  lines.push(
    "  classDef live fill:#dafbe1,stroke:#1a7f37,color:#1f2328",
    "  classDef rolledback fill:#fff8c5,stroke:#9a6700,color:#1f2328",
    "  classDef empty fill:#f6f8fa,stroke:#8c959f,color:#59636e,stroke-dasharray: 4 4",
  );
  const byClass: Record<string, string[]> = { live: [], rolledback: [], empty: [] };
  for (const e of board) byClass[kind(e)]!.push(id.get(e.name)!);
  for (const [name, ids] of Object.entries(byClass)) {
    if (ids.length) lines.push(`  class ${ids.join(",")} ${name}`);
  }
  return `${lines.join("\n")}\n`;
}

/** The board for a terminal: one line per environment, an arrow between them. */
export function boardText(
  board: readonly BoardEnvironment[],
  options: { colour: boolean },
): string {
  const paint = (code: string, s: string) => (options.colour ? `\u001b[${code}m${s}\u001b[0m` : s);
  const width = Math.max(0, ...board.map((e) => e.name.length));
  const versionWidth = Math.max(0, ...board.map((e) => (e.version ?? "nothing runs").length));
  const out: string[] = [];
  board.forEach((e, i) => {
    // An arrow from the environment above when it feeds this one; a gap when nothing does.
    if (i > 0) {
      const fromAbove = e.from.length === 1 && e.from[0] === board[i - 1]?.name;
      out.push(
        e.from.length === 0 ? "" : paint("2", fromAbove ? "  ↓" : `  ↓ after ${e.from.join(", ")}`),
      );
    }
    const state = kind(e);
    const mark =
      state === "live"
        ? paint("32", "●")
        : state === "rolledback"
          ? paint("33", "●")
          : paint("2", "○");
    const version = (e.version ?? "nothing runs").padEnd(versionWidth);
    const facts = [
      e.age ? `deployed ${e.age}` : "",
      e.approvedBy.length ? `approved by ${e.approvedBy.join(", ")}` : "",
      e.rolledBackFrom ? paint("33", `↩ rolled back from ${e.rolledBackFrom}`) : "",
      e.held.length ? paint("31", `held: ${e.held.join(", ")}`) : "",
    ].filter(Boolean);
    const versionText =
      state === "empty" ? paint("2", version) : paint(state === "live" ? "1;32" : "1;33", version);
    out.push(
      `${mark} ${paint("1", e.name.padEnd(width))}  ${versionText}  ${facts.join(" · ")}`.trimEnd(),
    );
  });
  return `${out.join("\n")}\n`;
}

function kind(e: BoardEnvironment): "live" | "rolledback" | "empty" {
  if (e.version === null) return "empty";
  return e.rolledBackFrom ? "rolledback" : "live";
}

/** Mermaid entity codes: quotes, angle brackets and `#` can neither end nor mark up a label. */
function text(value: string): string {
  return value.replace(/[#"<>&]/g, (c) => `#${c.charCodeAt(0)};`);
}
