// @actions/http-client imports undici (about 415 kB, the largest module an action would load)
// only to build a ProxyAgent in getAgentDispatcher(), and @actions/github (which
// @actions/artifact brings) only for the fetch of getProxyFetch(); nothing in FastDeploy calls
// either, and @actions/core imports http-client only for OIDC tokens. As an ESM import, undici
// would still be parsed and evaluated at the start of every step. So undici is bundled on its
// own, as chunks/undici.cjs, and the @actions packages get a stand-in whose ProxyAgent and
// fetch require that file on first use: no step loads it unless a proxy really needs it.
import { createRequire } from "node:module";
import { join } from "node:path";
import { build } from "esbuild";

const FILE = "undici.cjs";
// Every name the @actions packages import from undici (checked by bundle.mjs after the build).
const STAND_IN = `
let undici;
const load = () => (undici ??= require("./${FILE}"));
exports.ProxyAgent = function ProxyAgent(options) {
  return new (load().ProxyAgent)(options);
};
exports.fetch = (...args) => load().fetch(...args);
`;
const ACTIONS_PACKAGE = /[\\/]node_modules[\\/]@actions[\\/]/;

/** The esbuild plugin: `undici` of the @actions packages becomes the stand-in. */
export const lazyUndici = {
  name: "lazy-undici",
  setup(build) {
    build.onResolve({ filter: /^undici$/ }, (args) =>
      ACTIONS_PACKAGE.test(args.importer)
        ? { path: "undici", namespace: "lazy-undici" }
        : undefined,
    );
    build.onResolve({ filter: new RegExp(`^\\./${FILE.replace(".", "\\.")}$`) }, (args) =>
      args.namespace === "lazy-undici" ? { path: args.path, external: true } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: "lazy-undici" }, () => ({
      contents: STAND_IN,
      loader: "js",
    }));
  },
};

/** Bundles the undici that http-client asked for into <out>/chunks/undici.cjs; its inputs. */
export async function bundleUndici(root, out) {
  const fromHttpClient = createRequire(
    join(root, "node_modules/@actions/http-client/package.json"),
  );
  const result = await build({
    absWorkingDir: root,
    entryPoints: [fromHttpClient.resolve("undici")],
    outfile: join(out, "chunks", FILE),
    bundle: true,
    format: "cjs",
    platform: "node",
    target: "node20",
    minify: true,
    legalComments: "none",
    metafile: true,
    logLevel: "warning",
  });
  return Object.keys(result.metafile.inputs);
}

/**
 * The stand-in requires ./undici.cjs, so it must sit in an output file under chunks/; and no
 * other copy of undici may be bundled (an import the stand-in does not cover).
 */
export function checkStandInPlace(metafile, out, root) {
  const copies = Object.keys(metafile.inputs).filter((i) => /node_modules[\\/]undici[\\/]/.test(i));
  if (copies.length > 0) throw new Error(`undici is bundled beside its stand-in: ${copies[0]}`);
  for (const [file, output] of Object.entries(metafile.outputs)) {
    if (!Object.keys(output.inputs).some((i) => i.startsWith("lazy-undici:"))) continue;
    const where = join(root, file);
    if (!where.startsWith(join(out, "chunks"))) {
      throw new Error(`the undici stand-in landed in ${where}, outside chunks/`);
    }
  }
}
