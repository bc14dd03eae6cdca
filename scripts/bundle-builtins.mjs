// An esbuild plugin: the bundle's ESM imports of node:http, node:crypto and node:tls become
// require(). An ESM import of a built-in goes through node's ESM facade, which reads every
// export of the module once, getters included: node:http's WebSocket, CloseEvent and
// MessageEvent load node's internal copy of undici, node:crypto's webcrypto and subtle set up
// WebCrypto, and node:tls's rootCertificates reads every root certificate. require() hands back
// the module object and runs no getter until one is read. Other built-ins stay ESM imports:
// each require() stand-in costs a copy of the export names per importing module.
const HEAVY_GETTERS = /^(node:)?(http|crypto|tls)$/;

export const builtinsByRequire = {
  name: "builtins-by-require",
  setup(build) {
    build.onResolve({ filter: HEAVY_GETTERS }, (args) =>
      args.kind === "import-statement"
        ? { path: args.path.replace(/^node:/, ""), namespace: "builtin-by-require" }
        : undefined,
    );
    // A CommonJS stand-in: esbuild imports it through __toESM, which copies the export names
    // without reading their values, and its require() stays external (the banner's require).
    build.onLoad({ filter: /.*/, namespace: "builtin-by-require" }, (args) => ({
      contents: `module.exports = require("node:${args.path}");`,
      loader: "js",
    }));
  },
};
