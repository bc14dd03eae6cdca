#!/usr/bin/env node
import { createRequire as __fastdeployRequire } from "node:module"; const require = __fastdeployRequire(import.meta.url);
import{a as i,b as d,c as p,d as f,e as l}from"../chunks/chunk-FOFHZ2PY.js";import"../chunks/chunk-OLFWJFQL.js";import"../chunks/chunk-TJRHEUB6.js";import"../chunks/chunk-ZFT63FFE.js";import"../chunks/chunk-UKFJPBZ6.js";import"../chunks/chunk-IQ6N2SBF.js";var c={dir:{type:"string"}};async function E(n,r){let O=Date.now(),a=typeof n.values.dir=="string"?n.values.dir:void 0,e;try{let{runDemo:o}=await import("../chunks/src-CR3TN2LH.js");e=await o({log:t=>r.stderr(`${t}
`),...a?{dir:a}:{}})}catch(o){return r.stderr(`fastdeploy demo failed: ${o instanceof Error?o.message:String(o)}
`),1}if(p(n,"json"))return d(r,e),0;let s=[["ENVIRONMENT","VERSION","DEPLOYED AT","APPROVED BY","NOTE"],...Object.entries(e.status.environments??{}).map(([o,t])=>[o,t.version??"-",t.deployed_at??"-",t.approved_by?.join(", ")||"-",t.rollback?`rolled back from ${t.rollback.from}`:""])],y=s[0].map((o,t)=>Math.max(...s.map(m=>(m[t]??"").length)));r.stdout(`
What runs where, from the deployment ledger:

`);for(let o of s)r.stdout(`  ${o.map((t,m)=>t.padEnd(y[m]??0)).join("  ").trimEnd()}
`);r.stdout(`
Job summaries of every step were written to ${e.dir}/summaries/:
`);for(let o of e.summaries)r.stdout(`  ${o}
`);return r.stdout(`
Demo finished in ${((Date.now()-O)/1e3).toFixed(1)} s.
`),0}var g={...f,demo:{options:c,positionals:{min:0,max:0,names:""},run:E}};process.exitCode=await l(process.argv.slice(2),i(),g);
