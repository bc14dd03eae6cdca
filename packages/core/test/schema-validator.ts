import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Ajv2020 } from "ajv/dist/2020.js";

/** Ajv over a published schema in docs/, to keep schema and hand-written parsers in agreement. */
export function publishedSchema(file: string): (data: unknown) => boolean {
  const url = new URL(`../../../docs/${file}`, import.meta.url);
  const schema = JSON.parse(readFileSync(fileURLToPath(url), "utf8"));
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  return ajv.compile(schema);
}
