import { createRequire as __fastdeployRequire } from "node:module"; const require = __fastdeployRequire(import.meta.url);
function i(r){let e=n=>n===null?"-":`${Math.round(n*100)}%`,o=[["ENVIRONMENT","VERSION","DEPLOYED AT","APPROVED BY","DEPLOYS/DAY","FAILED","NOTE"],...Object.entries(r.environments).map(([n,t])=>[n,t.version??"-",t.deployed_at??"-",t.approved_by.join(", ")||(t.rollback?.reason.startsWith("automatic")?"automatic":"-"),t.metrics.deploymentFrequency.toFixed(2),e(t.metrics.changeFailureRate),t.rollback?`rolled back from ${t.rollback.from}: ${t.rollback.reason}`:""])],s=o[0]?.map((n,t)=>Math.max(...o.map(a=>(a[t]??"").length)))??[];return`${o.map(n=>n.map((t,a)=>t.padEnd(s[a]??0)).join("  ").trimEnd()).join(`
`)}

Metrics over the last ${r.window_days} days.
`}export{i as a};
