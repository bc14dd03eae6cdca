// The part of the `tunnel` package (what @actions/http-client proxies with) that
// http-transport.ts uses; the package ships no types.
declare module "tunnel" {
  import type { Agent } from "node:http";
  export interface TunnelOptions {
    maxSockets?: number;
    proxy: { host: string; port: number; proxyAuth?: string };
  }
  export function httpOverHttp(options: TunnelOptions): Agent;
  export function httpsOverHttp(options: TunnelOptions): Agent;
  export function httpOverHttps(options: TunnelOptions): Agent;
  export function httpsOverHttps(options: TunnelOptions): Agent;
}
