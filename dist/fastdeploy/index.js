import { createRequire as __fastdeployRequire } from "node:module"; const require = __fastdeployRequire(import.meta.url);
import{l as re,n as se,o as ie,p as ae,t as le,u as ce,v as de,w as pe}from"../chunks/chunk-EWYWW3V3.js";import{B as I,C as N,F as Q,M as ee,N as te,Y as ne,Z as oe,b as X,ca as ue,ea as me,f as A,g as Z,ja as fe,ka as he,m as G,q as D}from"../chunks/chunk-RVBOS46H.js";import{o as B,p as J}from"../chunks/chunk-2POAED2S.js";var m=class extends Error{constructor(n,o){super(n);this.command=o}command;name="UsageError"},v=class extends Error{name="CliFailure"};function K(e){return e.env.NO_COLOR?!1:e.env.FORCE_COLOR&&e.env.FORCE_COLOR!=="0"?!0:e.isTTY===!0&&e.env.TERM!=="dumb"}function C(e,t={}){return{info:n=>e.stderr(`${n}
`),warning:n=>e.stderr(`warning: ${n}
`),debug:n=>{t.verbose&&e.stderr(`debug: ${n}
`)},group:async(n,o)=>(e.stderr(`${n}\u2026
`),o())}}function b(e,t){e.stdout(`${JSON.stringify(t,null,2)}
`)}import{execFileSync as Xe}from"node:child_process";import{readFile as Ze}from"node:fs/promises";import{resolve as Qe}from"node:path";import{parseArgs as et}from"node:util";var tt={repo:{type:"string"},token:{type:"string"},"api-url":{type:"string"},config:{type:"string"},json:{type:"boolean"},verbose:{type:"boolean"},help:{type:"boolean",short:"h"}};function ge(e,t,n,o){let r;try{r=et({args:t,options:{...tt,...n},allowPositionals:!0,strict:!0})}catch(i){throw new m(i.message.split(". To specify")[0]??"",e)}if(r.values.help)return r;let s=r.positionals.length;if(s<o.min)throw new m(`missing ${o.names}`,e);if(s>o.max){let i=r.positionals.slice(o.max).join(" ");throw new m(`unexpected argument: ${i}`,e)}return r}function d(e,t){let n=e.values[t];return typeof n=="string"?n:void 0}function w(e,t){return e.values[t]===!0}function O(e,t){let n=d(e,t);if(n!==void 0)return n.split(/[\n,]/).map(o=>o.trim()).filter(Boolean)}function H(e,t,n,o){let r=d(e,t);if(r===void 0)return;let s=Number(r);if(!/^\d+$/.test(r)||s<o.min||s>o.max)throw new m(`--${t} must be a whole number from ${o.min} to ${o.max}, got "${r}"`,n);return s}var nt=/^([A-Za-z0-9-]{1,39})\/([A-Za-z0-9._-]{1,100})$/;function ot(e,t,n){let o=d(e,"repo")??t.env.GITHUB_REPOSITORY??rt(t.cwd);if(!o)throw new m("which repository? Pass --repo owner/name (or run inside a clone with a GitHub origin)",n);let r=nt.exec(o);if(!r)throw new m(`--repo must be owner/name, got "${o}"`,n);return{owner:r[1]??"",repo:r[2]??""}}function rt(e){try{let t=Xe("git",["config","--get","remote.origin.url"],{cwd:e,encoding:"utf8",stdio:["ignore","pipe","ignore"]}).trim(),n=/[:/]([^/:]+)\/([^/]+?)(?:\.git)?\/?$/.exec(t);return n?`${n[1]}/${n[2]}`:void 0}catch{return}}function st(e,t,n){let o=d(e,"token")||t.env.GITHUB_TOKEN||t.env.GH_TOKEN;if(!o)throw new m("no GitHub token: pass --token, or set GITHUB_TOKEN or GH_TOKEN (e.g. GITHUB_TOKEN=$(gh auth token))",n);return o}function it(e,t){return d(e,"api-url")??t.env.GITHUB_API_URL??"https://api.github.com"}function k(e,t,n){let o=ot(e,t,n),r=st(e,t,n),s;try{s=oe(t.env)}catch(a){throw new m(a.message,n)}return{client:ne({token:r,apiUrl:it(e,t),userAgent:"fastdeploy-cli",warn:a=>t.stderr(`warning: ${a}
`),...Object.fromEntries(Object.entries(s).filter(([,a])=>a!==void 0))}),repo:o,token:r}}function at(e,t){return Qe(t,d(e,"config")??I)}async function E(e,t){let n=at(e,t),o;try{o=await Ze(n,"utf8")}catch(r){if(r.code==="ENOENT")return;throw r}return N(o,d(e,"config")??I)}var we={to:{type:"string"},force:{type:"boolean"},reason:{type:"string"},ref:{type:"string"},workflow:{type:"string"}},ye={env:{type:"string"},to:{type:"string"},reason:{type:"string"},force:{type:"boolean"},ref:{type:"string"},workflow:{type:"string"}},lt=/^[A-Za-z0-9][A-Za-z0-9._-]{0,254}$/;async function ve(e,t){let n=Oe(e.positionals[0]??"","promote"),o=Ee(d(e,"to"),"--to","promote");return await $e(e,t,o,"--to","promote"),_e(e,t,"promote",d(e,"workflow")??"promote.yml",{version:n,environment:o,...ke(e,"promote")})}async function be(e,t){let n=Ee(d(e,"env"),"--env","rollback");await $e(e,t,n,"--env","rollback");let o=d(e,"to"),r=o===void 0||o==="previous"?"previous":Oe(o,"rollback"),s=d(e,"reason");return _e(e,t,"rollback",d(e,"workflow")??"rollback.yml",{environment:n,version:r,...s?{reason:s}:{},...ke(e,"rollback")})}function ke(e,t){if(!w(e,"force"))return{};let n=d(e,"reason")?.trim();if(!n)throw new m('--force needs --reason "<why>": the reason is recorded in the deployment',t);return{force:"true",reason:n}}async function $e(e,t,n,o,r){let i=(await E(e,t.cwd))?.environments.map(a=>a.name)??[];if(!(!i.length||i.some(a=>a.toLowerCase()===n.toLowerCase())))throw new m(`${o} "${n}" is not an environment in ${d(e,"config")??".github/fastdeploy.yml"}, which lists ${i.join(", ")}`,r)}function Oe(e,t){let n=D(e);if(!G(n))throw new m(`"${e}" is not a SemVer version such as 1.2.3`,t);return n}function Ee(e,t,n){if(!e)throw new m(`${t} <environment> is required`,n);if(!lt.test(e))throw new m(`${t} "${e}" is not an environment name`,n);return e}async function _e(e,t,n,o,r){let{client:s,repo:i}=k(e,t,n),a=d(e,"ref")??await ct(s,i);t.stderr(`Dispatching ${o} on ${a} of ${i.owner}/${i.repo}\u2026
`);let l;try{let f=await s.request("POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches",{...i,workflow_id:o,ref:a,inputs:r,return_run_details:!0});l=f.status===200?f.data:{}}catch(f){let u=f.status,$=f.response?.data?.message;throw u===404?new v(`Workflow ${o} was not found in ${i.owner}/${i.repo}: run fastdeploy init, commit .github/workflows/${o} and push it (or pass --workflow).`):u===422?new v(`GitHub refused to start ${o}: ${$??"validation failed"}.`):f}let p={workflow:o,ref:a,inputs:r,run_id:l.workflow_run_id??null,run_url:l.html_url??null,api_url:l.run_url??null};return w(e,"json")?(b(t,p),0):(p.run_url?t.stdout(`${p.run_url}
`):t.stdout(`Dispatched ${o} on ${a}; this server does not return run details, see the Actions tab.
`),0)}async function ct(e,t){let{data:n}=await e.rest.repos.get({...t});return n.default_branch}var dt=["release.yml","promote.yml","rollback.yml"];async function Te(e,t,n,o,r){let s={repository:`${t.owner}/${t.repo}`,passed:[],findings:[]},i=s.repository,a="Settings \u2192 Environments",l=`${o}*`;for(let c of n){r(`Checking environment ${c.name}`);let R=await X(e,t,c.name);if(!R){s.findings.push({check:"environment",environment:c.name,problem:`environment ${c.name} does not exist`,fix:`fastdeploy init --apply --repo ${i} --reviewers <logins>, or create it in ${a}`});continue}s.passed.push(`environment ${c.name} exists`);let x=c.production||c.requireReview;if(x&&R.reviewers.length===0?s.findings.push({check:"reviewers",environment:c.name,problem:`${c.name} has no required reviewers, so anyone who can run a workflow deploys there`,fix:`fastdeploy init --apply --reviewers <logins>, or ${a} \u2192 ${c.name} \u2192 Required reviewers`}):x&&s.passed.push(`${c.name} requires a review by ${R.reviewers.map(h=>h.name).join(", ")}`),c.production&&!R.preventSelfReview?s.findings.push({check:"self-review",environment:c.name,problem:`${c.name} lets the person who started a deploy approve it`,fix:`fastdeploy init --apply, or ${a} \u2192 ${c.name} \u2192 Prevent self-review`}):c.production&&s.passed.push(`${c.name} prevents self-review`),c.production&&R.branchPolicy?.custom_branch_policies){let{data:h}=await e.rest.repos.listDeploymentBranchPolicies({...t,environment_name:c.name,per_page:100});h.branch_policies.some(y=>y.type==="tag"&&y.name===l)&&s.passed.push(`${c.name} deploys only from allowed refs, tags ${l} among them`)}}r("Checking tag rulesets");let p=await pt(e,t,l),f=p.find(c=>c.rules.includes("update")&&c.rules.includes("deletion")),u=p.filter(c=>c.rules.includes("creation"));f?s.passed.push(`ruleset "${f.name}" stops release tags ${l} from being moved or deleted`):s.findings.push({check:"tag-protection",problem:`release tags ${l} are not protected: no active tag ruleset restricts their update and deletion (an environment's tag policy does not protect tags)`,fix:`Settings \u2192 Rules \u2192 Rulesets \u2192 New tag ruleset: target refs/tags/${l}, rules "Restrict updates" and "Restrict deletions" (not "Restrict creations"; docs/security.md)`});for(let c of u)s.findings.push({check:"tag-creation",problem:`ruleset "${c.name}" restricts creation of ${l} tags, so publish (GITHUB_TOKEN) cannot create release or prerelease tags`,fix:`remove the "Restrict creations" rule from "${c.name}" and keep "Restrict updates" and "Restrict deletions" (docs/security.md)`});r("Checking default workflow permissions");let{data:$}=await e.rest.actions.getGithubActionsDefaultWorkflowPermissionsRepository({...t});$.default_workflow_permissions==="read"?s.passed.push("workflows get a read-only token unless they ask for more"):s.findings.push({check:"workflow-permissions",problem:"the default GITHUB_TOKEN can write to the repository in every workflow",fix:`gh api -X PUT repos/${i}/actions/permissions/workflow -f default_workflow_permissions=read, or Settings \u2192 Actions \u2192 General \u2192 Workflow permissions \u2192 Read`}),r("Checking workflows");let j=await ut(e,t);for(let c of dt)j.has(`.github/workflows/${c}`)?s.passed.push(`workflow .github/workflows/${c} is in the repository`):s.findings.push({check:"workflow",problem:`.github/workflows/${c} is not in the repository's default branch`,fix:"fastdeploy init writes it (copied from workflows/ of FastDeploy); commit and push it"});return s}async function pt(e,t,n){let{data:o}=await e.rest.repos.getRepoRulesets({...t,targets:"tag",per_page:100}),r=[];for(let s of o){if(s.target!=="tag"||s.enforcement!=="active")continue;let{data:i}=await e.rest.repos.getRepoRuleset({...t,ruleset_id:s.id}),l=i.conditions?.ref_name?.include??[],p=n.replace(/\*$/,"");l.some(u=>u==="~ALL"||u===`refs/tags/${n}`||u.startsWith(`refs/tags/${p}`)&&u.includes("*"))&&r.push({name:i.name,rules:(i.rules??[]).map(u=>u.type)})}return r}async function ut(e,t){let n=await e.paginate(e.rest.actions.listRepoWorkflows,{...t,per_page:100});return new Set(n.map(o=>o.path))}import{mkdir as mt,readFile as ft,writeFile as ht}from"node:fs/promises";import{dirname as gt,relative as wt}from"node:path";var Re={release:`# Copy to .github/workflows/release.yml (or run \`fastdeploy init\`).
# Pushes to main deploy a prerelease to the first environment; a tag v1.2.3 is built once,
# published as a release and promoted through every environment, each behind its reviewers.
#
# Self-contained: the FastDeploy actions run in this repository's own jobs, so environment
# secrets reach the deploy steps and your own login steps (OIDC, kubectl, ssh) run right
# before distribute. The reusable pipeline (\`fastdeploy init --reusable\`) is shorter but
# cannot do either across organizations (docs/workflows.md).
name: Release

on:
  push:
    branches: [main]
    tags: ["v*.*.*"]

# Nothing by default; every job asks for what it needs.
permissions: {}

env:
  # Promotion order. A branch push deploys to the first; a tag goes through all of them, each
  # deploy refused unless the one before holds a success of the same version and digest.
  ENVIRONMENTS: __LIST__

jobs:
  build:
    name: Build and verify
    runs-on: ubuntu-latest
    timeout-minutes: 60
    permissions:
      contents: read # check out the code; the build command never holds a write token
    outputs:
      version: \${{ steps.build.outputs.version }}
      artifact: \${{ steps.artifact.outputs.name }}
      stages: \${{ steps.plan.outputs.stages }}
    steps:
      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2
        with:
          persist-credentials: false
      # Build command and paths come from .github/fastdeploy.yml (build.command, build.path).
      - id: build
        uses: fastdeploy/fastdeploy/actions/build@v1
      - uses: fastdeploy/fastdeploy/actions/verify@v1
        with:
          archive: \${{ steps.build.outputs.archive }}
          manifest: \${{ steps.build.outputs.manifest }}
          checksums: \${{ steps.build.outputs.checksums }}
      - id: artifact
        env:
          ARCHIVE: \${{ steps.build.outputs.archive }}
        run: echo "name=$(basename "$ARCHIVE" .tar.gz)" >> "$GITHUB_OUTPUT"
      # Each stage names the environment before it: approve refuses a stage whose predecessor
      # holds no success of this version, whatever order GitHub starts the matrix in.
      - id: plan
        env:
          REF_TYPE: \${{ github.ref_type }}
        run: |
          stages=$(printf '%s\\n' "$ENVIRONMENTS" | tr ',' '\\n' \\
            | sed -e 's/^[[:space:]]*//' -e 's/[[:space:]]*$//' | grep -v '^$' \\
            | jq -R . | jq -cs --arg ref_type "$REF_TYPE" '
                (if $ref_type == "tag" then . else .[:1] end) as $envs
                | [range(0; $envs | length)
                   | {environment: $envs[.], after: (if . == 0 then "" else $envs[. - 1] end)}]')
          if [ "$stages" = "[]" ]; then
            echo "::error::ENVIRONMENTS is empty: list at least one, e.g. 'staging, production'."
            exit 1
          fi
          echo "Stages: $stages"
          echo "stages=$stages" >> "$GITHUB_OUTPUT"

  publish:
    name: Publish the release
    needs: build
    runs-on: ubuntu-latest
    timeout-minutes: 30
    permissions:
      contents: write # create the tag and the release, upload its assets
      actions: read # download the workflow artifact the build job uploaded
    outputs:
      release-url: \${{ steps.publish.outputs.release-url }}
    steps:
      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2
        with:
          persist-credentials: false
      - id: publish
        uses: fastdeploy/fastdeploy/actions/publish@v1
        with:
          artifact: \${{ needs.build.outputs.artifact }}
          version: \${{ needs.build.outputs.version }}

  deploy:
    name: Deploy to \${{ matrix.stage.environment }}
    needs: [build, publish]
    runs-on: ubuntu-latest
    timeout-minutes: 60
    strategy:
      max-parallel: 1
      fail-fast: true
      matrix:
        stage: \${{ fromJSON(needs.build.outputs.stages) }}
    # Reviewers, wait timer and branch/tag policy of the environment gate this job; its
    # secrets (DEPLOY_TOKEN, cloud role names) reach only this job.
    environment:
      name: \${{ matrix.stage.environment }}
      # GitHub records its own deployment of this job (of the run's ref, not the version); its
      # URL is what the Environments page shows, so it is the environment's URL or, without one,
      # this version's release page (docs/security.md, "GitHub's own job deployments").
      url: \${{ steps.distribute.outputs.environment-url || needs.publish.outputs.release-url }}
    # One deploy per environment runs at a time and a running one is never cancelled; with
    # \`queue: max\` pending deploys wait in order (up to 100) instead of a newer one cancelling
    # an older one (docs/security.md, "Concurrency"). Rollbacks use a
    # group of their own, so a deploy parked at a review never holds one up.
    concurrency:
      group: fastdeploy-deploy-\${{ matrix.stage.environment }}
      cancel-in-progress: false
      queue: max
    # A matrix's legs share the job's outputs and the last one to set a name wins ("Using job
    # outputs in a matrix job", https://docs.github.com/en/actions/writing-workflows/choosing-what-your-workflow-does/passing-information-between-jobs);
    # the legs run one at a time in the list's order, so this says whether the last is production.
    outputs:
      production: \${{ steps.distribute.outputs.production }}
      tag: \${{ steps.distribute.outputs.tag }}
    permissions:
      contents: read # download and verify the release
      deployments: write # record the deployment and its statuses in the ledger
      actions: read # read this run's reviews, so only real approvers are recorded
      checks: read # evaluate required-checks on the version's commit
      statuses: read # evaluate required-checks reported as commit statuses
      # id-token: write # uncomment for an OIDC cloud login below (docs/oidc-deploy.md)
    steps:
      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2
        with:
          persist-credentials: false
      - id: approve
        uses: fastdeploy/fastdeploy/actions/approve@v1
        with:
          environment: \${{ matrix.stage.environment }}
          version: \${{ needs.build.outputs.version }}
          after: \${{ matrix.stage.after }}
      # ---- Your login steps go here: cloud credentials through OIDC, kubectl or ssh set-up.
      # They run after the approval and before the deploy command, in this job only, e.g.
      # - uses: aws-actions/configure-aws-credentials@<commit sha> # needs id-token: write
      #   with:
      #     role-to-assume: \${{ vars.DEPLOY_ROLE_ARN }}
      #     aws-region: eu-west-1
      # ---- End of your login steps.
      - id: distribute
        uses: fastdeploy/fastdeploy/actions/distribute@v1
        env:
          # An environment secret: each environment can hold its own credential.
          DEPLOY_TOKEN: \${{ secrets.DEPLOY_TOKEN }}
          # Who approved; distribute records only the approvers GitHub confirms for this run.
          FASTDEPLOY_APPROVAL: \${{ steps.approve.outputs.record }}
        with:
          environment: \${{ matrix.stage.environment }}
          version: \${{ needs.build.outputs.version }}
          # Marked latest by the latest job, which runs no user code.
          make-latest: false

  latest:
    name: Mark the release latest
    needs: [build, deploy]
    # A tag went through every environment, and the last of them was production (the
    # release marked latest is the one production runs).
    if: github.ref_type == 'tag' && needs.deploy.outputs.production == 'true'
    runs-on: ubuntu-latest
    timeout-minutes: 10
    permissions:
      contents: write # mark the release latest; nothing here runs project code
    steps:
      # No checkout: the release's tag comes from the deploy job, so neither the config file
      # nor anything else of the repository is needed where contents: write is held. An empty
      # tag (an output GitHub dropped) must not fall back to v<version>: another release.
      - env:
          TAG: \${{ needs.deploy.outputs.tag }}
        run: test -n "$TAG" || { echo "::error::The deploy job gave no release tag, so nothing is marked latest. Re-run the workflow."; exit 1; }
      - uses: fastdeploy/fastdeploy/actions/publish@v1
        with:
          version: \${{ needs.build.outputs.version }}
          tag: \${{ needs.deploy.outputs.tag }}
          make-latest: true
`,promote:`# Copy to .github/workflows/promote.yml (or run \`fastdeploy init\`).
# Deploys a published version to one environment: Actions \u2192 Promote \u2192 Run workflow, or
# \`fastdeploy promote 1.2.3 --to qa\` (add \`--force --reason "<why>"\` for the runbook's override).
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
      force:
        description: Deploy even when the version is held (marked bad), already live or the environment is frozen; needs a reason.
        type: boolean
        required: false
        default: false
      reason:
        description: Why force was used; recorded in the deployment ledger.
        type: string
        required: false
        default: ""

# Nothing by default; every job asks for what it needs.
permissions: {}

jobs:
  promote:
    name: Promote \${{ inputs.version }} to \${{ inputs.environment }}
    runs-on: ubuntu-latest
    timeout-minutes: 60
    # Reviewers, wait timer and branch/tag policy of the environment gate this job.
    environment:
      name: \${{ inputs.environment }}
      # GitHub records its own deployment of this job (of the run's ref, not the version); its
      # URL is what the Environments page shows, so it is the environment's URL or, without one,
      # this version's release page (docs/security.md, "GitHub's own job deployments").
      url: \${{ steps.distribute.outputs.environment-url || steps.distribute.outputs.release-url }}
    # The release workflow's group: deploys to one environment wait in line (\`queue: max\`, up to
    # 100 pending), none is cancelled (docs/security.md, "Concurrency").
    concurrency:
      group: fastdeploy-deploy-\${{ inputs.environment }}
      cancel-in-progress: false
      queue: max
    permissions:
      contents: read # download and verify the release
      deployments: write # record the deployment and its statuses in the ledger
      actions: read # read this run's reviews, so only real approvers are recorded
      checks: read # evaluate required-checks on the version's commit
      statuses: read # evaluate required-checks reported as commit statuses
      # id-token: write # uncomment for an OIDC cloud login below (docs/oidc-deploy.md)
    outputs:
      status: \${{ steps.distribute.outputs.status }}
      production: \${{ steps.distribute.outputs.production }}
      tag: \${{ steps.distribute.outputs.tag }}
    steps:
      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2
        with:
          persist-credentials: false
      - id: approve
        uses: fastdeploy/fastdeploy/actions/approve@v1
        with:
          environment: \${{ inputs.environment }}
          version: \${{ inputs.version }}
      # ---- Your login steps go here (the same as in release.yml).
      # ---- End of your login steps.
      - id: distribute
        uses: fastdeploy/fastdeploy/actions/distribute@v1
        env:
          DEPLOY_TOKEN: \${{ secrets.DEPLOY_TOKEN }}
          FASTDEPLOY_APPROVAL: \${{ steps.approve.outputs.record }}
        with:
          environment: \${{ inputs.environment }}
          version: \${{ inputs.version }}
          force: \${{ inputs.force }}
          reason: \${{ inputs.reason }}
          make-latest: false

  latest:
    name: Mark the release latest
    needs: promote
    if: needs.promote.outputs.production == 'true' && needs.promote.outputs.status == 'deployed'
    runs-on: ubuntu-latest
    timeout-minutes: 10
    permissions:
      contents: write # mark the release latest; nothing here runs project code
    steps:
      # No checkout: the release's tag comes from the promote job, so neither the config file
      # nor anything else of the repository is needed where contents: write is held. An empty
      # tag (an output GitHub dropped) must not fall back to v<version>: another release.
      - env:
          TAG: \${{ needs.promote.outputs.tag }}
        run: test -n "$TAG" || { echo "::error::The promote job gave no release tag, so nothing is marked latest. Re-run the workflow."; exit 1; }
      - uses: fastdeploy/fastdeploy/actions/publish@v1
        with:
          version: \${{ inputs.version }}
          tag: \${{ needs.promote.outputs.tag }}
          make-latest: true
`,rollback:`# Copy to .github/workflows/rollback.yml (or run \`fastdeploy init\`).
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
      force:
        description: Roll back even when the environment is frozen or the target is marked bad there; needs a reason.
        type: boolean
        required: false
        default: false

# Nothing by default; every job asks for what it needs.
permissions: {}

jobs:
  rollback:
    name: Roll back \${{ inputs.environment }} to \${{ inputs.version }}
    runs-on: ubuntu-latest
    timeout-minutes: 30
    # A rollback is a deploy: the environment's reviewers gate it and its secrets reach it.
    environment:
      name: \${{ inputs.environment }}
      # GitHub's own job deployment (of the run's ref) links the release rolled back to
      # (docs/security.md, "GitHub's own job deployments").
      url: \${{ steps.rollback.outputs.release-url }}
    # Not the deploy group: a rollback starts at once, even while a deploy to the same
    # environment waits for its review. A running rollback is never cancelled; a newer rollback
    # of the same environment replaces one still pending (docs/security.md, "Concurrency").
    concurrency:
      group: fastdeploy-rollback-\${{ inputs.environment }}
      cancel-in-progress: false
    permissions:
      contents: read # download and verify the release rolled back to
      deployments: write # record the rollback deployment and mark the bad version
      # id-token: write # uncomment for an OIDC cloud login below (docs/oidc-deploy.md)
    outputs:
      to-version: \${{ steps.rollback.outputs.to-version }}
      status: \${{ steps.rollback.outputs.status }}
      production: \${{ steps.rollback.outputs.production }}
      tag: \${{ steps.rollback.outputs.tag }}
    steps:
      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2
        with:
          persist-credentials: false
      # ---- Your login steps go here (the same as in release.yml).
      # ---- End of your login steps.
      - id: rollback
        uses: fastdeploy/fastdeploy/actions/rollback@v1
        env:
          DEPLOY_TOKEN: \${{ secrets.DEPLOY_TOKEN }}
        with:
          environment: \${{ inputs.environment }}
          to: \${{ inputs.version }}
          reason: \${{ inputs.reason }}
          force: \${{ inputs.force }}
          make-latest: false

  latest:
    name: Mark the release latest
    needs: rollback
    if: needs.rollback.outputs.production == 'true' && needs.rollback.outputs.status == 'rolled_back'
    runs-on: ubuntu-latest
    timeout-minutes: 10
    permissions:
      contents: write # mark the version rolled back to latest; nothing here runs project code
    steps:
      # No checkout: the release's tag comes from the rollback job, so neither the config file
      # nor anything else of the repository is needed where contents: write is held. An empty
      # tag (an output GitHub dropped) must not fall back to v<version>: another release.
      - env:
          TAG: \${{ needs.rollback.outputs.tag }}
        run: test -n "$TAG" || { echo "::error::The rollback job gave no release tag, so nothing is marked latest. Re-run the workflow."; exit 1; }
      - uses: fastdeploy/fastdeploy/actions/publish@v1
        with:
          version: \${{ needs.rollback.outputs.to-version }}
          tag: \${{ needs.rollback.outputs.tag }}
          make-latest: true
`},Ie={release:`# Copy to .github/workflows/release.yml (or run \`fastdeploy init --reusable\`).
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
    # The most any job of the pipeline may get (build reads, publish and latest write contents,
    # deploy jobs read contents and write deployments); each job narrows it to what it needs.
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
`,promote:`# Copy to .github/workflows/promote.yml (or run \`fastdeploy init --reusable\`).
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
      force:
        description: Deploy even when the version is held (marked bad), already live or the environment is frozen; needs a reason.
        type: boolean
        required: false
        default: false
      reason:
        description: Why force was used; recorded in the deployment ledger.
        type: string
        required: false
        default: ""

# Nothing by default; each called job asks for its own share of the grant below.
permissions: {}

jobs:
  promote:
    uses: fastdeploy/fastdeploy/.github/workflows/promote.yml@v1
    # The most any called job may get: the deploy job reads contents and writes deployments;
    # only the latest job, which runs no user code, writes contents.
    permissions:
      contents: write
      deployments: write
      actions: read
      checks: read
      statuses: read
    with:
      version: \${{ inputs.version }}
      environment: \${{ inputs.environment }}
      force: \${{ inputs.force }}
      reason: \${{ inputs.reason }}
    # Environment secrets (DEPLOY_TOKEN) only reach a called workflow's deploy job this way.
    secrets: inherit
`,rollback:`# Copy to .github/workflows/rollback.yml (or run \`fastdeploy init --reusable\`).
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
      force:
        description: Roll back even when the environment is frozen or the target is marked bad there; needs a reason.
        type: boolean
        required: false
        default: false

# Nothing by default; each called job asks for its own share of the grant below.
permissions: {}

jobs:
  rollback:
    uses: fastdeploy/fastdeploy/.github/workflows/rollback.yml@v1
    # The most any called job may get: the rollback job reads contents and writes deployments;
    # only the latest job, which runs no user code, writes contents.
    permissions:
      contents: write
      deployments: write
    with:
      environment: \${{ inputs.environment }}
      version: \${{ inputs.version }}
      reason: \${{ inputs.reason }}
      force: \${{ inputs.force }}
    # Environment secrets (DEPLOY_TOKEN) only reach a called workflow's deploy job this way.
    secrets: inherit
`};var yt=/^[A-Za-z_][A-Za-z0-9._/-]*$/,vt=/^(true|false|yes|no|on|off|null|y|n)$/i,S=e=>yt.test(e)&&!vt.test(e)?e:JSON.stringify(e),Pe=e=>e.map(S).join(", ");function U(e){let t=["# FastDeploy configuration; every key is described in docs/configuration.md."];e.name&&t.push(`name: ${S(e.name)}`),t.push("build:"),e.buildCommand&&t.push(`  command: ${JSON.stringify(e.buildCommand)}`),t.push(`  path: [${Pe(e.path)}]`),t.push("deploy:"),t.push("  # Runs once per target in the extracted artifact, with FASTDEPLOY_* variables."),t.push(`  command: ${JSON.stringify(e.deployCommand)}`),t.push("environments:");let n=e.environments;return n.forEach((o,r)=>{t.push(`  - name: ${S(o)}`),r===0?t.push(`    auto-deploy: { branches: [${S(e.branch)}] }`):t.push(`    after: [${S(n[r-1]??"")}]`),r===n.length-1&&n.length>1&&(t.push("    production: true"),t.push("    require-review: true"))}),`${t.join(`
`)}
`}function xe(e,t="self-contained"){let n=t==="reusable"?Ie:Re,o=r=>r.replaceAll("__LIST__",e.join(", ")).replaceAll("__OPTIONS__",Pe(e));return["release","promote","rollback"].map(r=>({path:`.github/workflows/${r}.yml`,text:o(n[r])}))}async function Y(e,t,n,o){let r=wt(e,t)||t,s;try{s=await ft(t,"utf8")}catch(i){if(i.code!=="ENOENT")throw i}return s===n?{path:r,outcome:"unchanged"}:s!==void 0&&!o?{path:r,outcome:"kept"}:(await mt(gt(t),{recursive:!0}),await ht(t,n),{path:r,outcome:s===void 0?"created":"updated"})}var Ae={dir:{type:"string"}};async function Ne(e,t){let{client:n,repo:o}=k(e,t,"doctor"),r=d(e,"dir")??t.cwd,s=await E(e,r),i=d(e,"config")??I;s||t.stderr(`No ${i} here; checking the environments fastdeploy init would create (dev, qa, prod).
`);let a=s??N(U({environments:["dev","qa","prod"],path:["dist"],deployCommand:"true",branch:"main"})),l=w(e,"json"),p=await Te(n,o,a.environments,a.tagPrefix,u=>t.stderr(`${u}\u2026
`)),f=p.findings.length===0;if(l)return b(t,{ok:f,...p}),f?0:1;t.stdout(`Doctor for ${p.repository}

`);for(let u of p.passed)t.stdout(`  ok       ${u}
`);for(let u of p.findings)t.stdout(`  MISSING  ${u.problem}
           fix: ${u.fix}
`);return t.stdout(f?`
Everything FastDeploy needs is in place.
`:`
${p.findings.length} missing piece${p.findings.length===1?"":"s"}.
`),f?0:1}import{readFile as bt}from"node:fs/promises";import{join as Ce,resolve as kt}from"node:path";var Se={dir:{type:"string"},environments:{type:"string"},name:{type:"string"},"build-command":{type:"string"},path:{type:"string"},"deploy-command":{type:"string"},branch:{type:"string"},reviewers:{type:"string"},"wait-timer":{type:"string"},force:{type:"boolean"},apply:{type:"boolean"},reusable:{type:"boolean"}},$t=/^[A-Za-z0-9][A-Za-z0-9._-]{0,254}$/,Ot='echo "Deploy $FASTDEPLOY_VERSION to $FASTDEPLOY_TARGET: replace this command in .github/fastdeploy.yml"';async function je(e,t){let n=kt(t.cwd,d(e,"dir")??"."),o=d(e,"config")??I,r=w(e,"force"),s=w(e,"apply"),i=H(e,"wait-timer","init",{min:0,max:43200}),a=O(e,"reviewers")??[],l=O(e,"environments")??["dev","qa","prod"];Et(l);let p=Ce(n,o),f=await Tt(p),u=f!==void 0&&!r?f:U({environments:l,...d(e,"name")?{name:d(e,"name")}:{},...d(e,"build-command")?{buildCommand:d(e,"build-command")}:{},path:O(e,"path")??["dist"],deployCommand:d(e,"deploy-command")??Ot,branch:d(e,"branch")??"main"}),$=_t(u,o);if($.environments.length===0)throw new v(`${o} lists no environments; add them (docs/configuration.md) or run init --force.`);let j=$.environments.filter(h=>h.production||h.requireReview);if(s&&j.length>0&&a.length===0)throw new m(`${j.map(h=>h.name).join(", ")} must be reviewed before deploys: pass --reviewers with user logins or org/team slugs`,"init");let c=[];c.push(await Y(n,p,u,r));let R=w(e,"reusable")?"reusable":"self-contained";for(let h of xe($.environments.map(y=>y.name),R))c.push(await Y(n,Ce(n,h.path),h.text,r));let x=[];if(s){let h=C(t,{verbose:w(e,"verbose")}),{client:y,repo:L}=k(e,t,"init");h.info(`Resolving reviewers of ${L.owner}/${L.repo}`);let Ve=await se(y,a),{data:Me}=await y.rest.repos.get({...L}),ze=ie($.environments,{tagPrefix:$.tagPrefix,defaultBranch:Me.default_branch,...i!==void 0?{waitTimer:i}:{}});for(let Je of ze)x.push(await ae(y,L,Je,Ve,h))}if(w(e,"json"))return b(t,{directory:n,files:c,environments:x}),0;for(let h of c){let y=h.outcome==="kept"?" (exists with other content; --force replaces it)":"";t.stdout(`${h.outcome.padEnd(9)} ${h.path}${y}
`)}for(let h of x){let y=h.reviewers.length?`reviewers ${h.reviewers.join(", ")}`:"no reviewers";t.stdout(`applied   environment ${h.name}: ${y}; deploys from ${h.policies.join(", ")}
`)}return t.stdout(s?"\nNext: commit and push the files above, then run `fastdeploy doctor`.\n":"\nNext: commit and push the files above, then run `fastdeploy init --apply --reviewers <logins>` to create the environments.\n"),0}function Et(e){if(e.length===0)throw new m("--environments lists no environment","init");for(let o of e)if(!$t.test(o))throw new m(`environment "${o}" must be letters, digits, '.', '_' or '-' (at most 255)`,"init");let t=e.map(o=>o.toLowerCase()),n=e.find((o,r)=>t.indexOf(t[r]??"")!==r);if(n)throw new m(`environment "${n}" is listed twice`,"init")}function _t(e,t){try{return N(e,t)}catch(n){throw n instanceof Z?new v(n.message):n}}async function Tt(e){try{return await bt(e,"utf8")}catch(t){if(t.code==="ENOENT")return;throw t}}function Le(e){let t=s=>s===null?"-":`${Math.round(s*100)}%`,n=[["ENVIRONMENT","VERSION","DEPLOYED AT","APPROVED BY","DEPLOYS/DAY","FAILED","NOTE"],...Object.entries(e.environments).map(([s,i])=>[s,i.version??"-",i.deployed_at??"-",i.approved_by.join(", ")||(i.rollback&&Q(i.rollback.reason)?"automatic":"-"),i.metrics.deploymentFrequency.toFixed(2),t(i.metrics.changeFailureRate),i.rollback?`rolled back from ${i.rollback.from}: ${i.rollback.reason}`:""])],o=n[0]?.map((s,i)=>Math.max(...n.map(a=>(a[i]??"").length)))??[];return`${n.map(s=>s.map((i,a)=>i.padEnd(o[a]??0)).join("  ").trimEnd()).join(`
`)}

Metrics over the last ${e.window_days} days.
`}var De={environments:{type:"string"},window:{type:"string"},format:{type:"string"}},Ge=["text","mermaid","json"];async function He(e,t){let n=d(e,"format")??(w(e,"json")?"json":"text");if(!Ge.includes(n))throw new m(`--format must be ${Ge.join(", ")}; got "${n}"`,"status");let o=H(e,"window","status",{min:1,max:365})??30,{client:r,repo:s}=k(e,t,"status"),i=await E(e,t.cwd),a=O(e,"environments")??i?.environments.map(u=>u.name)??[],l=await le({repo:s,environments:a,windowDays:o},{github:r,log:C(t,{verbose:w(e,"verbose")})});if(n==="json")return b(t,{repository:`${s.owner}/${s.repo}`,...l}),0;let p=Object.fromEntries((i?.environments??[]).map(u=>[u.name,u.after])),f=ce(l,p);return n==="mermaid"?(t.stdout(de(f)),0):((t.isTTY||K(t))&&t.stdout(`${pe(f,{colour:K(t)})}
`),t.stdout(Le(l)),0)}import{resolve as Ue}from"node:path";var Fe={"require-files":{type:"string"},"max-size":{type:"string"},"download-dir":{type:"string"}};async function qe(e,t){let n=D(e.positionals[0]??"");if(!G(n))throw new m(`"${e.positionals[0]}" is not a SemVer version such as 1.2.3`,"verify");let o,r=d(e,"max-size");if(r!==void 0)try{o=ee(r)}catch(u){throw new m(u.message,"verify")}let{client:s,repo:i}=k(e,t,"verify"),a=await E(e,t.cwd),l=d(e,"download-dir"),p;try{p=await re({repo:i,version:n,tagPrefix:a?.tagPrefix??"v",...O(e,"require-files")?{requireFiles:O(e,"require-files")}:{},...o!==void 0?{maxSize:o}:{},...l?{downloadDir:Ue(t.cwd,l)}:{}},{log:C(t,{verbose:w(e,"verbose")}),github:s})}catch(u){throw u instanceof A?new v(u.message):u}let f={verified:!0,name:p.manifest.name,version:p.version,tag:p.tag,digest:p.digest,size:p.size,files:p.manifest.files.length,commit:p.manifest.source.commit,release_url:p.releaseUrl,...l?{downloaded_to:Ue(t.cwd,l)}:{}};return w(e,"json")?(b(t,f),0):(t.stdout(`Verified ${f.name} ${f.version} (${f.tag})
  digest   ${f.digest}
  size     ${te(f.size)}, ${f.files} files
  commit   ${f.commit}
  release  ${f.release_url}
`),0)}var _=`Global options:
  --repo <owner/name>   Repository (default: GITHUB_REPOSITORY, then the git origin remote)
  --token <token>       GitHub token (default: GITHUB_TOKEN, then GH_TOKEN); never printed
  --api-url <url>       REST API URL (default: GITHUB_API_URL, then https://api.github.com)
  --config <path>       Config file (default: .github/fastdeploy.yml)
  --json                Print data as JSON on stdout (progress stays on stderr)
  --verbose             Print debug lines on stderr
  -h, --help            Show help`,T="Exit codes: 0 ok, 1 failed or found problems, 2 usage error (nothing was done).",W=`fastdeploy: a Git-native release pipeline on GitHub Actions.

Usage: fastdeploy <command> [options]

Commands:
  init                         Write the config and starter workflows; --apply sets up environments
  doctor                       Check a repository: environments, reviewers, tag protection, permissions
  status                       What runs in each environment and DORA metrics, from the ledger
  verify <version>             Download a published release and check every asset
  promote <version> --to <env> Dispatch the promote workflow and print the run URL
  rollback --env <env>         Dispatch the rollback workflow and print the run URL
  demo                         The whole pipeline on this machine against a local GitHub sandbox
  local start                  A local GitHub seeded from this git repository, until Ctrl-C
  local run <event>            Run this repository's workflows for an event against a local GitHub
  help [command]               Show help for a command

${_}

${T}
Docs: docs/cli.md`,F={demo:`Usage: fastdeploy demo [options]

Runs the whole pipeline on this machine, no GitHub account needed: makes a sample git
repository with fastdeploy init's config and starter workflows, and runs those workflows
through the local engine against a local GitHub: a push to main deploys to dev; tag v1.0.0
goes dev \u2192 qa \u2192 prod, where bob's self-review is refused and alice approves; tag v1.1.0 fails
its production health check and is rolled back automatically; then the rollback and promote
workflows are dispatched. Prints a line per job as it is queued, waits, is approved and ends,
then the status table. Needs git, and the repository checkout with its dependencies (npm ci).

Options:
  --dir <path>              Where to keep the sample repository and deployed targets (default: a temp dir)

${_}

${T}`,init:`Usage: fastdeploy init [options]

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
  --reusable                Write short callers of the reusable workflows instead of the
                            self-contained ones (no environment secrets across organizations,
                            no login steps of your own: docs/workflows.md)

${_}

${T}`,doctor:`Usage: fastdeploy doctor [options]

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
  --format <format>         text (default: a coloured board on a terminal, then the table),
                            mermaid (the promotion board as a Mermaid flowchart) or json

${_}

${T}`,verify:`Usage: fastdeploy verify <version> [options]

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
  --to <environment>        Environment to promote to (required); when the config file
                            exists it must be one of its environments
  --force                   Deploy even when the version is held (marked bad), already
                            live or the environment is frozen; needs --reason
  --reason <text>           Why --force was used; recorded in the deployment ledger
  --ref <ref>               Branch or tag to run the workflow from (default: the default branch)
  --workflow <file>         Workflow file (default: promote.yml)

${_}

${T}`,rollback:`Usage: fastdeploy rollback --env <environment> [--to <version>] [--reason <text>] [options]

Starts the rollback workflow (workflow_dispatch with inputs environment, version and reason)
and prints the URL of the run. Without --to the environment goes back to the newest good
version before the live one.

Options:
  --env <environment>       Environment to roll back (required)
  --to <version>            Version to roll back to (default: previous)
  --reason <text>           Why; recorded in the deployment ledger
  --force                   Roll back even when the environment is frozen or the target
                            version is marked bad there; needs --reason
  --ref <ref>               Branch or tag to run the workflow from (default: the default branch)
  --workflow <file>         Workflow file (default: rollback.yml)

${_}

${T}`,local:"Usage: fastdeploy local start [options]\n       fastdeploy local run <event> [options]\n\nA local GitHub seeded from the git repository in the current directory, and your workflow\nfiles run against it. See `fastdeploy local start --help` and `fastdeploy local run --help`.","local start":`Usage: fastdeploy local start [options]

Starts a local GitHub (REST API and workflow-artifact service) seeded from the git repository
in the current directory: its commits, branches, tags, default branch, workflow files and the
environments of .github/fastdeploy.yml with their protection rules. Prints GITHUB_API_URL,
GITHUB_TOKEN and GITHUB_REPOSITORY on stdout so every other command works against it, then
runs until Ctrl-C. The token is octocat's, the local administrator's.

Options:
  --state <dir>             Keep the local GitHub here between runs (default: a temp dir)
  --port <n>                Port of the API (default: a free one)
  --reviewers <list>        Reviewers of production and require-review environments (default: alice,bob)
  -h, --help                Show help

${T}`,"local run":`Usage: fastdeploy local run <event> [options]

Runs the workflows of .github/workflows that <event> triggers (push or workflow_dispatch), or
the one given, against a local GitHub seeded from the git repository in the current
directory. Job logs stream on stderr prefixed by job; at the end each job's conclusion and the
status table go to stdout. Deploy commands and health checks run for real. A job waiting for
review is reviewed through the REST API as the --approve/--reject user (tried in order), else
asked on a terminal, else the run fails. Exit 0 only when every run succeeded.

Options:
  --workflow <file>         One workflow file, e.g. .github/workflows/rollback.yml (required with workflow_dispatch)
  --ref <ref>               Ref of the event (push: the branch checked out; workflow_dispatch: the default branch)
  --input <k=v>             A workflow_dispatch input; repeat for each
  --approve <ENV=LOGIN>     Approve ENV's review as LOGIN; repeat for more
  --reject <ENV=LOGIN>      Reject ENV's review as LOGIN
  --actor <login>           Who pushed or dispatched (default: octocat)
  --state <dir>             Keep the local GitHub here between runs (default: a temp dir)
  --reviewers <list>        Reviewers of production and require-review environments (default: alice,bob)
  -h, --help                Show help

${T}`,help:`Usage: fastdeploy help [command]

Shows the list of commands, or the help of one command.`};var Be="0.1.0",q={min:0,max:0,names:""},Ke={init:{options:Se,positionals:q,run:je},doctor:{options:Ae,positionals:q,run:Ne},status:{options:De,positionals:q,run:He},verify:{options:Fe,positionals:{min:1,max:1,names:"<version>"},run:qe},promote:{options:we,positionals:{min:1,max:1,names:"<version>"},run:ve},rollback:{options:ye,positionals:q,run:be}};async function M(e,t,n=Ke){let[o,r]=Rt(e,n),s=xt(e,t);try{if(o===void 0||o==="--help"||o==="-h")return t.stdout(`${W}
`),o===void 0?2:0;if(o==="--version"||o==="-v")return t.stdout(`${Be}
`),0;if(o==="help")return It(r,t);let i=n[o];if(!i){let l=Object.keys(n).filter(p=>p.startsWith(`${o} `));if(l.length>0&&(r[0]==="--help"||r[0]==="-h"))return t.stdout(`${F[o]}
`),0;throw l.length>0?new m(`${o} needs a subcommand: ${l.join(", ")}`,o):new m(`unknown command "${o}"`)}let a=ge(o,r,i.options,i.positionals);return a.values.help?(t.stdout(`${F[o]}
`),0):await i.run(a,t)}catch(i){return Ye(i,t,s)}}function Rt(e,t){let[n,o,...r]=e;return n!==void 0&&o!==void 0&&t[`${n} ${o}`]?[`${n} ${o}`,r]:[n,e.slice(1)]}function It(e,t){let n=e.length?e.join(" "):void 0;if(n===void 0)return t.stdout(`${W}
`),0;let o=F[n];return o?(t.stdout(`${o}
`),0):Ye(new m(`no help for unknown command "${n}"`),t,[])}function Ye(e,t,n){let o=s=>n.reduce((i,a)=>i.split(a).join("***"),s);if(e instanceof m){let s=e.command?`fastdeploy ${e.command} --help`:"fastdeploy --help";return t.stderr(o(`fastdeploy: ${e.message}
See \`${s}\`.
`)),2}if(e instanceof v||e instanceof A)return t.stderr(o(`fastdeploy: ${e.message}
`)),1;let r=e.status;return typeof r=="number"?(t.stderr(o(`fastdeploy: ${Pt(r,e.message)}
`)),1):(t.stderr(o(`fastdeploy: ${e?.stack??String(e)}
`)),1)}function Pt(e,t){return e===401?"GitHub refused the token (401): check --token, GITHUB_TOKEN or GH_TOKEN.":e===403?`GitHub answered 403 (${t}): the token lacks a permission this command needs (docs/security.md lists them).`:e===404?`GitHub answered 404 (${t}): check --repo, and that the token can see the repository.`:`GitHub answered ${e}: ${t}`}function xt(e,t){let n=[t.env.GITHUB_TOKEN,t.env.GH_TOKEN];return e.forEach((o,r)=>{o==="--token"&&n.push(e[r+1]),o.startsWith("--token=")&&n.push(o.slice(8))}),n.filter(o=>typeof o=="string"&&o.length>=4)}function We(e){let t=[],n="",o,r=!1;for(let s=0;s<e.length;s++){let i=e[s];o?i===o?o=void 0:i==="\\"&&o==='"'&&s+1<e.length?n+=e[++s]:n+=i:i==='"'||i==="'"?(o=i,r=!0):/\s/.test(i)?(r&&t.push(n),n="",r=!1):(n+=i==="\\"&&s+1<e.length?e[++s]:i,r=!0)}if(o)throw new ue(`Input "args" has an unclosed ${o} quote: ${e}`);return r&&t.push(n),t}var z=class extends A{name="CliExitError"};await he(async()=>{let e=We(me("args")),t=fe(),n={...process.env,GITHUB_TOKEN:t,GITHUB_REPOSITORY:B("repository")||process.env.GITHUB_REPOSITORY||""},o=B("config"),r=o&&!e.includes("--config")&&e[0]!=="help"?[...e,"--config",o]:e,s="",i="",a=await M(r,{stdout:l=>{s+=l,process.stdout.write(l)},stderr:l=>{i+=l,process.stdout.write(l)},env:n,cwd:process.env.GITHUB_WORKSPACE||process.cwd()});if(J("json",At(s)),a!==0){let l=i.trim().split(`
`).pop()??"";throw new z(`fastdeploy ${e[0]??""} exited with code ${a}${l?`: ${l}`:""}`)}});function At(e){try{return JSON.stringify(JSON.parse(e))}catch{return JSON.stringify({output:e.trimEnd()})}}
