import { createRequire as __fastdeployRequire } from "node:module"; const require = __fastdeployRequire(import.meta.url);
import{i as J,n as Y}from"./chunk-OLFWJFQL.js";import{A as K,C as W,N as V,O as z,c as L,d as q,e as D,r as x,s as T,z as M}from"./chunk-TJRHEUB6.js";var mt=()=>({stdout:e=>process.stdout.write(e),stderr:e=>process.stderr.write(e),env:process.env,cwd:process.cwd()});function R(e,t={}){return{info:n=>e.stderr(`${n}
`),warning:n=>e.stderr(`warning: ${n}
`),debug:n=>{t.verbose&&e.stderr(`debug: ${n}
`)},group:async(n,o)=>(e.stderr(`${n}\u2026
`),o())}}function b(e,t){e.stdout(`${JSON.stringify(t,null,2)}
`)}var u=class extends Error{constructor(n,o){super(n);this.command=o}command;name="UsageError"},w=class extends Error{name="CliFailure"};import{execFileSync as Ae}from"node:child_process";import{readFile as Ie}from"node:fs/promises";import{resolve as Ce}from"node:path";import{parseArgs as Se}from"node:util";var Ne={repo:{type:"string"},token:{type:"string"},"api-url":{type:"string"},config:{type:"string"},json:{type:"boolean"},verbose:{type:"boolean"},help:{type:"boolean",short:"h"}};function X(e,t,n,o){let r;try{r=Se({args:t,options:{...Ne,...n},allowPositionals:!0,strict:!0})}catch(p){throw new u(p.message.split(". To specify")[0]??"",e)}if(r.values.help)return r;let i=r.positionals.length;if(i<o.min)throw new u(`missing ${o.names}`,e);if(i>o.max){let p=r.positionals.slice(o.max).join(" ");throw new u(`unexpected argument: ${p}`,e)}return r}function f(e,t){let n=e.values[t];return typeof n=="string"?n:void 0}function y(e,t){return e.values[t]===!0}function $(e,t){let n=f(e,t);if(n!==void 0)return n.split(/[\n,]/).map(o=>o.trim()).filter(Boolean)}function G(e,t,n,o){let r=f(e,t);if(r===void 0)return;let i=Number(r);if(!/^\d+$/.test(r)||i<o.min||i>o.max)throw new u(`--${t} must be a whole number from ${o.min} to ${o.max}, got "${r}"`,n);return i}var Le=/^([A-Za-z0-9-]{1,39})\/([A-Za-z0-9._-]{1,100})$/;function De(e,t,n){let o=f(e,"repo")??t.env.GITHUB_REPOSITORY??Ge(t.cwd);if(!o)throw new u("which repository? Pass --repo owner/name (or run inside a clone with a GitHub origin)",n);let r=Le.exec(o);if(!r)throw new u(`--repo must be owner/name, got "${o}"`,n);return{owner:r[1]??"",repo:r[2]??""}}function Ge(e){try{let t=Ae("git",["config","--get","remote.origin.url"],{cwd:e,encoding:"utf8",stdio:["ignore","pipe","ignore"]}).trim(),n=/[:/]([^/:]+)\/([^/]+?)(?:\.git)?\/?$/.exec(t);return n?`${n[1]}/${n[2]}`:void 0}catch{return}}function Fe(e,t,n){let o=f(e,"token")||t.env.GITHUB_TOKEN||t.env.GH_TOKEN;if(!o)throw new u("no GitHub token: pass --token, or set GITHUB_TOKEN or GH_TOKEN (e.g. GITHUB_TOKEN=$(gh auth token))",n);return o}function Ue(e,t){return f(e,"api-url")??t.env.GITHUB_API_URL??"https://api.github.com"}function k(e,t,n){let o=De(e,t,n),r=Fe(e,t,n),i;try{i=z(t.env)}catch(s){throw new u(s.message,n)}return{client:V({token:r,apiUrl:Ue(e,t),userAgent:"fastdeploy-cli",warn:s=>t.stderr(`warning: ${s}
`),...Object.fromEntries(Object.entries(i).filter(([,s])=>s!==void 0))}),repo:o,token:r}}function He(e,t){return Ce(t,f(e,"config")??x)}async function A(e,t){let n=He(e,t),o;try{o=await Ie(n,"utf8")}catch(r){if(r.code==="ENOENT")return;throw r}return T(o,f(e,"config")??x)}var Z={to:{type:"string"},ref:{type:"string"},workflow:{type:"string"}},Q={env:{type:"string"},to:{type:"string"},reason:{type:"string"},ref:{type:"string"},workflow:{type:"string"}},je=/^[A-Za-z0-9][A-Za-z0-9._-]{0,254}$/;async function ee(e,t){let n=ne(e.positionals[0]??"","promote"),o=oe(f(e,"to"),"--to","promote");return re(e,t,"promote",f(e,"workflow")??"promote.yml",{version:n,environment:o})}async function te(e,t){let n=oe(f(e,"env"),"--env","rollback"),o=f(e,"to"),r=o===void 0||o==="previous"?"previous":ne(o,"rollback"),i=f(e,"reason");return re(e,t,"rollback",f(e,"workflow")??"rollback.yml",{environment:n,version:r,...i?{reason:i}:{}})}function ne(e,t){let n=e.replace(/^v(?=\d)/,"");if(!D(n))throw new u(`"${e}" is not a SemVer version such as 1.2.3`,t);return n}function oe(e,t,n){if(!e)throw new u(`${t} <environment> is required`,n);if(!je.test(e))throw new u(`${t} "${e}" is not an environment name`,n);return e}async function re(e,t,n,o,r){let{client:i,repo:p}=k(e,t,n),s=f(e,"ref")??await Be(i,p);t.stderr(`Dispatching ${o} on ${s} of ${p.owner}/${p.repo}\u2026
`);let c;try{let m=await i.request("POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches",{...p,workflow_id:o,ref:s,inputs:r,return_run_details:!0});c=m.status===200?m.data:{}}catch(m){let d=m.status,a=m.response?.data?.message;throw d===404?new w(`Workflow ${o} was not found in ${p.owner}/${p.repo}: run fastdeploy init, commit .github/workflows/${o} and push it (or pass --workflow).`):d===422?new w(`GitHub refused to start ${o}: ${a??"validation failed"}.`):m}let l={workflow:o,ref:s,inputs:r,run_id:c.workflow_run_id??null,run_url:c.html_url??null,api_url:c.run_url??null};return y(e,"json")?(b(t,l),0):(l.run_url?t.stdout(`${l.run_url}
`):t.stdout(`Dispatched ${o} on ${s}; this server does not return run details, see the Actions tab.
`),0)}async function Be(e,t){let{data:n}=await e.rest.repos.get({...t});return n.default_branch}var qe=["release.yml","promote.yml","rollback.yml"];async function ie(e,t,n,o,r){let i={repository:`${t.owner}/${t.repo}`,passed:[],findings:[]},p=i.repository,s="Settings \u2192 Environments",c=`${o}*`,l=!1;for(let a of n){r(`Checking environment ${a.name}`);let v=await W(e,t,a.name);if(!v){i.findings.push({check:"environment",environment:a.name,problem:`environment ${a.name} does not exist`,fix:`fastdeploy init --apply --repo ${p} --reviewers <logins>, or create it in ${s}`});continue}i.passed.push(`environment ${a.name} exists`);let O=a.production||a.requireReview;if(O&&v.reviewers.length===0?i.findings.push({check:"reviewers",environment:a.name,problem:`${a.name} has no required reviewers, so anyone who can run a workflow deploys there`,fix:`fastdeploy init --apply --reviewers <logins>, or ${s} \u2192 ${a.name} \u2192 Required reviewers`}):O&&i.passed.push(`${a.name} requires a review by ${v.reviewers.map(P=>P.name).join(", ")}`),a.production&&!v.preventSelfReview?i.findings.push({check:"self-review",environment:a.name,problem:`${a.name} lets the person who started a deploy approve it`,fix:`fastdeploy init --apply, or ${s} \u2192 ${a.name} \u2192 Prevent self-review`}):a.production&&i.passed.push(`${a.name} prevents self-review`),a.production&&v.branchPolicy?.custom_branch_policies){let{data:P}=await e.rest.repos.listDeploymentBranchPolicies({...t,environment_name:a.name,per_page:100});P.branch_policies.some(h=>h.type==="tag"&&h.name===c)&&(l=!0,i.passed.push(`${a.name} deploys only from allowed refs, tags ${c} among them`))}}l||(r("Checking tag rulesets"),await Me(e,t,c)?i.passed.push(`an active ruleset protects tags ${c}`):i.findings.push({check:"tag-protection",problem:`release tags ${c} are not protected: no production tag policy and no active tag ruleset`,fix:`fastdeploy init --apply (adds a ${c} tag policy to production), or Settings \u2192 Rules \u2192 Rulesets \u2192 New tag ruleset for refs/tags/${c}`})),r("Checking default workflow permissions");let{data:m}=await e.rest.actions.getGithubActionsDefaultWorkflowPermissionsRepository({...t});m.default_workflow_permissions==="read"?i.passed.push("workflows get a read-only token unless they ask for more"):i.findings.push({check:"workflow-permissions",problem:"the default GITHUB_TOKEN can write to the repository in every workflow",fix:`gh api -X PUT repos/${p}/actions/permissions/workflow -f default_workflow_permissions=read, or Settings \u2192 Actions \u2192 General \u2192 Workflow permissions \u2192 Read`}),r("Checking workflows");let d=await Ke(e,t);for(let a of qe)d.has(`.github/workflows/${a}`)?i.passed.push(`workflow .github/workflows/${a} is in the repository`):i.findings.push({check:"workflow",problem:`.github/workflows/${a} is not in the repository's default branch`,fix:"fastdeploy init writes it (copied from workflows/ of FastDeploy); commit and push it"});return i}async function Me(e,t,n){let{data:o}=await e.rest.repos.getRepoRulesets({...t,targets:"tag",per_page:100});for(let r of o){if(r.target!=="tag"||r.enforcement!=="active")continue;let{data:i}=await e.rest.repos.getRepoRuleset({...t,ruleset_id:r.id}),s=i.conditions?.ref_name?.include??[],c=n.replace(/\*$/,"");if(s.some(m=>m==="~ALL"||m===`refs/tags/${n}`||m.startsWith(`refs/tags/${c}`)&&m.includes("*")))return!0}return!1}async function Ke(e,t){let n=await e.paginate(e.rest.actions.listRepoWorkflows,{...t,per_page:100});return new Set(n.map(o=>o.path))}import{mkdir as We,readFile as Ve,writeFile as ze}from"node:fs/promises";import{dirname as Je,relative as Ye}from"node:path";var se=`# Copy to .github/workflows/release.yml (or run \`fastdeploy init\`).
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
`,ae=`# Copy to .github/workflows/promote.yml (or run \`fastdeploy init\`).
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
`,pe=`# Copy to .github/workflows/rollback.yml (or run \`fastdeploy init\`).
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
`;var Xe=/^[A-Za-z_][A-Za-z0-9._/-]*$/,Ze=/^(true|false|yes|no|on|off|null|y|n)$/i,S=e=>Xe.test(e)&&!Ze.test(e)?e:JSON.stringify(e),ce=e=>e.map(S).join(", ");function F(e){let t=["# FastDeploy configuration; every key is described in docs/configuration.md."];e.name&&t.push(`name: ${S(e.name)}`),t.push("build:"),e.buildCommand&&t.push(`  command: ${JSON.stringify(e.buildCommand)}`),t.push(`  path: [${ce(e.path)}]`),t.push("deploy:"),t.push("  # Runs once per target in the extracted artifact, with FASTDEPLOY_* variables."),t.push(`  command: ${JSON.stringify(e.deployCommand)}`),t.push("environments:");let n=e.environments;return n.forEach((o,r)=>{t.push(`  - name: ${S(o)}`),r===0?t.push(`    auto-deploy: { branches: [${S(e.branch)}] }`):t.push(`    after: [${S(n[r-1]??"")}]`),r===n.length-1&&n.length>1&&(t.push("    production: true"),t.push("    require-review: true"))}),`${t.join(`
`)}
`}function le(e){let t=ce(e);return[{path:".github/workflows/release.yml",text:se.replace("__LIST__",e.join(", "))},{path:".github/workflows/promote.yml",text:ae.replace("__OPTIONS__",t)},{path:".github/workflows/rollback.yml",text:pe.replace("__OPTIONS__",t)}]}async function H(e,t,n,o){let r=Ye(e,t)||t,i;try{i=await Ve(t,"utf8")}catch(p){if(p.code!=="ENOENT")throw p}return i===n?{path:r,outcome:"unchanged"}:i!==void 0&&!o?{path:r,outcome:"kept"}:(await We(Je(t),{recursive:!0}),await ze(t,n),{path:r,outcome:i===void 0?"created":"updated"})}var me={dir:{type:"string"}};async function de(e,t){let{client:n,repo:o}=k(e,t,"doctor"),r=f(e,"dir")??t.cwd,i=await A(e,r),p=f(e,"config")??x;i||t.stderr(`No ${p} here; checking the environments fastdeploy init would create (dev, qa, prod).
`);let s=i??T(F({environments:["dev","qa","prod"],path:["dist"],deployCommand:"true",branch:"main"})),c=y(e,"json"),l=await ie(n,o,s.environments,s.tagPrefix,d=>t.stderr(`${d}\u2026
`)),m=l.findings.length===0;if(c)return b(t,{ok:m,...l}),m?0:1;t.stdout(`Doctor for ${l.repository}

`);for(let d of l.passed)t.stdout(`  ok       ${d}
`);for(let d of l.findings)t.stdout(`  MISSING  ${d.problem}
           fix: ${d.fix}
`);return t.stdout(m?`
Everything FastDeploy needs is in place.
`:`
${l.findings.length} missing piece${l.findings.length===1?"":"s"}.
`),m?0:1}import{readFile as Qe}from"node:fs/promises";import{join as ge,resolve as et}from"node:path";async function fe(e,t){let n=[];for(let o of t){let r=o.replace(/^@/,""),[i,p,s]=r.split("/");try{if(p!==void 0&&s===void 0&&i){let{data:c}=await e.rest.teams.getByName({org:i,team_slug:p});n.push({type:"Team",id:c.id,name:r})}else{let{data:c}=await e.rest.users.getByUsername({username:r});n.push({type:"User",id:c.id,name:c.login})}}catch(c){throw c.status!==404?c:new w(`Reviewer "${o}" was not found: give a user login or an org/team slug that can see the repository.`)}}if(n.length>6)throw new w(`GitHub accepts at most 6 reviewers per environment; ${n.length} were given.`);return n}function ue(e,t){return e.map(n=>({name:n.name,reviewed:n.production||n.requireReview,...n.production&&t.waitTimer!==void 0?{waitTimer:t.waitTimer}:{},branches:[...new Set([t.defaultBranch,...n.autoDeploy.branches])],tagPattern:`${t.tagPrefix}*`}))}async function he(e,t,n,o,r){r.info(`Environment ${n.name}: protection rules`),await e.rest.repos.createOrUpdateEnvironment({...t,environment_name:n.name,...n.waitTimer!==void 0?{wait_timer:n.waitTimer}:{},...n.reviewed?{reviewers:o.map(s=>({type:s.type,id:s.id})),prevent_self_review:!0}:{},deployment_branch_policy:{protected_branches:!1,custom_branch_policies:!0}});let{data:i}=await e.rest.repos.listDeploymentBranchPolicies({...t,environment_name:n.name,per_page:100}),p=[...n.branches.map(s=>({name:s,type:"branch"})),{name:n.tagPattern,type:"tag"}];for(let s of p)i.branch_policies.some(l=>l.name===s.name&&(l.type??"branch")===s.type)||(r.info(`Environment ${n.name}: allow ${s.type} ${s.name}`),await e.rest.repos.createDeploymentBranchPolicy({...t,environment_name:n.name,...s}));return{name:n.name,reviewers:n.reviewed?o.map(s=>s.name):[],policies:p.map(s=>`${s.type}:${s.name}`)}}var we={dir:{type:"string"},environments:{type:"string"},name:{type:"string"},"build-command":{type:"string"},path:{type:"string"},"deploy-command":{type:"string"},branch:{type:"string"},reviewers:{type:"string"},"wait-timer":{type:"string"},force:{type:"boolean"},apply:{type:"boolean"}},tt=/^[A-Za-z0-9][A-Za-z0-9._-]{0,254}$/,nt='echo "Deploy $FASTDEPLOY_VERSION to $FASTDEPLOY_TARGET: replace this command in .github/fastdeploy.yml"';async function ye(e,t){let n=et(t.cwd,f(e,"dir")??"."),o=f(e,"config")??x,r=y(e,"force"),i=y(e,"apply"),p=G(e,"wait-timer","init",{min:0,max:43200}),s=$(e,"reviewers")??[],c=$(e,"environments")??["dev","qa","prod"];ot(c);let l=ge(n,o),m=await it(l),d=m!==void 0&&!r?m:F({environments:c,...f(e,"name")?{name:f(e,"name")}:{},...f(e,"build-command")?{buildCommand:f(e,"build-command")}:{},path:$(e,"path")??["dist"],deployCommand:f(e,"deploy-command")??nt,branch:f(e,"branch")??"main"}),a=rt(d,o);if(a.environments.length===0)throw new w(`${o} lists no environments; add them (docs/configuration.md) or run init --force.`);let v=a.environments.filter(h=>h.production||h.requireReview);if(i&&v.length>0&&s.length===0)throw new u(`${v.map(h=>h.name).join(", ")} must be reviewed before deploys: pass --reviewers with user logins or org/team slugs`,"init");let O=[];O.push(await H(n,l,d,r));for(let h of le(a.environments.map(E=>E.name)))O.push(await H(n,ge(n,h.path),h.text,r));let P=[];if(i){let h=R(t,{verbose:y(e,"verbose")}),{client:E,repo:N}=k(e,t,"init");h.info(`Resolving reviewers of ${N.owner}/${N.repo}`);let Pe=await fe(E,s),{data:xe}=await E.rest.repos.get({...N}),Te=ue(a.environments,{tagPrefix:a.tagPrefix,defaultBranch:xe.default_branch,...p!==void 0?{waitTimer:p}:{}});for(let Re of Te)P.push(await he(E,N,Re,Pe,h))}if(y(e,"json"))return b(t,{directory:n,files:O,environments:P}),0;for(let h of O){let E=h.outcome==="kept"?" (exists with other content; --force replaces it)":"";t.stdout(`${h.outcome.padEnd(9)} ${h.path}${E}
`)}for(let h of P){let E=h.reviewers.length?`reviewers ${h.reviewers.join(", ")}`:"no reviewers";t.stdout(`applied   environment ${h.name}: ${E}; deploys from ${h.policies.join(", ")}
`)}return t.stdout(i?"\nNext: commit and push the files above, then run `fastdeploy doctor`.\n":"\nNext: commit and push the files above, then run `fastdeploy init --apply --reviewers <logins>` to create the environments.\n"),0}function ot(e){if(e.length===0)throw new u("--environments lists no environment","init");for(let o of e)if(!tt.test(o))throw new u(`environment "${o}" must be letters, digits, '.', '_' or '-' (at most 255)`,"init");let t=e.map(o=>o.toLowerCase()),n=e.find((o,r)=>t.indexOf(t[r]??"")!==r);if(n)throw new u(`environment "${n}" is listed twice`,"init")}function rt(e,t){try{return T(e,t)}catch(n){throw n instanceof q?new w(n.message):n}}async function it(e){try{return await Qe(e,"utf8")}catch(t){if(t.code==="ENOENT")return;throw t}}var ve={environments:{type:"string"},window:{type:"string"}};async function be(e,t){let n=G(e,"window","status",{min:1,max:365})??30,{client:o,repo:r}=k(e,t,"status"),i=await A(e,t.cwd),p=$(e,"environments")??i?.environments.map(d=>d.name)??[],s=await Y({repo:r,environments:p,windowDays:n},{github:o,log:R(t,{verbose:y(e,"verbose")})});if(y(e,"json"))return b(t,{repository:`${r.owner}/${r.repo}`,...s}),0;let c=d=>d===null?"-":`${Math.round(d*100)}%`,l=[["ENVIRONMENT","VERSION","DEPLOYED AT","APPROVED BY","DEPLOYS/DAY","FAILED","NOTE"],...Object.entries(s.environments).map(([d,a])=>[d,a.version??"-",a.deployed_at??"-",a.approved_by.join(", ")||"-",a.metrics.deploymentFrequency.toFixed(2),c(a.metrics.changeFailureRate),a.rollback?`rolled back from ${a.rollback.from}: ${a.rollback.reason}`:""])],m=l[0]?.map((d,a)=>Math.max(...l.map(v=>(v[a]??"").length)))??[];for(let d of l)t.stdout(`${d.map((a,v)=>a.padEnd(m[v]??0)).join("  ").trimEnd()}
`);return t.stdout(`
Metrics over the last ${s.window_days} days.
`),0}import{resolve as ke}from"node:path";var Ee={"require-files":{type:"string"},"max-size":{type:"string"},"download-dir":{type:"string"}};async function $e(e,t){let n=(e.positionals[0]??"").replace(/^v(?=\d)/,"");if(!D(n))throw new u(`"${e.positionals[0]}" is not a SemVer version such as 1.2.3`,"verify");let o,r=f(e,"max-size");if(r!==void 0)try{o=M(r)}catch(d){throw new u(d.message,"verify")}let{client:i,repo:p}=k(e,t,"verify"),s=await A(e,t.cwd),c=f(e,"download-dir"),l;try{l=await J({repo:p,version:n,tagPrefix:s?.tagPrefix??"v",...$(e,"require-files")?{requireFiles:$(e,"require-files")}:{},...o!==void 0?{maxSize:o}:{},...c?{downloadDir:ke(t.cwd,c)}:{}},{log:R(t,{verbose:y(e,"verbose")}),github:i})}catch(d){throw d instanceof L?new w(d.message):d}let m={verified:!0,name:l.manifest.name,version:l.version,tag:l.tag,digest:l.digest,size:l.size,files:l.manifest.files.length,commit:l.manifest.source.commit,release_url:l.releaseUrl,...c?{downloaded_to:ke(t.cwd,c)}:{}};return y(e,"json")?(b(t,m),0):(t.stdout(`Verified ${m.name} ${m.version} (${m.tag})
  digest   ${m.digest}
  size     ${K(m.size)}, ${m.files} files
  commit   ${m.commit}
  release  ${m.release_url}
`),0)}var _=`Global options:
  --repo <owner/name>   Repository (default: GITHUB_REPOSITORY, then the git origin remote)
  --token <token>       GitHub token (default: GITHUB_TOKEN, then GH_TOKEN); never printed
  --api-url <url>       REST API URL (default: GITHUB_API_URL, then https://api.github.com)
  --config <path>       Config file (default: .github/fastdeploy.yml)
  --json                Print data as JSON on stdout (progress stays on stderr)
  --verbose             Print debug lines on stderr
  -h, --help            Show help`,C="Exit codes: 0 ok, 1 failed or found problems, 2 usage error (nothing was done).",j=`fastdeploy: a Git-native release pipeline on GitHub Actions.

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

${_}

${C}
Docs: docs/cli.md`,B={demo:`Usage: fastdeploy demo [options]

Runs the whole pipeline on this machine, no GitHub account needed: starts a local GitHub
(REST API checked against GitHub's OpenAPI description, workflow artifacts on Azurite),
builds a sample app, verifies it, publishes v1.0.0, promotes it dev \u2192 qa \u2192 prod with
recorded approvals, then publishes v1.1.0 whose production health check fails so it is
rolled back to v1.0.0 automatically. Prints what runs where and where each step's job
summary was written. Needs the repository checkout with its dependencies (npm install).

Options:
  --dir <path>              Where to keep the summaries and deployed targets (default: a temp dir)

${_}

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

${_}

${C}`,doctor:`Usage: fastdeploy doctor [options]

Checks a repository through the API against the config (or init's defaults when there is no
config): each environment exists; production and require-review environments have required
reviewers; production prevents self-review; release tags are protected (a production tag
policy or an active tag ruleset); the default workflow token is read-only; release.yml,
promote.yml and rollback.yml are in the repository. Lists each missing piece with its fix.

Options:
  --dir <path>              Where to read the config from (default: the current directory)

${_}

Exit codes: 0 nothing missing, 1 something is missing (listed), 2 usage error.`,status:`Usage: fastdeploy status [options]

Shows the version that runs in each environment, when it was deployed, who approved it and
DORA metrics (deploys per day, change failure rate), read from the deployment ledger.

Options:
  --environments <list>     Environments to show (default: the config's, else all with deployments)
  --window <days>           Days of history for the metrics (1-365, default 30)

${_}

${C}`,verify:`Usage: fastdeploy verify <version> [options]

Downloads the release of <version> (tag v<version>) and checks SHA256SUMS, the manifest and
every entry of the archive, as distribute does before each deploy.

Options:
  --require-files <list>    Files the archive must contain
  --max-size <size>         Largest archive allowed (500MB, 2GiB)
  --download-dir <path>     Keep the downloaded assets here

${_}

Exit codes: 0 verified, 1 verification failed or the release is missing, 2 usage error.`,promote:`Usage: fastdeploy promote <version> --to <environment> [options]

Starts the promote workflow (workflow_dispatch with inputs version and environment) and
prints the URL of the run. Reviews of the environment happen in that run.

Options:
  --to <environment>        Environment to promote to (required)
  --ref <ref>               Branch or tag to run the workflow from (default: the default branch)
  --workflow <file>         Workflow file (default: promote.yml)

${_}

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

${_}

${C}`,help:`Usage: fastdeploy help [command]

Shows the list of commands, or the help of one command.`};var st="0.1.0",U={min:0,max:0,names:""},at={init:{options:we,positionals:U,run:ye},doctor:{options:me,positionals:U,run:de},status:{options:ve,positionals:U,run:be},verify:{options:Ee,positionals:{min:1,max:1,names:"<version>"},run:$e},promote:{options:Z,positionals:{min:1,max:1,names:"<version>"},run:ee},rollback:{options:Q,positionals:U,run:te}};async function kn(e,t,n=at){let[o,...r]=e,i=lt(e,t);try{if(o===void 0||o==="--help"||o==="-h")return t.stdout(`${j}
`),o===void 0?2:0;if(o==="--version"||o==="-v")return t.stdout(`${st}
`),0;if(o==="help")return pt(r,t);let p=n[o];if(!p)throw new u(`unknown command "${o}"`);let s=X(o,r,p.options,p.positionals);return s.values.help?(t.stdout(`${B[o]}
`),0):await p.run(s,t)}catch(p){return Oe(p,t,i)}}function pt(e,t){let n=e[0];if(n===void 0)return t.stdout(`${j}
`),0;let o=B[n];return o?(t.stdout(`${o}
`),0):Oe(new u(`no help for unknown command "${n}"`),t,[])}function Oe(e,t,n){let o=i=>n.reduce((p,s)=>p.split(s).join("***"),i);if(e instanceof u){let i=e.command?`fastdeploy ${e.command} --help`:"fastdeploy --help";return t.stderr(o(`fastdeploy: ${e.message}
See \`${i}\`.
`)),2}if(e instanceof w||e instanceof L)return t.stderr(o(`fastdeploy: ${e.message}
`)),1;let r=e.status;return typeof r=="number"?(t.stderr(o(`fastdeploy: ${ct(r,e.message)}
`)),1):(t.stderr(o(`fastdeploy: ${e?.stack??String(e)}
`)),1)}function ct(e,t){return e===401?"GitHub refused the token (401): check --token, GITHUB_TOKEN or GH_TOKEN.":e===403?`GitHub answered 403 (${t}): the token lacks a permission this command needs (docs/security.md lists them).`:e===404?`GitHub answered 404 (${t}): check --repo, and that the token can see the repository.`:`GitHub answered ${e}: ${t}`}function lt(e,t){let n=[t.env.GITHUB_TOKEN,t.env.GH_TOKEN];return e.forEach((o,r)=>{o==="--token"&&n.push(e[r+1]),o.startsWith("--token=")&&n.push(o.slice(8))}),n.filter(o=>typeof o=="string"&&o.length>=4)}export{mt as a,b,y as c,at as d,kn as e};
