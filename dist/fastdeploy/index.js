import { createRequire as __fastdeployRequire } from "node:module"; const require = __fastdeployRequire(import.meta.url);
import{i as Q,n as ee}from"../chunks/chunk-THHGPDYL.js";import{$ as re,A as J,C as X,N as Y,O as Z,T as te,V as ne,_ as oe,c as L,d as V,e as D,r as T,s as I,z}from"../chunks/chunk-WYAGRJWY.js";import{n as F,o as W}from"../chunks/chunk-X64SFW4D.js";var u=class extends Error{constructor(n,o){super(n);this.command=o}command;name="UsageError"},w=class extends Error{name="CliFailure"};function R(e,t={}){return{info:n=>e.stderr(`${n}
`),warning:n=>e.stderr(`warning: ${n}
`),debug:n=>{t.verbose&&e.stderr(`debug: ${n}
`)},group:async(n,o)=>(e.stderr(`${n}\u2026
`),o())}}function b(e,t){e.stdout(`${JSON.stringify(t,null,2)}
`)}import{execFileSync as Fe}from"node:child_process";import{readFile as je}from"node:fs/promises";import{resolve as Be}from"node:path";import{parseArgs as qe}from"node:util";var Ke={repo:{type:"string"},token:{type:"string"},"api-url":{type:"string"},config:{type:"string"},json:{type:"boolean"},verbose:{type:"boolean"},help:{type:"boolean",short:"h"}};function ie(e,t,n,o){let r;try{r=qe({args:t,options:{...Ke,...n},allowPositionals:!0,strict:!0})}catch(s){throw new u(s.message.split(". To specify")[0]??"",e)}if(r.values.help)return r;let i=r.positionals.length;if(i<o.min)throw new u(`missing ${o.names}`,e);if(i>o.max){let s=r.positionals.slice(o.max).join(" ");throw new u(`unexpected argument: ${s}`,e)}return r}function f(e,t){let n=e.values[t];return typeof n=="string"?n:void 0}function y(e,t){return e.values[t]===!0}function k(e,t){let n=f(e,t);if(n!==void 0)return n.split(/[\n,]/).map(o=>o.trim()).filter(Boolean)}function G(e,t,n,o){let r=f(e,t);if(r===void 0)return;let i=Number(r);if(!/^\d+$/.test(r)||i<o.min||i>o.max)throw new u(`--${t} must be a whole number from ${o.min} to ${o.max}, got "${r}"`,n);return i}var Me=/^([A-Za-z0-9-]{1,39})\/([A-Za-z0-9._-]{1,100})$/;function We(e,t,n){let o=f(e,"repo")??t.env.GITHUB_REPOSITORY??Ve(t.cwd);if(!o)throw new u("which repository? Pass --repo owner/name (or run inside a clone with a GitHub origin)",n);let r=Me.exec(o);if(!r)throw new u(`--repo must be owner/name, got "${o}"`,n);return{owner:r[1]??"",repo:r[2]??""}}function Ve(e){try{let t=Fe("git",["config","--get","remote.origin.url"],{cwd:e,encoding:"utf8",stdio:["ignore","pipe","ignore"]}).trim(),n=/[:/]([^/:]+)\/([^/]+?)(?:\.git)?\/?$/.exec(t);return n?`${n[1]}/${n[2]}`:void 0}catch{return}}function ze(e,t,n){let o=f(e,"token")||t.env.GITHUB_TOKEN||t.env.GH_TOKEN;if(!o)throw new u("no GitHub token: pass --token, or set GITHUB_TOKEN or GH_TOKEN (e.g. GITHUB_TOKEN=$(gh auth token))",n);return o}function Je(e,t){return f(e,"api-url")??t.env.GITHUB_API_URL??"https://api.github.com"}function E(e,t,n){let o=We(e,t,n),r=ze(e,t,n),i;try{i=Z(t.env)}catch(a){throw new u(a.message,n)}return{client:Y({token:r,apiUrl:Je(e,t),userAgent:"fastdeploy-cli",warn:a=>t.stderr(`warning: ${a}
`),...Object.fromEntries(Object.entries(i).filter(([,a])=>a!==void 0))}),repo:o,token:r}}function Xe(e,t){return Be(t,f(e,"config")??T)}async function A(e,t){let n=Xe(e,t),o;try{o=await je(n,"utf8")}catch(r){if(r.code==="ENOENT")return;throw r}return I(o,f(e,"config")??T)}var se={to:{type:"string"},ref:{type:"string"},workflow:{type:"string"}},ae={env:{type:"string"},to:{type:"string"},reason:{type:"string"},ref:{type:"string"},workflow:{type:"string"}},Ye=/^[A-Za-z0-9][A-Za-z0-9._-]{0,254}$/;async function pe(e,t){let n=le(e.positionals[0]??"","promote"),o=me(f(e,"to"),"--to","promote");return de(e,t,"promote",f(e,"workflow")??"promote.yml",{version:n,environment:o})}async function ce(e,t){let n=me(f(e,"env"),"--env","rollback"),o=f(e,"to"),r=o===void 0||o==="previous"?"previous":le(o,"rollback"),i=f(e,"reason");return de(e,t,"rollback",f(e,"workflow")??"rollback.yml",{environment:n,version:r,...i?{reason:i}:{}})}function le(e,t){let n=e.replace(/^v(?=\d)/,"");if(!D(n))throw new u(`"${e}" is not a SemVer version such as 1.2.3`,t);return n}function me(e,t,n){if(!e)throw new u(`${t} <environment> is required`,n);if(!Ye.test(e))throw new u(`${t} "${e}" is not an environment name`,n);return e}async function de(e,t,n,o,r){let{client:i,repo:s}=E(e,t,n),a=f(e,"ref")??await Ze(i,s);t.stderr(`Dispatching ${o} on ${a} of ${s.owner}/${s.repo}\u2026
`);let c;try{let m=await i.request("POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches",{...s,workflow_id:o,ref:a,inputs:r,return_run_details:!0});c=m.status===200?m.data:{}}catch(m){let d=m.status,p=m.response?.data?.message;throw d===404?new w(`Workflow ${o} was not found in ${s.owner}/${s.repo}: run fastdeploy init, commit .github/workflows/${o} and push it (or pass --workflow).`):d===422?new w(`GitHub refused to start ${o}: ${p??"validation failed"}.`):m}let l={workflow:o,ref:a,inputs:r,run_id:c.workflow_run_id??null,run_url:c.html_url??null,api_url:c.run_url??null};return y(e,"json")?(b(t,l),0):(l.run_url?t.stdout(`${l.run_url}
`):t.stdout(`Dispatched ${o} on ${a}; this server does not return run details, see the Actions tab.
`),0)}async function Ze(e,t){let{data:n}=await e.rest.repos.get({...t});return n.default_branch}var Qe=["release.yml","promote.yml","rollback.yml"];async function fe(e,t,n,o,r){let i={repository:`${t.owner}/${t.repo}`,passed:[],findings:[]},s=i.repository,a="Settings \u2192 Environments",c=`${o}*`,l=!1;for(let p of n){r(`Checking environment ${p.name}`);let v=await X(e,t,p.name);if(!v){i.findings.push({check:"environment",environment:p.name,problem:`environment ${p.name} does not exist`,fix:`fastdeploy init --apply --repo ${s} --reviewers <logins>, or create it in ${a}`});continue}i.passed.push(`environment ${p.name} exists`);let _=p.production||p.requireReview;if(_&&v.reviewers.length===0?i.findings.push({check:"reviewers",environment:p.name,problem:`${p.name} has no required reviewers, so anyone who can run a workflow deploys there`,fix:`fastdeploy init --apply --reviewers <logins>, or ${a} \u2192 ${p.name} \u2192 Required reviewers`}):_&&i.passed.push(`${p.name} requires a review by ${v.reviewers.map(P=>P.name).join(", ")}`),p.production&&!v.preventSelfReview?i.findings.push({check:"self-review",environment:p.name,problem:`${p.name} lets the person who started a deploy approve it`,fix:`fastdeploy init --apply, or ${a} \u2192 ${p.name} \u2192 Prevent self-review`}):p.production&&i.passed.push(`${p.name} prevents self-review`),p.production&&v.branchPolicy?.custom_branch_policies){let{data:P}=await e.rest.repos.listDeploymentBranchPolicies({...t,environment_name:p.name,per_page:100});P.branch_policies.some(g=>g.type==="tag"&&g.name===c)&&(l=!0,i.passed.push(`${p.name} deploys only from allowed refs, tags ${c} among them`))}}l||(r("Checking tag rulesets"),await et(e,t,c)?i.passed.push(`an active ruleset protects tags ${c}`):i.findings.push({check:"tag-protection",problem:`release tags ${c} are not protected: no production tag policy and no active tag ruleset`,fix:`fastdeploy init --apply (adds a ${c} tag policy to production), or Settings \u2192 Rules \u2192 Rulesets \u2192 New tag ruleset for refs/tags/${c}`})),r("Checking default workflow permissions");let{data:m}=await e.rest.actions.getGithubActionsDefaultWorkflowPermissionsRepository({...t});m.default_workflow_permissions==="read"?i.passed.push("workflows get a read-only token unless they ask for more"):i.findings.push({check:"workflow-permissions",problem:"the default GITHUB_TOKEN can write to the repository in every workflow",fix:`gh api -X PUT repos/${s}/actions/permissions/workflow -f default_workflow_permissions=read, or Settings \u2192 Actions \u2192 General \u2192 Workflow permissions \u2192 Read`}),r("Checking workflows");let d=await tt(e,t);for(let p of Qe)d.has(`.github/workflows/${p}`)?i.passed.push(`workflow .github/workflows/${p} is in the repository`):i.findings.push({check:"workflow",problem:`.github/workflows/${p} is not in the repository's default branch`,fix:"fastdeploy init writes it (copied from workflows/ of FastDeploy); commit and push it"});return i}async function et(e,t,n){let{data:o}=await e.rest.repos.getRepoRulesets({...t,targets:"tag",per_page:100});for(let r of o){if(r.target!=="tag"||r.enforcement!=="active")continue;let{data:i}=await e.rest.repos.getRepoRuleset({...t,ruleset_id:r.id}),a=i.conditions?.ref_name?.include??[],c=n.replace(/\*$/,"");if(a.some(m=>m==="~ALL"||m===`refs/tags/${n}`||m.startsWith(`refs/tags/${c}`)&&m.includes("*")))return!0}return!1}async function tt(e,t){let n=await e.paginate(e.rest.actions.listRepoWorkflows,{...t,per_page:100});return new Set(n.map(o=>o.path))}import{mkdir as nt,readFile as ot,writeFile as rt}from"node:fs/promises";import{dirname as it,relative as st}from"node:path";var ue=`# Copy to .github/workflows/release.yml (or run \`fastdeploy init\`).
# Pushes to main deploy a prerelease to the first environment; a tag v1.2.3 is built once,
# published as a release and promoted through every environment, each behind its reviewers.
name: Release

on:
  push:
    branches: [main]
    tags: ["v*.*.*"]

# Nothing by default; the pipeline's jobs each ask for their own share of the grant below.
permissions: {}

jobs:
  release:
    uses: fastdeploy/fastdeploy/.github/workflows/pipeline.yml@v1
    # The most any job of the pipeline may get (build reads, publish writes contents, deploy
    # jobs write deployments); each job narrows it to what it needs.
    permissions:
      contents: write
      deployments: write
      actions: read
      checks: read
      statuses: read
    with:
      # Promotion order; keep it the same as environments in .github/fastdeploy.yml.
      environments: __LIST__
    # Environment secrets (DEPLOY_TOKEN) only reach a called workflow's deploy job this way.
    secrets: inherit
`,ge=`# Copy to .github/workflows/promote.yml (or run \`fastdeploy init\`).
# Deploys a published version to one environment: Actions \u2192 Promote \u2192 Run workflow, or
# \`fastdeploy promote 1.2.3 --to qa\`.
name: Promote

on:
  workflow_dispatch:
    inputs:
      version:
        description: Published version to promote, e.g. 1.2.3.
        type: string
        required: true
      environment:
        description: Environment to deploy it to.
        type: choice
        options: [__OPTIONS__]
        required: true

# Nothing by default; the promote job asks for its own share of the grant below.
permissions: {}

jobs:
  promote:
    uses: fastdeploy/fastdeploy/.github/workflows/promote.yml@v1
    permissions:
      contents: read
      deployments: write
      actions: read
      checks: read
      statuses: read
    with:
      version: \${{ inputs.version }}
      environment: \${{ inputs.environment }}
    # Environment secrets (DEPLOY_TOKEN) only reach a called workflow's deploy job this way.
    secrets: inherit
`,he=`# Copy to .github/workflows/rollback.yml (or run \`fastdeploy init\`).
# One click back to the last known good version: Actions \u2192 Rollback \u2192 Run workflow, or
# \`fastdeploy rollback --env prod --reason "error rate above 5%"\`.
name: Rollback

on:
  workflow_dispatch:
    inputs:
      environment:
        description: Environment to roll back.
        type: choice
        options: [__OPTIONS__]
        required: true
      version:
        description: Version to roll back to; \`previous\` is the newest good version before the live one.
        type: string
        required: false
        default: previous
      reason:
        description: Why; recorded in the deployment ledger.
        type: string
        required: false
        default: ""

# Nothing by default; the rollback job asks for its own share of the grant below.
permissions: {}

jobs:
  rollback:
    uses: fastdeploy/fastdeploy/.github/workflows/rollback.yml@v1
    permissions:
      contents: read
      deployments: write
    with:
      environment: \${{ inputs.environment }}
      version: \${{ inputs.version }}
      reason: \${{ inputs.reason }}
    # Environment secrets (DEPLOY_TOKEN) only reach a called workflow's deploy job this way.
    secrets: inherit
`;var at=/^[A-Za-z_][A-Za-z0-9._/-]*$/,pt=/^(true|false|yes|no|on|off|null|y|n)$/i,S=e=>at.test(e)&&!pt.test(e)?e:JSON.stringify(e),we=e=>e.map(S).join(", ");function U(e){let t=["# FastDeploy configuration; every key is described in docs/configuration.md."];e.name&&t.push(`name: ${S(e.name)}`),t.push("build:"),e.buildCommand&&t.push(`  command: ${JSON.stringify(e.buildCommand)}`),t.push(`  path: [${we(e.path)}]`),t.push("deploy:"),t.push("  # Runs once per target in the extracted artifact, with FASTDEPLOY_* variables."),t.push(`  command: ${JSON.stringify(e.deployCommand)}`),t.push("environments:");let n=e.environments;return n.forEach((o,r)=>{t.push(`  - name: ${S(o)}`),r===0?t.push(`    auto-deploy: { branches: [${S(e.branch)}] }`):t.push(`    after: [${S(n[r-1]??"")}]`),r===n.length-1&&n.length>1&&(t.push("    production: true"),t.push("    require-review: true"))}),`${t.join(`
`)}
`}function ye(e){let t=we(e);return[{path:".github/workflows/release.yml",text:ue.replace("__LIST__",e.join(", "))},{path:".github/workflows/promote.yml",text:ge.replace("__OPTIONS__",t)},{path:".github/workflows/rollback.yml",text:he.replace("__OPTIONS__",t)}]}async function j(e,t,n,o){let r=st(e,t)||t,i;try{i=await ot(t,"utf8")}catch(s){if(s.code!=="ENOENT")throw s}return i===n?{path:r,outcome:"unchanged"}:i!==void 0&&!o?{path:r,outcome:"kept"}:(await nt(it(t),{recursive:!0}),await rt(t,n),{path:r,outcome:i===void 0?"created":"updated"})}var ve={dir:{type:"string"}};async function be(e,t){let{client:n,repo:o}=E(e,t,"doctor"),r=f(e,"dir")??t.cwd,i=await A(e,r),s=f(e,"config")??T;i||t.stderr(`No ${s} here; checking the environments fastdeploy init would create (dev, qa, prod).
`);let a=i??I(U({environments:["dev","qa","prod"],path:["dist"],deployCommand:"true",branch:"main"})),c=y(e,"json"),l=await fe(n,o,a.environments,a.tagPrefix,d=>t.stderr(`${d}\u2026
`)),m=l.findings.length===0;if(c)return b(t,{ok:m,...l}),m?0:1;t.stdout(`Doctor for ${l.repository}

`);for(let d of l.passed)t.stdout(`  ok       ${d}
`);for(let d of l.findings)t.stdout(`  MISSING  ${d.problem}
           fix: ${d.fix}
`);return t.stdout(m?`
Everything FastDeploy needs is in place.
`:`
${l.findings.length} missing piece${l.findings.length===1?"":"s"}.
`),m?0:1}import{readFile as ct}from"node:fs/promises";import{join as Oe,resolve as lt}from"node:path";async function Ee(e,t){let n=[];for(let o of t){let r=o.replace(/^@/,""),[i,s,a]=r.split("/");try{if(s!==void 0&&a===void 0&&i){let{data:c}=await e.rest.teams.getByName({org:i,team_slug:s});n.push({type:"Team",id:c.id,name:r})}else{let{data:c}=await e.rest.users.getByUsername({username:r});n.push({type:"User",id:c.id,name:c.login})}}catch(c){throw c.status!==404?c:new w(`Reviewer "${o}" was not found: give a user login or an org/team slug that can see the repository.`)}}if(n.length>6)throw new w(`GitHub accepts at most 6 reviewers per environment; ${n.length} were given.`);return n}function $e(e,t){return e.map(n=>({name:n.name,reviewed:n.production||n.requireReview,...n.production&&t.waitTimer!==void 0?{waitTimer:t.waitTimer}:{},branches:[...new Set([t.defaultBranch,...n.autoDeploy.branches])],tagPattern:`${t.tagPrefix}*`}))}async function ke(e,t,n,o,r){r.info(`Environment ${n.name}: protection rules`),await e.rest.repos.createOrUpdateEnvironment({...t,environment_name:n.name,...n.waitTimer!==void 0?{wait_timer:n.waitTimer}:{},...n.reviewed?{reviewers:o.map(a=>({type:a.type,id:a.id})),prevent_self_review:!0}:{},deployment_branch_policy:{protected_branches:!1,custom_branch_policies:!0}});let{data:i}=await e.rest.repos.listDeploymentBranchPolicies({...t,environment_name:n.name,per_page:100}),s=[...n.branches.map(a=>({name:a,type:"branch"})),{name:n.tagPattern,type:"tag"}];for(let a of s)i.branch_policies.some(l=>l.name===a.name&&(l.type??"branch")===a.type)||(r.info(`Environment ${n.name}: allow ${a.type} ${a.name}`),await e.rest.repos.createDeploymentBranchPolicy({...t,environment_name:n.name,...a}));return{name:n.name,reviewers:n.reviewed?o.map(a=>a.name):[],policies:s.map(a=>`${a.type}:${a.name}`)}}var _e={dir:{type:"string"},environments:{type:"string"},name:{type:"string"},"build-command":{type:"string"},path:{type:"string"},"deploy-command":{type:"string"},branch:{type:"string"},reviewers:{type:"string"},"wait-timer":{type:"string"},force:{type:"boolean"},apply:{type:"boolean"}},mt=/^[A-Za-z0-9][A-Za-z0-9._-]{0,254}$/,dt='echo "Deploy $FASTDEPLOY_VERSION to $FASTDEPLOY_TARGET: replace this command in .github/fastdeploy.yml"';async function Pe(e,t){let n=lt(t.cwd,f(e,"dir")??"."),o=f(e,"config")??T,r=y(e,"force"),i=y(e,"apply"),s=G(e,"wait-timer","init",{min:0,max:43200}),a=k(e,"reviewers")??[],c=k(e,"environments")??["dev","qa","prod"];ft(c);let l=Oe(n,o),m=await gt(l),d=m!==void 0&&!r?m:U({environments:c,...f(e,"name")?{name:f(e,"name")}:{},...f(e,"build-command")?{buildCommand:f(e,"build-command")}:{},path:k(e,"path")??["dist"],deployCommand:f(e,"deploy-command")??dt,branch:f(e,"branch")??"main"}),p=ut(d,o);if(p.environments.length===0)throw new w(`${o} lists no environments; add them (docs/configuration.md) or run init --force.`);let v=p.environments.filter(g=>g.production||g.requireReview);if(i&&v.length>0&&a.length===0)throw new u(`${v.map(g=>g.name).join(", ")} must be reviewed before deploys: pass --reviewers with user logins or org/team slugs`,"init");let _=[];_.push(await j(n,l,d,r));for(let g of ye(p.environments.map($=>$.name)))_.push(await j(n,Oe(n,g.path),g.text,r));let P=[];if(i){let g=R(t,{verbose:y(e,"verbose")}),{client:$,repo:N}=E(e,t,"init");g.info(`Resolving reviewers of ${N.owner}/${N.repo}`);let De=await Ee($,a),{data:Ge}=await $.rest.repos.get({...N}),Ue=$e(p.environments,{tagPrefix:p.tagPrefix,defaultBranch:Ge.default_branch,...s!==void 0?{waitTimer:s}:{}});for(let He of Ue)P.push(await ke($,N,He,De,g))}if(y(e,"json"))return b(t,{directory:n,files:_,environments:P}),0;for(let g of _){let $=g.outcome==="kept"?" (exists with other content; --force replaces it)":"";t.stdout(`${g.outcome.padEnd(9)} ${g.path}${$}
`)}for(let g of P){let $=g.reviewers.length?`reviewers ${g.reviewers.join(", ")}`:"no reviewers";t.stdout(`applied   environment ${g.name}: ${$}; deploys from ${g.policies.join(", ")}
`)}return t.stdout(i?"\nNext: commit and push the files above, then run `fastdeploy doctor`.\n":"\nNext: commit and push the files above, then run `fastdeploy init --apply --reviewers <logins>` to create the environments.\n"),0}function ft(e){if(e.length===0)throw new u("--environments lists no environment","init");for(let o of e)if(!mt.test(o))throw new u(`environment "${o}" must be letters, digits, '.', '_' or '-' (at most 255)`,"init");let t=e.map(o=>o.toLowerCase()),n=e.find((o,r)=>t.indexOf(t[r]??"")!==r);if(n)throw new u(`environment "${n}" is listed twice`,"init")}function ut(e,t){try{return I(e,t)}catch(n){throw n instanceof V?new w(n.message):n}}async function gt(e){try{return await ct(e,"utf8")}catch(t){if(t.code==="ENOENT")return;throw t}}var Te={environments:{type:"string"},window:{type:"string"}};async function xe(e,t){let n=G(e,"window","status",{min:1,max:365})??30,{client:o,repo:r}=E(e,t,"status"),i=await A(e,t.cwd),s=k(e,"environments")??i?.environments.map(d=>d.name)??[],a=await ee({repo:r,environments:s,windowDays:n},{github:o,log:R(t,{verbose:y(e,"verbose")})});if(y(e,"json"))return b(t,{repository:`${r.owner}/${r.repo}`,...a}),0;let c=d=>d===null?"-":`${Math.round(d*100)}%`,l=[["ENVIRONMENT","VERSION","DEPLOYED AT","APPROVED BY","DEPLOYS/DAY","FAILED","NOTE"],...Object.entries(a.environments).map(([d,p])=>[d,p.version??"-",p.deployed_at??"-",p.approved_by.join(", ")||"-",p.metrics.deploymentFrequency.toFixed(2),c(p.metrics.changeFailureRate),p.rollback?`rolled back from ${p.rollback.from}: ${p.rollback.reason}`:""])],m=l[0]?.map((d,p)=>Math.max(...l.map(v=>(v[p]??"").length)))??[];for(let d of l)t.stdout(`${d.map((p,v)=>p.padEnd(m[v]??0)).join("  ").trimEnd()}
`);return t.stdout(`
Metrics over the last ${a.window_days} days.
`),0}import{resolve as Ie}from"node:path";var Re={"require-files":{type:"string"},"max-size":{type:"string"},"download-dir":{type:"string"}};async function Ae(e,t){let n=(e.positionals[0]??"").replace(/^v(?=\d)/,"");if(!D(n))throw new u(`"${e.positionals[0]}" is not a SemVer version such as 1.2.3`,"verify");let o,r=f(e,"max-size");if(r!==void 0)try{o=z(r)}catch(d){throw new u(d.message,"verify")}let{client:i,repo:s}=E(e,t,"verify"),a=await A(e,t.cwd),c=f(e,"download-dir"),l;try{l=await Q({repo:s,version:n,tagPrefix:a?.tagPrefix??"v",...k(e,"require-files")?{requireFiles:k(e,"require-files")}:{},...o!==void 0?{maxSize:o}:{},...c?{downloadDir:Ie(t.cwd,c)}:{}},{log:R(t,{verbose:y(e,"verbose")}),github:i})}catch(d){throw d instanceof L?new w(d.message):d}let m={verified:!0,name:l.manifest.name,version:l.version,tag:l.tag,digest:l.digest,size:l.size,files:l.manifest.files.length,commit:l.manifest.source.commit,release_url:l.releaseUrl,...c?{downloaded_to:Ie(t.cwd,c)}:{}};return y(e,"json")?(b(t,m),0):(t.stdout(`Verified ${m.name} ${m.version} (${m.tag})
  digest   ${m.digest}
  size     ${J(m.size)}, ${m.files} files
  commit   ${m.commit}
  release  ${m.release_url}
`),0)}var O=`Global options:
  --repo <owner/name>   Repository (default: GITHUB_REPOSITORY, then the git origin remote)
  --token <token>       GitHub token (default: GITHUB_TOKEN, then GH_TOKEN); never printed
  --api-url <url>       REST API URL (default: GITHUB_API_URL, then https://api.github.com)
  --config <path>       Config file (default: .github/fastdeploy.yml)
  --json                Print data as JSON on stdout (progress stays on stderr)
  --verbose             Print debug lines on stderr
  -h, --help            Show help`,C="Exit codes: 0 ok, 1 failed or found problems, 2 usage error (nothing was done).",B=`fastdeploy: a Git-native release pipeline on GitHub Actions.

Usage: fastdeploy <command> [options]

Commands:
  init                         Write the config and starter workflows; --apply sets up environments
  doctor                       Check a repository: environments, reviewers, tag protection, permissions
  status                       What runs in each environment and DORA metrics, from the ledger
  verify <version>             Download a published release and check every asset
  promote <version> --to <env> Dispatch the promote workflow and print the run URL
  rollback --env <env>         Dispatch the rollback workflow and print the run URL
  demo                         The whole pipeline on this machine against a local GitHub sandbox
  help [command]               Show help for a command

${O}

${C}
Docs: docs/cli.md`,q={demo:`Usage: fastdeploy demo [options]

Runs the whole pipeline on this machine, no GitHub account needed: starts a local GitHub
(REST API checked against GitHub's OpenAPI description, workflow artifacts on Azurite),
builds a sample app, verifies it, publishes v1.0.0, promotes it dev \u2192 qa \u2192 prod with
recorded approvals, then publishes v1.1.0 whose production health check fails so it is
rolled back to v1.0.0 automatically. Prints what runs where and where each step's job
summary was written. Needs the repository checkout with its dependencies (npm install).

Options:
  --dir <path>              Where to keep the summaries and deployed targets (default: a temp dir)

${O}

${C}`,init:`Usage: fastdeploy init [options]

Writes .github/fastdeploy.yml and the starter workflows (.github/workflows/release.yml,
promote.yml, rollback.yml) into a repository directory. Existing files with other content are
kept unless --force. With --apply, creates or updates each environment of the config through
the API: reviewers and prevent self-review on production and require-review environments,
a wait timer on production, and custom deployment policies (the default branch, the first
environment's auto-deploy branches, and release tags such as v*).

Options:
  --dir <path>              Repository directory (default: the current directory)
  --environments <list>     Promotion order, comma separated (default: dev,qa,prod); the last is production
  --name <name>             Artifact name (default: the repository name)
  --build-command <cmd>     Build command written to the config
  --path <list>             Files or directories to pack (default: dist)
  --deploy-command <cmd>    Deploy command written to the config
  --branch <name>           Branch whose pushes deploy to the first environment (default: main)
  --reviewers <list>        With --apply: user logins and org/team slugs (at most 6)
  --wait-timer <minutes>    With --apply: minutes production waits after approval (0-43200)
  --force                   Overwrite existing files
  --apply                   Create or update the environments through the API

${O}

${C}`,doctor:`Usage: fastdeploy doctor [options]

Checks a repository through the API against the config (or init's defaults when there is no
config): each environment exists; production and require-review environments have required
reviewers; production prevents self-review; release tags are protected (a production tag
policy or an active tag ruleset); the default workflow token is read-only; release.yml,
promote.yml and rollback.yml are in the repository. Lists each missing piece with its fix.

Options:
  --dir <path>              Where to read the config from (default: the current directory)

${O}

Exit codes: 0 nothing missing, 1 something is missing (listed), 2 usage error.`,status:`Usage: fastdeploy status [options]

Shows the version that runs in each environment, when it was deployed, who approved it and
DORA metrics (deploys per day, change failure rate), read from the deployment ledger.

Options:
  --environments <list>     Environments to show (default: the config's, else all with deployments)
  --window <days>           Days of history for the metrics (1-365, default 30)

${O}

${C}`,verify:`Usage: fastdeploy verify <version> [options]

Downloads the release of <version> (tag v<version>) and checks SHA256SUMS, the manifest and
every entry of the archive, as distribute does before each deploy.

Options:
  --require-files <list>    Files the archive must contain
  --max-size <size>         Largest archive allowed (500MB, 2GiB)
  --download-dir <path>     Keep the downloaded assets here

${O}

Exit codes: 0 verified, 1 verification failed or the release is missing, 2 usage error.`,promote:`Usage: fastdeploy promote <version> --to <environment> [options]

Starts the promote workflow (workflow_dispatch with inputs version and environment) and
prints the URL of the run. Reviews of the environment happen in that run.

Options:
  --to <environment>        Environment to promote to (required)
  --ref <ref>               Branch or tag to run the workflow from (default: the default branch)
  --workflow <file>         Workflow file (default: promote.yml)

${O}

${C}`,rollback:`Usage: fastdeploy rollback --env <environment> [--to <version>] [--reason <text>] [options]

Starts the rollback workflow (workflow_dispatch with inputs environment, version and reason)
and prints the URL of the run. Without --to the environment goes back to the newest good
version before the live one.

Options:
  --env <environment>       Environment to roll back (required)
  --to <version>            Version to roll back to (default: previous)
  --reason <text>           Why; recorded in the deployment ledger
  --ref <ref>               Branch or tag to run the workflow from (default: the default branch)
  --workflow <file>         Workflow file (default: rollback.yml)

${O}

${C}`,help:`Usage: fastdeploy help [command]

Shows the list of commands, or the help of one command.`};var Ce="0.1.0",H={min:0,max:0,names:""},Se={init:{options:_e,positionals:H,run:Pe},doctor:{options:ve,positionals:H,run:be},status:{options:Te,positionals:H,run:xe},verify:{options:Re,positionals:{min:1,max:1,names:"<version>"},run:Ae},promote:{options:se,positionals:{min:1,max:1,names:"<version>"},run:pe},rollback:{options:ae,positionals:H,run:ce}};async function M(e,t,n=Se){let[o,...r]=e,i=yt(e,t);try{if(o===void 0||o==="--help"||o==="-h")return t.stdout(`${B}
`),o===void 0?2:0;if(o==="--version"||o==="-v")return t.stdout(`${Ce}
`),0;if(o==="help")return ht(r,t);let s=n[o];if(!s)throw new u(`unknown command "${o}"`);let a=ie(o,r,s.options,s.positionals);return a.values.help?(t.stdout(`${q[o]}
`),0):await s.run(a,t)}catch(s){return Ne(s,t,i)}}function ht(e,t){let n=e[0];if(n===void 0)return t.stdout(`${B}
`),0;let o=q[n];return o?(t.stdout(`${o}
`),0):Ne(new u(`no help for unknown command "${n}"`),t,[])}function Ne(e,t,n){let o=i=>n.reduce((s,a)=>s.split(a).join("***"),i);if(e instanceof u){let i=e.command?`fastdeploy ${e.command} --help`:"fastdeploy --help";return t.stderr(o(`fastdeploy: ${e.message}
See \`${i}\`.
`)),2}if(e instanceof w||e instanceof L)return t.stderr(o(`fastdeploy: ${e.message}
`)),1;let r=e.status;return typeof r=="number"?(t.stderr(o(`fastdeploy: ${wt(r,e.message)}
`)),1):(t.stderr(o(`fastdeploy: ${e?.stack??String(e)}
`)),1)}function wt(e,t){return e===401?"GitHub refused the token (401): check --token, GITHUB_TOKEN or GH_TOKEN.":e===403?`GitHub answered 403 (${t}): the token lacks a permission this command needs (docs/security.md lists them).`:e===404?`GitHub answered 404 (${t}): check --repo, and that the token can see the repository.`:`GitHub answered ${e}: ${t}`}function yt(e,t){let n=[t.env.GITHUB_TOKEN,t.env.GH_TOKEN];return e.forEach((o,r)=>{o==="--token"&&n.push(e[r+1]),o.startsWith("--token=")&&n.push(o.slice(8))}),n.filter(o=>typeof o=="string"&&o.length>=4)}function Le(e){let t=[],n="",o,r=!1;for(let i=0;i<e.length;i++){let s=e[i];o?s===o?o=void 0:s==="\\"&&o==='"'&&i+1<e.length?n+=e[++i]:n+=s:s==='"'||s==="'"?(o=s,r=!0):/\s/.test(s)?(r&&t.push(n),n="",r=!1):(n+=s==="\\"&&i+1<e.length?e[++i]:s,r=!0)}if(o)throw new te(`Input "args" has an unclosed ${o} quote: ${e}`);return r&&t.push(n),t}await re(async()=>{let e=Le(ne("args")),t=oe(),n={...process.env,GITHUB_TOKEN:t,GITHUB_REPOSITORY:F("repository")||process.env.GITHUB_REPOSITORY||""},o=F("config"),r=o&&!e.includes("--config")&&e[0]!=="help"?[...e,"--config",o]:e,i="",s="",a=await M(r,{stdout:c=>{i+=c,process.stdout.write(c)},stderr:c=>{s+=c,process.stdout.write(c)},env:n,cwd:process.env.GITHUB_WORKSPACE||process.cwd()});if(W("json",vt(i)),a!==0){let c=s.trim().split(`
`).pop()??"";throw new Error(`fastdeploy ${e[0]??""} exited with code ${a}${c?`: ${c}`:""}`)}});function vt(e){try{return JSON.stringify(JSON.parse(e))}catch{return JSON.stringify({output:e.trimEnd()})}}
