// licenses.txt for a bundle: each third-party package that went into it, once, with its
// license text, as the MIT, ISC, BSD and Apache licenses ask of copies that ship the code.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** The package folder (`node_modules/@scope/name`) of a bundled file, or undefined for ours. */
function packageDir(input) {
  const parts = input.split("/");
  const at = parts.lastIndexOf("node_modules");
  if (at < 0) return undefined;
  const length = parts[at + 1]?.startsWith("@") ? 3 : 2;
  return parts.slice(0, at + length).join("/");
}

function licenseFile(dir) {
  const name = readdirSync(dir).find((f) => /^(licen[cs]e|copying)(\.|-|$)/i.test(f));
  return name ? readFileSync(join(dir, name), "utf8").trim() : undefined;
}

/** `inputs` are the repository-relative paths of esbuild's metafile. */
export function licensesText(root, inputs) {
  const dirs = new Set(inputs.map(packageDir).filter((d) => d !== undefined));
  const entries = [];
  for (const dir of dirs) {
    const manifest = join(root, dir, "package.json");
    if (!existsSync(manifest)) continue;
    const pkg = JSON.parse(readFileSync(manifest, "utf8"));
    const license = typeof pkg.license === "string" ? pkg.license : "see the package";
    const text = licenseFile(join(root, dir)) ?? `(no license file in ${pkg.name})`;
    entries.push(`${pkg.name}@${pkg.version}\n${license}\n${text}\n`);
  }
  // A package bundled from two places (nested versions) is listed once per version.
  return `${[...new Set(entries)].sort().join("\n")}`;
}
