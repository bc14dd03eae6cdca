import { createRequire as __fastdeployRequire } from "node:module"; const require = __fastdeployRequire(import.meta.url);
import{o as e}from"./chunk-YRXQP4X3.js";function m(r){let l=o=>o===null?"-":`${Math.round(o*100)}%`,n=[["ENVIRONMENT","VERSION","DEPLOYED AT","APPROVED BY","DEPLOYS/DAY","FAILED","NOTE"],...Object.entries(r.environments).map(([o,t])=>[o,t.version??"-",t.deployed_at??"-",t.approved_by.join(", ")||(t.rollback&&e(t.rollback.reason)?"automatic":"-"),t.metrics.deploymentFrequency.toFixed(2),l(t.metrics.changeFailureRate),t.rollback?`rolled back from ${t.rollback.from}: ${t.rollback.reason}`:""])],s=n[0]?.map((o,t)=>Math.max(...n.map(a=>(a[t]??"").length)))??[];return`${n.map(o=>o.map((t,a)=>t.padEnd(s[a]??0)).join("  ").trimEnd()).join(`
`)}

Metrics over the last ${r.window_days} days.
`}export{m as a};
