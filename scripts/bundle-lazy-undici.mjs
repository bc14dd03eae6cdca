// An esbuild plugin: @actions/http-client imports undici (about 415 kB, the largest module an
// action would load) only to build a ProxyAgent when a proxy is configured, and @actions/core
// imports http-client only for OIDC tokens. An ESM import evaluates undici at start-up all the
// same, on every step. Here http-client gets a stand-in whose ProxyAgent loads the real undici,
// still bundled, on first construction: steps without a proxy never evaluate it.
const STAND_IN = `
let undici;
exports.ProxyAgent = function ProxyAgent(options) {
  undici ??= require("undici");
  return new undici.ProxyAgent(options);
};
`;

export const lazyUndici = {
  name: "lazy-undici",
  setup(build) {
    build.onResolve({ filter: /^undici$/ }, (args) => {
      if (!/[\\/]node_modules[\\/]@actions[\\/]http-client[\\/]/.test(args.importer)) return;
      return { path: "undici", namespace: "lazy-undici", pluginData: args.resolveDir };
    });
    // resolveDir makes the stand-in's require("undici") find the version http-client asked for.
    build.onLoad({ filter: /.*/, namespace: "lazy-undici" }, (args) => ({
      contents: STAND_IN,
      loader: "js",
      resolveDir: args.pluginData,
    }));
  },
};
