import { createRequire as __fastdeployRequire } from "node:module"; const require = __fastdeployRequire(import.meta.url);
import{g as s,i as a,j as n}from"./chunk-KMTXW53P.js";import{L as i}from"./chunk-YRXQP4X3.js";async function f(o,t){let e=await a(o,t),p=m();try{n(e,o,t);let r={GITHUB_API_URL:e.local.sandbox.apiUrl,GITHUB_TOKEN:e.tokenFor(s),GITHUB_REPOSITORY:e.seed.repository};o.json?i(t,r):t.stdout(Object.entries(r).map(([l,c])=>`${l}=${c}
`).join("")),t.stderr(`Set these in another terminal and run any command against it, e.g. fastdeploy status --api-url ${e.local.sandbox.apiUrl}
Press Ctrl-C to stop.
`),await p}finally{await e.close()}return t.stderr(o.stateDir?`Stopped; the local GitHub is saved in ${o.stateDir}.
`:`Stopped; the local GitHub is gone (pass --state DIR to keep it).
`),0}function m(){return new Promise(o=>{let t=()=>{process.off("SIGINT",t),process.off("SIGTERM",t),o()};process.on("SIGINT",t),process.on("SIGTERM",t)})}export{f as localStart};
