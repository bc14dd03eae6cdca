import { createRequire as __fastdeployRequire } from "node:module"; const require = __fastdeployRequire(import.meta.url);
import{j as ee,p as ne}from"../chunks/chunk-2AX7OLRL.js";import{$ as se,C as J,D as X,N as Z,O as Q,T as te,V as oe,_ as re,b as z,f as L,g as M,h as G,u as R,v as A}from"../chunks/chunk-HGAB7YZR.js";import{n as H,o as Y}from"../chunks/chunk-X64SFW4D.js";var f=class extends Error{constructor(t,o){super(t);this.command=o}command;name="UsageError"},v=class extends Error{name="CliFailure"};function N(e,n={}){return{info:t=>e.stderr(`${t}
`),warning:t=>e.stderr(`warning: ${t}
`),debug:t=>{n.verbose&&e.stderr(`debug: ${t}
`)},group:async(t,o)=>(e.stderr(`${t}\u2026
`),o())}}function k(e,n){e.stdout(`${JSON.stringify(n,null,2)}
`)}import{execFileSync as qe}from"node:child_process";import{readFile as Be}from"node:fs/promises";import{resolve as Ke}from"node:path";import{parseArgs as We}from"node:util";var Ve={repo:{type:"string"},token:{type:"string"},"api-url":{type:"string"},config:{type:"string"},json:{type:"boolean"},verbose:{type:"boolean"},help:{type:"boolean",short:"h"}};function ie(e,n,t,o){let r;try{r=We({args:n,options:{...Ve,...t},allowPositionals:!0,strict:!0})}catch(i){throw new f(i.message.split(". To specify")[0]??"",e)}if(r.values.help)return r;let s=r.positionals.length;if(s<o.min)throw new f(`missing ${o.names}`,e);if(s>o.max){let i=r.positionals.slice(o.max).join(" ");throw new f(`unexpected argument: ${i}`,e)}return r}function u(e,n){let t=e.values[n];return typeof t=="string"?t:void 0}function y(e,n){return e.values[n]===!0}function E(e,n){let t=u(e,n);if(t!==void 0)return t.split(/[\n,]/).map(o=>o.trim()).filter(Boolean)}function U(e,n,t,o){let r=u(e,n);if(r===void 0)return;let s=Number(r);if(!/^\d+$/.test(r)||s<o.min||s>o.max)throw new f(`--${n} must be a whole number from ${o.min} to ${o.max}, got "${r}"`,t);return s}var Ye=/^([A-Za-z0-9-]{1,39})\/([A-Za-z0-9._-]{1,100})$/;function ze(e,n,t){let o=u(e,"repo")??n.env.GITHUB_REPOSITORY??Me(n.cwd);if(!o)throw new f("which repository? Pass --repo owner/name (or run inside a clone with a GitHub origin)",t);let r=Ye.exec(o);if(!r)throw new f(`--repo must be owner/name, got "${o}"`,t);return{owner:r[1]??"",repo:r[2]??""}}function Me(e){try{let n=qe("git",["config","--get","remote.origin.url"],{cwd:e,encoding:"utf8",stdio:["ignore","pipe","ignore"]}).trim(),t=/[:/]([^/:]+)\/([^/]+?)(?:\.git)?\/?$/.exec(n);return t?`${t[1]}/${t[2]}`:void 0}catch{return}}function Je(e,n,t){let o=u(e,"token")||n.env.GITHUB_TOKEN||n.env.GH_TOKEN;if(!o)throw new f("no GitHub token: pass --token, or set GITHUB_TOKEN or GH_TOKEN (e.g. GITHUB_TOKEN=$(gh auth token))",t);return o}function Xe(e,n){return u(e,"api-url")??n.env.GITHUB_API_URL??"https://api.github.com"}function $(e,n,t){let o=ze(e,n,t),r=Je(e,n,t),s;try{s=Q(n.env)}catch(a){throw new f(a.message,t)}return{client:Z({token:r,apiUrl:Xe(e,n),userAgent:"fastdeploy-cli",warn:a=>n.stderr(`warning: ${a}
`),...Object.fromEntries(Object.entries(s).filter(([,a])=>a!==void 0))}),repo:o,token:r}}function Ze(e,n){return Ke(n,u(e,"config")??R)}async function _(e,n){let t=Ze(e,n),o;try{o=await Be(t,"utf8")}catch(r){if(r.code==="ENOENT")return;throw r}return A(o,u(e,"config")??R)}var ae={to:{type:"string"},force:{type:"boolean"},reason:{type:"string"},ref:{type:"string"},workflow:{type:"string"}},le={env:{type:"string"},to:{type:"string"},reason:{type:"string"},force:{type:"boolean"},ref:{type:"string"},workflow:{type:"string"}},Qe=/^[A-Za-z0-9][A-Za-z0-9._-]{0,254}$/;async function ce(e,n){let t=me(e.positionals[0]??"","promote"),o=fe(u(e,"to"),"--to","promote");return await ue(e,n,o,"--to","promote"),he(e,n,"promote",u(e,"workflow")??"promote.yml",{version:t,environment:o,...de(e,"promote")})}async function pe(e,n){let t=fe(u(e,"env"),"--env","rollback");await ue(e,n,t,"--env","rollback");let o=u(e,"to"),r=o===void 0||o==="previous"?"previous":me(o,"rollback"),s=u(e,"reason");return he(e,n,"rollback",u(e,"workflow")??"rollback.yml",{environment:t,version:r,...s?{reason:s}:{},...de(e,"rollback")})}function de(e,n){if(!y(e,"force"))return{};let t=u(e,"reason")?.trim();if(!t)throw new f('--force needs --reason "<why>": the reason is recorded in the deployment',n);return{force:"true",reason:t}}async function ue(e,n,t,o,r){let i=(await _(e,n.cwd))?.environments.map(a=>a.name)??[];if(!(!i.length||i.some(a=>a.toLowerCase()===t.toLowerCase())))throw new f(`${o} "${t}" is not an environment in ${u(e,"config")??".github/fastdeploy.yml"}, which lists ${i.join(", ")}`,r)}function me(e,n){let t=e.replace(/^v(?=\d)/,"");if(!G(t))throw new f(`"${e}" is not a SemVer version such as 1.2.3`,n);return t}function fe(e,n,t){if(!e)throw new f(`${n} <environment> is required`,t);if(!Qe.test(e))throw new f(`${n} "${e}" is not an environment name`,t);return e}async function he(e,n,t,o,r){let{client:s,repo:i}=$(e,n,t),a=u(e,"ref")??await en(s,i);n.stderr(`Dispatching ${o} on ${a} of ${i.owner}/${i.repo}\u2026
`);let l;try{let m=await s.request("POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches",{...i,workflow_id:o,ref:a,inputs:r,return_run_details:!0});l=m.status===200?m.data:{}}catch(m){let c=m.status,g=m.response?.data?.message;throw c===404?new v(`Workflow ${o} was not found in ${i.owner}/${i.repo}: run fastdeploy init, commit .github/workflows/${o} and push it (or pass --workflow).`):c===422?new v(`GitHub refused to start ${o}: ${g??"validation failed"}.`):m}let d={workflow:o,ref:a,inputs:r,run_id:l.workflow_run_id??null,run_url:l.html_url??null,api_url:l.run_url??null};return y(e,"json")?(k(n,d),0):(d.run_url?n.stdout(`${d.run_url}
`):n.stdout(`Dispatched ${o} on ${a}; this server does not return run details, see the Actions tab.
`),0)}async function en(e,n){let{data:t}=await e.rest.repos.get({...n});return t.default_branch}var nn=["release.yml","promote.yml","rollback.yml"];async function ge(e,n,t,o,r){let s={repository:`${n.owner}/${n.repo}`,passed:[],findings:[]},i=s.repository,a="Settings \u2192 Environments",l=`${o}*`;for(let p of t){r(`Checking environment ${p.name}`);let T=await z(e,n,p.name);if(!T){s.findings.push({check:"environment",environment:p.name,problem:`environment ${p.name} does not exist`,fix:`fastdeploy init --apply --repo ${i} --reviewers <logins>, or create it in ${a}`});continue}s.passed.push(`environment ${p.name} exists`);let I=p.production||p.requireReview;if(I&&T.reviewers.length===0?s.findings.push({check:"reviewers",environment:p.name,problem:`${p.name} has no required reviewers, so anyone who can run a workflow deploys there`,fix:`fastdeploy init --apply --reviewers <logins>, or ${a} \u2192 ${p.name} \u2192 Required reviewers`}):I&&s.passed.push(`${p.name} requires a review by ${T.reviewers.map(h=>h.name).join(", ")}`),p.production&&!T.preventSelfReview?s.findings.push({check:"self-review",environment:p.name,problem:`${p.name} lets the person who started a deploy approve it`,fix:`fastdeploy init --apply, or ${a} \u2192 ${p.name} \u2192 Prevent self-review`}):p.production&&s.passed.push(`${p.name} prevents self-review`),p.production&&T.branchPolicy?.custom_branch_policies){let{data:h}=await e.rest.repos.listDeploymentBranchPolicies({...n,environment_name:p.name,per_page:100});h.branch_policies.some(b=>b.type==="tag"&&b.name===l)&&s.passed.push(`${p.name} deploys only from allowed refs, tags ${l} among them`)}}r("Checking tag rulesets");let d=await tn(e,n,l),m=d.find(p=>p.rules.includes("update")&&p.rules.includes("deletion")),c=d.filter(p=>p.rules.includes("creation"));m?s.passed.push(`ruleset "${m.name}" stops release tags ${l} from being moved or deleted`):s.findings.push({check:"tag-protection",problem:`release tags ${l} are not protected: no active tag ruleset restricts their update and deletion (an environment's tag policy does not protect tags)`,fix:`Settings \u2192 Rules \u2192 Rulesets \u2192 New tag ruleset: target refs/tags/${l}, rules "Restrict updates" and "Restrict deletions" (not "Restrict creations"; docs/security.md)`});for(let p of c)s.findings.push({check:"tag-creation",problem:`ruleset "${p.name}" restricts creation of ${l} tags, so publish (GITHUB_TOKEN) cannot create release or prerelease tags`,fix:`remove the "Restrict creations" rule from "${p.name}" and keep "Restrict updates" and "Restrict deletions" (docs/security.md)`});r("Checking default workflow permissions");let{data:g}=await e.rest.actions.getGithubActionsDefaultWorkflowPermissionsRepository({...n});g.default_workflow_permissions==="read"?s.passed.push("workflows get a read-only token unless they ask for more"):s.findings.push({check:"workflow-permissions",problem:"the default GITHUB_TOKEN can write to the repository in every workflow",fix:`gh api -X PUT repos/${i}/actions/permissions/workflow -f default_workflow_permissions=read, or Settings \u2192 Actions \u2192 General \u2192 Workflow permissions \u2192 Read`}),r("Checking workflows");let O=await on(e,n);for(let p of nn)O.has(`.github/workflows/${p}`)?s.passed.push(`workflow .github/workflows/${p} is in the repository`):s.findings.push({check:"workflow",problem:`.github/workflows/${p} is not in the repository's default branch`,fix:"fastdeploy init writes it (copied from workflows/ of FastDeploy); commit and push it"});return s}async function tn(e,n,t){let{data:o}=await e.rest.repos.getRepoRulesets({...n,targets:"tag",per_page:100}),r=[];for(let s of o){if(s.target!=="tag"||s.enforcement!=="active")continue;let{data:i}=await e.rest.repos.getRepoRuleset({...n,ruleset_id:s.id}),l=i.conditions?.ref_name?.include??[],d=t.replace(/\*$/,"");l.some(c=>c==="~ALL"||c===`refs/tags/${t}`||c.startsWith(`refs/tags/${d}`)&&c.includes("*"))&&r.push({name:i.name,rules:(i.rules??[]).map(c=>c.type)})}return r}async function on(e,n){let t=await e.paginate(e.rest.actions.listRepoWorkflows,{...n,per_page:100});return new Set(t.map(o=>o.path))}import{mkdir as rn,readFile as sn,writeFile as an}from"node:fs/promises";import{dirname as ln,relative as cn}from"node:path";var we={release:`# Copy to .github/workflows/release.yml (or run \`fastdeploy init\`).
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
    steps:
      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2
        with:
          persist-credentials: false
      - uses: fastdeploy/fastdeploy/actions/publish@v1
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
      url: \${{ steps.distribute.outputs.environment-url }}
    # One deploy per environment runs at a time and a running one is never cancelled; GitHub
    # keeps one pending deploy per group (docs/security.md, "Concurrency"). Rollbacks use a
    # group of their own, so a deploy parked at a review never holds one up.
    concurrency:
      group: fastdeploy-deploy-\${{ matrix.stage.environment }}
      cancel-in-progress: false
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
    # A tag went through every environment, production last.
    if: github.ref_type == 'tag'
    runs-on: ubuntu-latest
    timeout-minutes: 10
    permissions:
      contents: write # mark the release latest; nothing here runs project code
    steps:
      # For the config file (tag-prefix) only; nothing from the checkout is executed.
      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2
        with:
          persist-credentials: false
      - uses: fastdeploy/fastdeploy/actions/publish@v1
        with:
          version: \${{ needs.build.outputs.version }}
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
      url: \${{ steps.distribute.outputs.environment-url }}
    # The release workflow's group: deploys to one environment wait in line, none is cancelled.
    concurrency:
      group: fastdeploy-deploy-\${{ inputs.environment }}
      cancel-in-progress: false
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
      # For the config file (tag-prefix) only; nothing from the checkout is executed.
      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2
        with:
          persist-credentials: false
      - uses: fastdeploy/fastdeploy/actions/publish@v1
        with:
          version: \${{ inputs.version }}
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
      # For the config file (tag-prefix) only; nothing from the checkout is executed.
      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2
        with:
          persist-credentials: false
      - uses: fastdeploy/fastdeploy/actions/publish@v1
        with:
          version: \${{ needs.rollback.outputs.to-version }}
          make-latest: true
`},ye={release:`# Copy to .github/workflows/release.yml (or run \`fastdeploy init --reusable\`).
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
`};var pn=/^[A-Za-z_][A-Za-z0-9._/-]*$/,dn=/^(true|false|yes|no|on|off|null|y|n)$/i,S=e=>pn.test(e)&&!dn.test(e)?e:JSON.stringify(e),ve=e=>e.map(S).join(", ");function j(e){let n=["# FastDeploy configuration; every key is described in docs/configuration.md."];e.name&&n.push(`name: ${S(e.name)}`),n.push("build:"),e.buildCommand&&n.push(`  command: ${JSON.stringify(e.buildCommand)}`),n.push(`  path: [${ve(e.path)}]`),n.push("deploy:"),n.push("  # Runs once per target in the extracted artifact, with FASTDEPLOY_* variables."),n.push(`  command: ${JSON.stringify(e.deployCommand)}`),n.push("environments:");let t=e.environments;return t.forEach((o,r)=>{n.push(`  - name: ${S(o)}`),r===0?n.push(`    auto-deploy: { branches: [${S(e.branch)}] }`):n.push(`    after: [${S(t[r-1]??"")}]`),r===t.length-1&&t.length>1&&(n.push("    production: true"),n.push("    require-review: true"))}),`${n.join(`
`)}
`}function be(e,n="self-contained"){let t=n==="reusable"?ye:we,o=r=>r.replaceAll("__LIST__",e.join(", ")).replaceAll("__OPTIONS__",ve(e));return["release","promote","rollback"].map(r=>({path:`.github/workflows/${r}.yml`,text:o(t[r])}))}async function q(e,n,t,o){let r=cn(e,n)||n,s;try{s=await sn(n,"utf8")}catch(i){if(i.code!=="ENOENT")throw i}return s===t?{path:r,outcome:"unchanged"}:s!==void 0&&!o?{path:r,outcome:"kept"}:(await rn(ln(n),{recursive:!0}),await an(n,t),{path:r,outcome:s===void 0?"created":"updated"})}var ke={dir:{type:"string"}};async function $e(e,n){let{client:t,repo:o}=$(e,n,"doctor"),r=u(e,"dir")??n.cwd,s=await _(e,r),i=u(e,"config")??R;s||n.stderr(`No ${i} here; checking the environments fastdeploy init would create (dev, qa, prod).
`);let a=s??A(j({environments:["dev","qa","prod"],path:["dist"],deployCommand:"true",branch:"main"})),l=y(e,"json"),d=await ge(t,o,a.environments,a.tagPrefix,c=>n.stderr(`${c}\u2026
`)),m=d.findings.length===0;if(l)return k(n,{ok:m,...d}),m?0:1;n.stdout(`Doctor for ${d.repository}

`);for(let c of d.passed)n.stdout(`  ok       ${c}
`);for(let c of d.findings)n.stdout(`  MISSING  ${c.problem}
           fix: ${c.fix}
`);return n.stdout(m?`
Everything FastDeploy needs is in place.
`:`
${d.findings.length} missing piece${d.findings.length===1?"":"s"}.
`),m?0:1}import{readFile as un}from"node:fs/promises";import{join as Pe,resolve as mn}from"node:path";async function Ee(e,n){let t=[];for(let o of n){let r=o.replace(/^@/,""),[s,i,a]=r.split("/");try{if(i!==void 0&&a===void 0&&s){let{data:l}=await e.rest.teams.getByName({org:s,team_slug:i});t.push({type:"Team",id:l.id,name:r})}else{let{data:l}=await e.rest.users.getByUsername({username:r});t.push({type:"User",id:l.id,name:l.login})}}catch(l){throw l.status!==404?l:new v(`Reviewer "${o}" was not found: give a user login or an org/team slug that can see the repository.`)}}if(t.length>6)throw new v(`GitHub accepts at most 6 reviewers per environment; ${t.length} were given.`);return t}function Oe(e,n){return e.map(t=>({name:t.name,reviewed:t.production||t.requireReview,...t.production&&n.waitTimer!==void 0?{waitTimer:n.waitTimer}:{},branches:[...new Set([n.defaultBranch,...t.autoDeploy.branches])],tagPattern:`${n.tagPrefix}*`}))}async function _e(e,n,t,o,r){r.info(`Environment ${t.name}: protection rules`),await e.rest.repos.createOrUpdateEnvironment({...n,environment_name:t.name,...t.waitTimer!==void 0?{wait_timer:t.waitTimer}:{},...t.reviewed?{reviewers:o.map(a=>({type:a.type,id:a.id})),prevent_self_review:!0}:{},deployment_branch_policy:{protected_branches:!1,custom_branch_policies:!0}});let{data:s}=await e.rest.repos.listDeploymentBranchPolicies({...n,environment_name:t.name,per_page:100}),i=[...t.branches.map(a=>({name:a,type:"branch"})),{name:t.tagPattern,type:"tag"}];for(let a of i)s.branch_policies.some(d=>d.name===a.name&&(d.type??"branch")===a.type)||(r.info(`Environment ${t.name}: allow ${a.type} ${a.name}`),await e.rest.repos.createDeploymentBranchPolicy({...n,environment_name:t.name,...a}));return{name:t.name,reviewers:t.reviewed?o.map(a=>a.name):[],policies:i.map(a=>`${a.type}:${a.name}`)}}var Te={dir:{type:"string"},environments:{type:"string"},name:{type:"string"},"build-command":{type:"string"},path:{type:"string"},"deploy-command":{type:"string"},branch:{type:"string"},reviewers:{type:"string"},"wait-timer":{type:"string"},force:{type:"boolean"},apply:{type:"boolean"},reusable:{type:"boolean"}},fn=/^[A-Za-z0-9][A-Za-z0-9._-]{0,254}$/,hn='echo "Deploy $FASTDEPLOY_VERSION to $FASTDEPLOY_TARGET: replace this command in .github/fastdeploy.yml"';async function Re(e,n){let t=mn(n.cwd,u(e,"dir")??"."),o=u(e,"config")??R,r=y(e,"force"),s=y(e,"apply"),i=U(e,"wait-timer","init",{min:0,max:43200}),a=E(e,"reviewers")??[],l=E(e,"environments")??["dev","qa","prod"];gn(l);let d=Pe(t,o),m=await yn(d),c=m!==void 0&&!r?m:j({environments:l,...u(e,"name")?{name:u(e,"name")}:{},...u(e,"build-command")?{buildCommand:u(e,"build-command")}:{},path:E(e,"path")??["dist"],deployCommand:u(e,"deploy-command")??hn,branch:u(e,"branch")??"main"}),g=wn(c,o);if(g.environments.length===0)throw new v(`${o} lists no environments; add them (docs/configuration.md) or run init --force.`);let O=g.environments.filter(h=>h.production||h.requireReview);if(s&&O.length>0&&a.length===0)throw new f(`${O.map(h=>h.name).join(", ")} must be reviewed before deploys: pass --reviewers with user logins or org/team slugs`,"init");let p=[];p.push(await q(t,d,c,r));let T=y(e,"reusable")?"reusable":"self-contained";for(let h of be(g.environments.map(b=>b.name),T))p.push(await q(t,Pe(t,h.path),h.text,r));let I=[];if(s){let h=N(n,{verbose:y(e,"verbose")}),{client:b,repo:D}=$(e,n,"init");h.info(`Resolving reviewers of ${D.owner}/${D.repo}`);let Ue=await Ee(b,a),{data:je}=await b.rest.repos.get({...D}),Fe=Oe(g.environments,{tagPrefix:g.tagPrefix,defaultBranch:je.default_branch,...i!==void 0?{waitTimer:i}:{}});for(let He of Fe)I.push(await _e(b,D,He,Ue,h))}if(y(e,"json"))return k(n,{directory:t,files:p,environments:I}),0;for(let h of p){let b=h.outcome==="kept"?" (exists with other content; --force replaces it)":"";n.stdout(`${h.outcome.padEnd(9)} ${h.path}${b}
`)}for(let h of I){let b=h.reviewers.length?`reviewers ${h.reviewers.join(", ")}`:"no reviewers";n.stdout(`applied   environment ${h.name}: ${b}; deploys from ${h.policies.join(", ")}
`)}return n.stdout(s?"\nNext: commit and push the files above, then run `fastdeploy doctor`.\n":"\nNext: commit and push the files above, then run `fastdeploy init --apply --reviewers <logins>` to create the environments.\n"),0}function gn(e){if(e.length===0)throw new f("--environments lists no environment","init");for(let o of e)if(!fn.test(o))throw new f(`environment "${o}" must be letters, digits, '.', '_' or '-' (at most 255)`,"init");let n=e.map(o=>o.toLowerCase()),t=e.find((o,r)=>n.indexOf(n[r]??"")!==r);if(t)throw new f(`environment "${t}" is listed twice`,"init")}function wn(e,n){try{return A(e,n)}catch(t){throw t instanceof M?new v(t.message):t}}async function yn(e){try{return await un(e,"utf8")}catch(n){if(n.code==="ENOENT")return;throw n}}var xe={environments:{type:"string"},window:{type:"string"}};async function Ie(e,n){let t=U(e,"window","status",{min:1,max:365})??30,{client:o,repo:r}=$(e,n,"status"),s=await _(e,n.cwd),i=E(e,"environments")??s?.environments.map(c=>c.name)??[],a=await ne({repo:r,environments:i,windowDays:t},{github:o,log:N(n,{verbose:y(e,"verbose")})});if(y(e,"json"))return k(n,{repository:`${r.owner}/${r.repo}`,...a}),0;let l=c=>c===null?"-":`${Math.round(c*100)}%`,d=[["ENVIRONMENT","VERSION","DEPLOYED AT","APPROVED BY","DEPLOYS/DAY","FAILED","NOTE"],...Object.entries(a.environments).map(([c,g])=>[c,g.version??"-",g.deployed_at??"-",g.approved_by.join(", ")||"-",g.metrics.deploymentFrequency.toFixed(2),l(g.metrics.changeFailureRate),g.rollback?`rolled back from ${g.rollback.from}: ${g.rollback.reason}`:""])],m=d[0]?.map((c,g)=>Math.max(...d.map(O=>(O[g]??"").length)))??[];for(let c of d)n.stdout(`${c.map((g,O)=>g.padEnd(m[O]??0)).join("  ").trimEnd()}
`);return n.stdout(`
Metrics over the last ${a.window_days} days.
`),0}import{resolve as Ae}from"node:path";var Ne={"require-files":{type:"string"},"max-size":{type:"string"},"download-dir":{type:"string"}};async function Ce(e,n){let t=(e.positionals[0]??"").replace(/^v(?=\d)/,"");if(!G(t))throw new f(`"${e.positionals[0]}" is not a SemVer version such as 1.2.3`,"verify");let o,r=u(e,"max-size");if(r!==void 0)try{o=J(r)}catch(c){throw new f(c.message,"verify")}let{client:s,repo:i}=$(e,n,"verify"),a=await _(e,n.cwd),l=u(e,"download-dir"),d;try{d=await ee({repo:i,version:t,tagPrefix:a?.tagPrefix??"v",...E(e,"require-files")?{requireFiles:E(e,"require-files")}:{},...o!==void 0?{maxSize:o}:{},...l?{downloadDir:Ae(n.cwd,l)}:{}},{log:N(n,{verbose:y(e,"verbose")}),github:s})}catch(c){throw c instanceof L?new v(c.message):c}let m={verified:!0,name:d.manifest.name,version:d.version,tag:d.tag,digest:d.digest,size:d.size,files:d.manifest.files.length,commit:d.manifest.source.commit,release_url:d.releaseUrl,...l?{downloaded_to:Ae(n.cwd,l)}:{}};return y(e,"json")?(k(n,m),0):(n.stdout(`Verified ${m.name} ${m.version} (${m.tag})
  digest   ${m.digest}
  size     ${X(m.size)}, ${m.files} files
  commit   ${m.commit}
  release  ${m.release_url}
`),0)}var P=`Global options:
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

${P}

${C}
Docs: docs/cli.md`,K={demo:`Usage: fastdeploy demo [options]

Runs the whole pipeline on this machine, no GitHub account needed: starts a local GitHub
(REST API checked against GitHub's OpenAPI description, workflow artifacts on Azurite),
builds a sample app, verifies it, publishes v1.0.0, promotes it dev \u2192 qa \u2192 prod with
recorded approvals, then publishes v1.1.0 whose production health check fails so it is
rolled back to v1.0.0 automatically. Prints what runs where and where each step's job
summary was written. Needs the repository checkout with its dependencies (npm install).

Options:
  --dir <path>              Where to keep the summaries and deployed targets (default: a temp dir)

${P}

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
  --reusable                Write short callers of the reusable workflows instead of the
                            self-contained ones (no environment secrets across organizations,
                            no login steps of your own: docs/workflows.md)

${P}

${C}`,doctor:`Usage: fastdeploy doctor [options]

Checks a repository through the API against the config (or init's defaults when there is no
config): each environment exists; production and require-review environments have required
reviewers; production prevents self-review; release tags are protected (a production tag
policy or an active tag ruleset); the default workflow token is read-only; release.yml,
promote.yml and rollback.yml are in the repository. Lists each missing piece with its fix.

Options:
  --dir <path>              Where to read the config from (default: the current directory)

${P}

Exit codes: 0 nothing missing, 1 something is missing (listed), 2 usage error.`,status:`Usage: fastdeploy status [options]

Shows the version that runs in each environment, when it was deployed, who approved it and
DORA metrics (deploys per day, change failure rate), read from the deployment ledger.

Options:
  --environments <list>     Environments to show (default: the config's, else all with deployments)
  --window <days>           Days of history for the metrics (1-365, default 30)

${P}

${C}`,verify:`Usage: fastdeploy verify <version> [options]

Downloads the release of <version> (tag v<version>) and checks SHA256SUMS, the manifest and
every entry of the archive, as distribute does before each deploy.

Options:
  --require-files <list>    Files the archive must contain
  --max-size <size>         Largest archive allowed (500MB, 2GiB)
  --download-dir <path>     Keep the downloaded assets here

${P}

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

${P}

${C}`,rollback:`Usage: fastdeploy rollback --env <environment> [--to <version>] [--reason <text>] [options]

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

${P}

${C}`,help:`Usage: fastdeploy help [command]

Shows the list of commands, or the help of one command.`};var Se="0.1.0",F={min:0,max:0,names:""},De={init:{options:Te,positionals:F,run:Re},doctor:{options:ke,positionals:F,run:$e},status:{options:xe,positionals:F,run:Ie},verify:{options:Ne,positionals:{min:1,max:1,names:"<version>"},run:Ce},promote:{options:ae,positionals:{min:1,max:1,names:"<version>"},run:ce},rollback:{options:le,positionals:F,run:pe}};async function V(e,n,t=De){let[o,...r]=e,s=kn(e,n);try{if(o===void 0||o==="--help"||o==="-h")return n.stdout(`${B}
`),o===void 0?2:0;if(o==="--version"||o==="-v")return n.stdout(`${Se}
`),0;if(o==="help")return vn(r,n);let i=t[o];if(!i)throw new f(`unknown command "${o}"`);let a=ie(o,r,i.options,i.positionals);return a.values.help?(n.stdout(`${K[o]}
`),0):await i.run(a,n)}catch(i){return Le(i,n,s)}}function vn(e,n){let t=e[0];if(t===void 0)return n.stdout(`${B}
`),0;let o=K[t];return o?(n.stdout(`${o}
`),0):Le(new f(`no help for unknown command "${t}"`),n,[])}function Le(e,n,t){let o=s=>t.reduce((i,a)=>i.split(a).join("***"),s);if(e instanceof f){let s=e.command?`fastdeploy ${e.command} --help`:"fastdeploy --help";return n.stderr(o(`fastdeploy: ${e.message}
See \`${s}\`.
`)),2}if(e instanceof v||e instanceof L)return n.stderr(o(`fastdeploy: ${e.message}
`)),1;let r=e.status;return typeof r=="number"?(n.stderr(o(`fastdeploy: ${bn(r,e.message)}
`)),1):(n.stderr(o(`fastdeploy: ${e?.stack??String(e)}
`)),1)}function bn(e,n){return e===401?"GitHub refused the token (401): check --token, GITHUB_TOKEN or GH_TOKEN.":e===403?`GitHub answered 403 (${n}): the token lacks a permission this command needs (docs/security.md lists them).`:e===404?`GitHub answered 404 (${n}): check --repo, and that the token can see the repository.`:`GitHub answered ${e}: ${n}`}function kn(e,n){let t=[n.env.GITHUB_TOKEN,n.env.GH_TOKEN];return e.forEach((o,r)=>{o==="--token"&&t.push(e[r+1]),o.startsWith("--token=")&&t.push(o.slice(8))}),t.filter(o=>typeof o=="string"&&o.length>=4)}function Ge(e){let n=[],t="",o,r=!1;for(let s=0;s<e.length;s++){let i=e[s];o?i===o?o=void 0:i==="\\"&&o==='"'&&s+1<e.length?t+=e[++s]:t+=i:i==='"'||i==="'"?(o=i,r=!0):/\s/.test(i)?(r&&n.push(t),t="",r=!1):(t+=i==="\\"&&s+1<e.length?e[++s]:i,r=!0)}if(o)throw new te(`Input "args" has an unclosed ${o} quote: ${e}`);return r&&n.push(t),n}await se(async()=>{let e=Ge(oe("args")),n=re(),t={...process.env,GITHUB_TOKEN:n,GITHUB_REPOSITORY:H("repository")||process.env.GITHUB_REPOSITORY||""},o=H("config"),r=o&&!e.includes("--config")&&e[0]!=="help"?[...e,"--config",o]:e,s="",i="",a=await V(r,{stdout:l=>{s+=l,process.stdout.write(l)},stderr:l=>{i+=l,process.stdout.write(l)},env:t,cwd:process.env.GITHUB_WORKSPACE||process.cwd()});if(Y("json",$n(s)),a!==0){let l=i.trim().split(`
`).pop()??"";throw new Error(`fastdeploy ${e[0]??""} exited with code ${a}${l?`: ${l}`:""}`)}});function $n(e){try{return JSON.stringify(JSON.parse(e))}catch{return JSON.stringify({output:e.trimEnd()})}}
