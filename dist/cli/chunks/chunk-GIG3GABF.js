import { createRequire as __fastdeployRequire } from "node:module"; const require = __fastdeployRequire(import.meta.url);
function i(a){let r=t=>t===null?"-":`${Math.round(t*100)}%`,o=[["ENVIRONMENT","VERSION","DEPLOYED AT","APPROVED BY","DEPLOYS/DAY","FAILED","NOTE"],...Object.entries(a.environments).map(([t,n])=>[t,n.version??"-",n.deployed_at??"-",n.approved_by.join(", ")||"-",n.metrics.deploymentFrequency.toFixed(2),r(n.metrics.changeFailureRate),n.rollback?`rolled back from ${n.rollback.from}: ${n.rollback.reason}`:""])],s=o[0]?.map((t,n)=>Math.max(...o.map(e=>(e[n]??"").length)))??[];return`${o.map(t=>t.map((n,e)=>n.padEnd(s[e]??0)).join("  ").trimEnd()).join(`
`)}

Metrics over the last ${a.window_days} days.
`}export{i as a};
