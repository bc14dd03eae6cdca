import { InputError } from "./inputs.js";

/** Splits `args` like a shell would for words and quotes, without running a shell. */
export function splitArgs(text: string): string[] {
  const words: string[] = [];
  let current = "";
  let quote: '"' | "'" | undefined;
  let started = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === "\\" && quote === '"' && i + 1 < text.length) current += text[++i];
      else current += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      started = true;
    } else if (/\s/.test(c)) {
      if (started) words.push(current);
      current = "";
      started = false;
    } else {
      current += c === "\\" && i + 1 < text.length ? text[++i] : c;
      started = true;
    }
  }
  if (quote) throw new InputError(`Input "args" has an unclosed ${quote} quote: ${text}`);
  if (started) words.push(current);
  return words;
}
