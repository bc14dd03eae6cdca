// Mermaid's own parser, in node. `mermaid.parse` needs a DOM only because it sanitises label
// text with DOMPurify, which looks for `window` when mermaid is first imported; happy-dom is
// the lightest DOM it works with (9 packages; jsdom brings 39 and the same result). The
// @mermaid-js/parser package alone does not cover flowcharts (info, pie, gitGraph, … only).
import { Window } from "happy-dom";

let parser: Promise<(text: string) => Promise<unknown>> | undefined;

/** Resolves when Mermaid accepts `text`; rejects with Mermaid's parse error otherwise. */
export function parseMermaid(text: string): Promise<unknown> {
  parser ??= (async () => {
    const window = new Window();
    Object.assign(globalThis, { window, document: window.document });
    const { default: mermaid } = await import("mermaid");
    return (source: string) => mermaid.parse(source);
  })();
  return parser.then((parse) => parse(text));
}

/** The first ```mermaid block of a Markdown text (a job summary, a doc). */
export function mermaidBlock(markdown: string): string {
  const block = /```mermaid\n([\s\S]*?)```/.exec(markdown)?.[1];
  if (block === undefined) throw new Error(`no mermaid block in:\n${markdown}`);
  return block;
}
