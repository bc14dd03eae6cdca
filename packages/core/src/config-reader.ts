import { type Document, isAlias, isMap, isScalar, isSeq, type LineCounter, type Node } from "yaml";
import { ConfigError } from "./errors.js";

/**
 * Reads typed values out of a parsed YAML document while remembering where each came from,
 * so every config error points at the line and column of the node to change.
 */
export class ConfigReader {
  constructor(
    private readonly file: string,
    private readonly lines: LineCounter,
    private readonly doc: Document.Parsed,
  ) {}

  /** Throws a `ConfigError` located at `node` (or at the start of the file). */
  fail(node: Node | null | undefined, field: string, detail: string): never {
    const offset = node?.range?.[0] ?? 0;
    const { line, col } = this.lines.linePos(offset);
    throw new ConfigError(this.file, line, col, field ? `${field}: ${detail}` : detail);
  }

  failAt(offset: number, detail: string): never {
    const { line, col } = this.lines.linePos(offset);
    throw new ConfigError(this.file, line, col, detail);
  }

  lineOf(node: Node | null | undefined): number {
    return this.lines.linePos(node?.range?.[0] ?? 0).line;
  }

  /** Follows `*alias` to its anchored node; anchors are a YAML feature users may rely on. */
  resolve(node: unknown): Node | null {
    let current = node;
    for (let hops = 0; isAlias(current); hops++) {
      if (hops > 20) this.fail(current, "", "too many nested aliases");
      current = current.resolve(this.doc);
    }
    return (current as Node | undefined) ?? null;
  }

  /** A mapping with only `allowed` keys; unknown keys are refused with a did-you-mean hint. */
  map(
    raw: unknown,
    field: string,
    allowed: readonly string[],
    parent?: Node | null,
  ): Map<string, Node | null> & { node: Node } {
    const node = this.resolve(raw);
    if (!isMap(node)) this.fail(node ?? parent, field, `must be a mapping (key: value)`);
    const entries = new Map<string, Node | null>() as Map<string, Node | null> & { node: Node };
    entries.node = node;
    for (const pair of node.items) {
      const key = this.resolve(pair.key);
      if (!isScalar(key) || typeof key.value !== "string") {
        this.fail(key ?? node, field, "keys must be plain strings");
      }
      const name = key.value;
      if (!allowed.includes(name)) {
        const hint = closest(name, allowed);
        const label = field ? `${field}.${name}` : name;
        this.fail(
          key,
          label,
          `unknown key${hint ? `; did you mean "${hint}"?` : ""} (allowed: ${allowed.join(", ")})`,
        );
      }
      // Remember the key node for values that are absent (`key:` with nothing after it).
      entries.set(name, (this.resolve(pair.value) as Node | null) ?? key);
    }
    return entries;
  }

  string(raw: Node | null | undefined, field: string, options?: { allowEmpty: boolean }): string {
    const node = this.resolve(raw);
    const empty = options?.allowEmpty === true;
    if (!isScalar(node) || typeof node.value !== "string" || (node.value === "" && !empty)) {
      this.fail(node, field, empty ? "must be a string" : "must be a non-empty string");
    }
    return node.value;
  }

  boolean(raw: Node | null | undefined, field: string): boolean {
    const node = this.resolve(raw);
    if (!isScalar(node) || typeof node.value !== "boolean") {
      this.fail(node, field, "must be true or false");
    }
    return node.value;
  }

  integer(raw: Node | null | undefined, field: string, min: number, max: number): number {
    const node = this.resolve(raw);
    const value = isScalar(node) ? node.value : undefined;
    if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
      this.fail(node, field, `must be a whole number from ${min} to ${max}`);
    }
    return value;
  }

  /** A list of strings, also accepted as one string (`branches: main`). */
  strings(raw: Node | null | undefined, field: string): { values: string[]; nodes: Node[] } {
    const node = this.resolve(raw);
    const neither = "must be a non-empty string or a list of strings";
    if (isScalar(node) && typeof node.value !== "string") this.fail(node, field, neither);
    if (isScalar(node)) return { values: [this.string(node, field)], nodes: [node] };
    if (!isSeq(node)) this.fail(node, field, neither);
    const values: string[] = [];
    const nodes: Node[] = [];
    node.items.forEach((item, index) => {
      const resolved = this.resolve(item) ?? node;
      values.push(this.string(resolved, `${field}[${index}]`));
      nodes.push(resolved);
    });
    return { values, nodes };
  }

  /** The items of a sequence, for lists of mappings. */
  sequence(raw: Node | null | undefined, field: string): Node[] {
    const node = this.resolve(raw);
    if (!isSeq(node)) this.fail(node, field, "must be a list");
    return node.items.map((item) => this.resolve(item) ?? node);
  }
}

/** The allowed key nearest to a typo, if it is close enough to be a plausible intent. */
function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const candidate of candidates) {
    const distance = levenshtein(word.toLowerCase(), candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

function levenshtein(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
    }
    previous = current;
  }
  return previous[b.length]!;
}
