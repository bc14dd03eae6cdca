import { createRequire as __fastdeployRequire } from "node:module"; const require = __fastdeployRequire(import.meta.url);
import{a as ie}from"./chunk-OPKUYZC7.js";import{A as Q,B as ee,C as te,E as ne,F as oe,G as re,H as se,J as B,K as I,L as b,e as f,f as v,h as G,i as V,k as L,l as D,m as R,n as x,p as z,q as M,r as Y,t as J,u as X,z as Z}from"./chunk-YRXQP4X3.js";import{execFileSync as He}from"node:child_process";import{readFile as Ue}from"node:fs/promises";import{resolve as Fe}from"node:path";import{parseArgs as qe}from"node:util";var Be={repo:{type:"string"},token:{type:"string"},"api-url":{type:"string"},config:{type:"string"},json:{type:"boolean"},verbose:{type:"boolean"},help:{type:"boolean",short:"h"}};function ae(e,t,o,n){let r;try{r=qe({args:t,options:{...Be,...o},allowPositionals:!0,strict:!0})}catch(i){throw new f(i.message.split(". To specify")[0]??"",e)}if(r.values.help)return r;let s=r.positionals.length;if(s<n.min)throw new f(`missing ${n.names}`,e);if(s>n.max){let i=r.positionals.slice(n.max).join(" ");throw new f(`unexpected argument: ${i}`,e)}return r}function d(e,t){let o=e.values[t];return typeof o=="string"?o:void 0}function w(e,t){return e.values[t]===!0}function O(e,t){let o=d(e,t);if(o!==void 0)return o.split(/[\n,]/).map(n=>n.trim()).filter(Boolean)}function H(e,t,o,n){let r=d(e,t);if(r===void 0)return;let s=Number(r);if(!/^\d+$/.test(r)||s<n.min||s>n.max)throw new f(`--${t} must be a whole number from ${n.min} to ${n.max}, got "${r}"`,o);return s}var Ke=/^([A-Za-z0-9-]{1,39})\/([A-Za-z0-9._-]{1,100})$/;function We(e,t,o){let n=d(e,"repo")??t.env.GITHUB_REPOSITORY??Ve(t.cwd);if(!n)throw new f("which repository? Pass --repo owner/name (or run inside a clone with a GitHub origin)",o);let r=Ke.exec(n);if(!r)throw new f(`--repo must be owner/name, got "${n}"`,o);return{owner:r[1]??"",repo:r[2]??""}}function Ve(e){try{let t=He("git",["config","--get","remote.origin.url"],{cwd:e,encoding:"utf8",stdio:["ignore","pipe","ignore"]}).trim(),o=/[:/]([^/:]+)\/([^/]+?)(?:\.git)?\/?$/.exec(t);return o?`${o[1]}/${o[2]}`:void 0}catch{return}}function ze(e,t,o){let n=d(e,"token")||t.env.GITHUB_TOKEN||t.env.GH_TOKEN;if(!n)throw new f("no GitHub token: pass --token, or set GITHUB_TOKEN or GH_TOKEN (e.g. GITHUB_TOKEN=$(gh auth token))",o);return n}function Me(e,t){return d(e,"api-url")??t.env.GITHUB_API_URL??"https://api.github.com"}function k(e,t,o){let n=We(e,t,o),r=ze(e,t,o),s;try{s=X(t.env)}catch(l){throw new f(l.message,o)}return{client:J({token:r,apiUrl:Me(e,t),userAgent:"fastdeploy-cli",warn:l=>t.stderr(`warning: ${l}
`),...Object.fromEntries(Object.entries(s).filter(([,l])=>l!==void 0))}),repo:n,token:r}}function Ye(e,t){return Fe(t,d(e,"config")??R)}async function E(e,t){let o=Ye(e,t),n;try{n=await Ue(o,"utf8")}catch(r){if(r.code==="ENOENT")return;throw r}return x(n,d(e,"config")??R)}var le={to:{type:"string"},force:{type:"boolean"},reason:{type:"string"},ref:{type:"string"},workflow:{type:"string"}},de={env:{type:"string"},to:{type:"string"},reason:{type:"string"},force:{type:"boolean"},ref:{type:"string"},workflow:{type:"string"}},Je=/^[A-Za-z0-9][A-Za-z0-9._-]{0,254}$/;async function ce(e,t){let o=fe(e.positionals[0]??"","promote"),n=he(d(e,"to"),"--to","promote");return await me(e,t,n,"--to","promote"),ge(e,t,"promote",d(e,"workflow")??"promote.yml",{version:o,environment:n,...pe(e,"promote")})}async function ue(e,t){let o=he(d(e,"env"),"--env","rollback");await me(e,t,o,"--env","rollback");let n=d(e,"to"),r=n===void 0||n==="previous"?"previous":fe(n,"rollback"),s=d(e,"reason");return ge(e,t,"rollback",d(e,"workflow")??"rollback.yml",{environment:o,version:r,...s?{reason:s}:{},...pe(e,"rollback")})}function pe(e,t){if(!w(e,"force"))return{};let o=d(e,"reason")?.trim();if(!o)throw new f('--force needs --reason "<why>": the reason is recorded in the deployment',t);return{force:"true",reason:o}}async function me(e,t,o,n,r){let i=(await E(e,t.cwd))?.environments.map(l=>l.name)??[];if(!(!i.length||i.some(l=>l.toLowerCase()===o.toLowerCase())))throw new f(`${n} "${o}" is not an environment in ${d(e,"config")??".github/fastdeploy.yml"}, which lists ${i.join(", ")}`,r)}function fe(e,t){let o=D(e);if(!L(o))throw new f(`"${e}" is not a SemVer version such as 1.2.3`,t);return o}function he(e,t,o){if(!e)throw new f(`${t} <environment> is required`,o);if(!Je.test(e))throw new f(`${t} "${e}" is not an environment name`,o);return e}async function ge(e,t,o,n,r){let{client:s,repo:i}=k(e,t,o),l=d(e,"ref")??await Xe(s,i);t.stderr(`Dispatching ${n} on ${l} of ${i.owner}/${i.repo}\u2026
`);let u;try{let m=await s.request("POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches",{...i,workflow_id:n,ref:l,inputs:r,return_run_details:!0});u=m.status===200?m.data:{}}catch(m){let p=m.status,$=m.response?.data?.message;throw p===404?new v(`Workflow ${n} was not found in ${i.owner}/${i.repo}: run fastdeploy init, commit .github/workflows/${n} and push it (or pass --workflow).`):p===422?new v(`GitHub refused to start ${n}: ${$??"validation failed"}.`):m}let c={workflow:n,ref:l,inputs:r,run_id:u.workflow_run_id??null,run_url:u.html_url??null,api_url:u.run_url??null};return w(e,"json")?(b(t,c),0):(c.run_url?t.stdout(`${c.run_url}
`):t.stdout(`Dispatched ${n} on ${l}; this server does not return run details, see the Actions tab.
`),0)}async function Xe(e,t){let{data:o}=await e.rest.repos.get({...t});return o.default_branch}var Ze=["release.yml","promote.yml","rollback.yml"];async function we(e,t,o,n,r){let s={repository:`${t.owner}/${t.repo}`,passed:[],findings:[]},i=s.repository,l="Settings \u2192 Environments",u=`${n}*`;for(let a of o){r(`Checking environment ${a.name}`);let P=await Y(e,t,a.name);if(!P){s.findings.push({check:"environment",environment:a.name,problem:`environment ${a.name} does not exist`,fix:`fastdeploy init --apply --repo ${i} --reviewers <logins>, or create it in ${l}`});continue}s.passed.push(`environment ${a.name} exists`);let A=a.production||a.requireReview;if(A&&P.reviewers.length===0?s.findings.push({check:"reviewers",environment:a.name,problem:`${a.name} has no required reviewers, so anyone who can run a workflow deploys there`,fix:`fastdeploy init --apply --reviewers <logins>, or ${l} \u2192 ${a.name} \u2192 Required reviewers`}):A&&s.passed.push(`${a.name} requires a review by ${P.reviewers.map(h=>h.name).join(", ")}`),a.production&&!P.preventSelfReview?s.findings.push({check:"self-review",environment:a.name,problem:`${a.name} lets the person who started a deploy approve it`,fix:`fastdeploy init --apply, or ${l} \u2192 ${a.name} \u2192 Prevent self-review`}):a.production&&s.passed.push(`${a.name} prevents self-review`),a.production&&P.branchPolicy?.custom_branch_policies){let{data:h}=await e.rest.repos.listDeploymentBranchPolicies({...t,environment_name:a.name,per_page:100});h.branch_policies.some(y=>y.type==="tag"&&y.name===u)&&s.passed.push(`${a.name} deploys only from allowed refs, tags ${u} among them`)}}r("Checking tag rulesets");let c=await Qe(e,t,u),m=c.find(a=>a.rules.includes("update")&&a.rules.includes("deletion")),p=c.filter(a=>a.rules.includes("creation"));m?s.passed.push(`ruleset "${m.name}" stops release tags ${u} from being moved or deleted`):s.findings.push({check:"tag-protection",problem:`release tags ${u} are not protected: no active tag ruleset restricts their update and deletion (an environment's tag policy does not protect tags)`,fix:`Settings \u2192 Rules \u2192 Rulesets \u2192 New tag ruleset: target refs/tags/${u}, rules "Restrict updates" and "Restrict deletions" (not "Restrict creations"; docs/security.md)`});for(let a of p)s.findings.push({check:"tag-creation",problem:`ruleset "${a.name}" restricts creation of ${u} tags, so publish (GITHUB_TOKEN) cannot create release or prerelease tags`,fix:`remove the "Restrict creations" rule from "${a.name}" and keep "Restrict updates" and "Restrict deletions" (docs/security.md)`});r("Checking default workflow permissions");let{data:$}=await e.rest.actions.getGithubActionsDefaultWorkflowPermissionsRepository({...t});$.default_workflow_permissions==="read"?s.passed.push("workflows get a read-only token unless they ask for more"):s.findings.push({check:"workflow-permissions",problem:"the default GITHUB_TOKEN can write to the repository in every workflow",fix:`gh api -X PUT repos/${i}/actions/permissions/workflow -f default_workflow_permissions=read, or Settings \u2192 Actions \u2192 General \u2192 Workflow permissions \u2192 Read`}),r("Checking workflows");let S=await et(e,t);for(let a of Ze)S.has(`.github/workflows/${a}`)?s.passed.push(`workflow .github/workflows/${a} is in the repository`):s.findings.push({check:"workflow",problem:`.github/workflows/${a} is not in the repository's default branch`,fix:"fastdeploy init writes it (copied from workflows/ of FastDeploy); commit and push it"});return s}async function Qe(e,t,o){let{data:n}=await e.rest.repos.getRepoRulesets({...t,targets:"tag",per_page:100}),r=[];for(let s of n){if(s.target!=="tag"||s.enforcement!=="active")continue;let{data:i}=await e.rest.repos.getRepoRuleset({...t,ruleset_id:s.id}),u=i.conditions?.ref_name?.include??[],c=o.replace(/\*$/,"");u.some(p=>p==="~ALL"||p===`refs/tags/${o}`||p.startsWith(`refs/tags/${c}`)&&p.includes("*"))&&r.push({name:i.name,rules:(i.rules??[]).map(p=>p.type)})}return r}async function et(e,t){let o=await e.paginate(e.rest.actions.listRepoWorkflows,{...t,per_page:100});return new Set(o.map(n=>n.path))}import{mkdir as tt,readFile as nt,writeFile as ot}from"node:fs/promises";import{dirname as rt,relative as st}from"node:path";var ye={release:`# Copy to .github/workflows/release.yml (or run \`fastdeploy init\`).
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
`},ve={release:`# Copy to .github/workflows/release.yml (or run \`fastdeploy init --reusable\`).
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
`};var it=/^[A-Za-z_][A-Za-z0-9._/-]*$/,at=/^(true|false|yes|no|on|off|null|y|n)$/i,C=e=>it.test(e)&&!at.test(e)?e:JSON.stringify(e),be=e=>e.map(C).join(", ");function U(e){let t=["# FastDeploy configuration; every key is described in docs/configuration.md."];e.name&&t.push(`name: ${C(e.name)}`),t.push("build:"),e.buildCommand&&t.push(`  command: ${JSON.stringify(e.buildCommand)}`),t.push(`  path: [${be(e.path)}]`),t.push("deploy:"),t.push("  # Runs once per target in the extracted artifact, with FASTDEPLOY_* variables."),t.push(`  command: ${JSON.stringify(e.deployCommand)}`),t.push("environments:");let o=e.environments;return o.forEach((n,r)=>{t.push(`  - name: ${C(n)}`),r===0?t.push(`    auto-deploy: { branches: [${C(e.branch)}] }`):t.push(`    after: [${C(o[r-1]??"")}]`),r===o.length-1&&o.length>1&&(t.push("    production: true"),t.push("    require-review: true"))}),`${t.join(`
`)}
`}function ke(e,t="self-contained"){let o=t==="reusable"?ve:ye,n=r=>r.replaceAll("__LIST__",e.join(", ")).replaceAll("__OPTIONS__",be(e));return["release","promote","rollback"].map(r=>({path:`.github/workflows/${r}.yml`,text:n(o[r])}))}async function K(e,t,o,n){let r=st(e,t)||t,s;try{s=await nt(t,"utf8")}catch(i){if(i.code!=="ENOENT")throw i}return s===o?{path:r,outcome:"unchanged"}:s!==void 0&&!n?{path:r,outcome:"kept"}:(await tt(rt(t),{recursive:!0}),await ot(t,o),{path:r,outcome:s===void 0?"created":"updated"})}var $e={dir:{type:"string"}};async function Oe(e,t){let{client:o,repo:n}=k(e,t,"doctor"),r=d(e,"dir")??t.cwd,s=await E(e,r),i=d(e,"config")??R;s||t.stderr(`No ${i} here; checking the environments fastdeploy init would create (dev, qa, prod).
`);let l=s??x(U({environments:["dev","qa","prod"],path:["dist"],deployCommand:"true",branch:"main"})),u=w(e,"json"),c=await we(o,n,l.environments,l.tagPrefix,p=>t.stderr(`${p}\u2026
`)),m=c.findings.length===0;if(u)return b(t,{ok:m,...c}),m?0:1;t.stdout(`Doctor for ${c.repository}

`);for(let p of c.passed)t.stdout(`  ok       ${p}
`);for(let p of c.findings)t.stdout(`  MISSING  ${p.problem}
           fix: ${p.fix}
`);return t.stdout(m?`
Everything FastDeploy needs is in place.
`:`
${c.findings.length} missing piece${c.findings.length===1?"":"s"}.
`),m?0:1}import{readFile as lt}from"node:fs/promises";import{join as Ee,resolve as dt}from"node:path";var _e={dir:{type:"string"},environments:{type:"string"},name:{type:"string"},"build-command":{type:"string"},path:{type:"string"},"deploy-command":{type:"string"},branch:{type:"string"},reviewers:{type:"string"},"wait-timer":{type:"string"},force:{type:"boolean"},apply:{type:"boolean"},reusable:{type:"boolean"}},ct=/^[A-Za-z0-9][A-Za-z0-9._-]{0,254}$/,ut='echo "Deploy $FASTDEPLOY_VERSION to $FASTDEPLOY_TARGET: replace this command in .github/fastdeploy.yml"';async function Te(e,t){let o=dt(t.cwd,d(e,"dir")??"."),n=d(e,"config")??R,r=w(e,"force"),s=w(e,"apply"),i=H(e,"wait-timer","init",{min:0,max:43200}),l=O(e,"reviewers")??[],u=O(e,"environments")??["dev","qa","prod"];pt(u);let c=Ee(o,n),m=await ft(c),p=m!==void 0&&!r?m:U({environments:u,...d(e,"name")?{name:d(e,"name")}:{},...d(e,"build-command")?{buildCommand:d(e,"build-command")}:{},path:O(e,"path")??["dist"],deployCommand:d(e,"deploy-command")??ut,branch:d(e,"branch")??"main"}),$=mt(p,n);if($.environments.length===0)throw new v(`${n} lists no environments; add them (docs/configuration.md) or run init --force.`);let S=$.environments.filter(h=>h.production||h.requireReview);if(s&&S.length>0&&l.length===0)throw new f(`${S.map(h=>h.name).join(", ")} must be reviewed before deploys: pass --reviewers with user logins or org/team slugs`,"init");let a=[];a.push(await K(o,c,p,r));let P=w(e,"reusable")?"reusable":"self-contained";for(let h of ke($.environments.map(y=>y.name),P))a.push(await K(o,Ee(o,h.path),h.text,r));let A=[];if(s){let h=I(t,{verbose:w(e,"verbose")}),{client:y,repo:j}=k(e,t,"init");h.info(`Resolving reviewers of ${j.owner}/${j.repo}`);let je=await Q(y,l),{data:Ge}=await y.rest.repos.get({...j}),Le=ee($.environments,{tagPrefix:$.tagPrefix,defaultBranch:Ge.default_branch,...i!==void 0?{waitTimer:i}:{}});for(let De of Le)A.push(await te(y,j,De,je,h))}if(w(e,"json"))return b(t,{directory:o,files:a,environments:A}),0;for(let h of a){let y=h.outcome==="kept"?" (exists with other content; --force replaces it)":"";t.stdout(`${h.outcome.padEnd(9)} ${h.path}${y}
`)}for(let h of A){let y=h.reviewers.length?`reviewers ${h.reviewers.join(", ")}`:"no reviewers";t.stdout(`applied   environment ${h.name}: ${y}; deploys from ${h.policies.join(", ")}
`)}return t.stdout(s?"\nNext: commit and push the files above, then run `fastdeploy doctor`.\n":"\nNext: commit and push the files above, then run `fastdeploy init --apply --reviewers <logins>` to create the environments.\n"),0}function pt(e){if(e.length===0)throw new f("--environments lists no environment","init");for(let n of e)if(!ct.test(n))throw new f(`environment "${n}" must be letters, digits, '.', '_' or '-' (at most 255)`,"init");let t=e.map(n=>n.toLowerCase()),o=e.find((n,r)=>t.indexOf(t[r]??"")!==r);if(o)throw new f(`environment "${o}" is listed twice`,"init")}function mt(e,t){try{return x(e,t)}catch(o){throw o instanceof V?new v(o.message):o}}async function ft(e){try{return await lt(e,"utf8")}catch(t){if(t.code==="ENOENT")return;throw t}}var Re={environments:{type:"string"},window:{type:"string"},format:{type:"string"}},Pe=["text","mermaid","json"];async function Ae(e,t){let o=d(e,"format")??(w(e,"json")?"json":"text");if(!Pe.includes(o))throw new f(`--format must be ${Pe.join(", ")}; got "${o}"`,"status");let n=H(e,"window","status",{min:1,max:365})??30,{client:r,repo:s}=k(e,t,"status"),i=await E(e,t.cwd),l=O(e,"environments")??i?.environments.map(p=>p.name)??[],u=await ne({repo:s,environments:l,windowDays:n},{github:r,log:I(t,{verbose:w(e,"verbose")})});if(o==="json")return b(t,{repository:`${s.owner}/${s.repo}`,...u}),0;let c=Object.fromEntries((i?.environments??[]).map(p=>[p.name,p.after])),m=oe(u,c);return o==="mermaid"?(t.stdout(re(m)),0):((t.isTTY||B(t))&&t.stdout(`${se(m,{colour:B(t)})}
`),t.stdout(ie(u)),0)}import{resolve as xe}from"node:path";var Ie={"require-files":{type:"string"},"max-size":{type:"string"},"download-dir":{type:"string"}};async function Ne(e,t){let o=D(e.positionals[0]??"");if(!L(o))throw new f(`"${e.positionals[0]}" is not a SemVer version such as 1.2.3`,"verify");let n,r=d(e,"max-size");if(r!==void 0)try{n=z(r)}catch(p){throw new f(p.message,"verify")}let{client:s,repo:i}=k(e,t,"verify"),l=await E(e,t.cwd),u=d(e,"download-dir"),c;try{c=await Z({repo:i,version:o,tagPrefix:l?.tagPrefix??"v",...O(e,"require-files")?{requireFiles:O(e,"require-files")}:{},...n!==void 0?{maxSize:n}:{},...u?{downloadDir:xe(t.cwd,u)}:{}},{log:I(t,{verbose:w(e,"verbose")}),github:s})}catch(p){throw p instanceof G?new v(p.message):p}let m={verified:!0,name:c.manifest.name,version:c.version,tag:c.tag,digest:c.digest,size:c.size,files:c.manifest.files.length,commit:c.manifest.source.commit,release_url:c.releaseUrl,...u?{downloaded_to:xe(t.cwd,u)}:{}};return w(e,"json")?(b(t,m),0):(t.stdout(`Verified ${m.name} ${m.version} (${m.tag})
  digest   ${m.digest}
  size     ${M(m.size)}, ${m.files} files
  commit   ${m.commit}
  release  ${m.release_url}
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

Shows the list of commands, or the help of one command.`};var ht="0.1.0",q={min:0,max:0,names:""},gt={init:{options:_e,positionals:q,run:Te},doctor:{options:$e,positionals:q,run:Oe},status:{options:Re,positionals:q,run:Ae},verify:{options:Ie,positionals:{min:1,max:1,names:"<version>"},run:Ne},promote:{options:le,positionals:{min:1,max:1,names:"<version>"},run:ce},rollback:{options:de,positionals:q,run:ue}};async function Pn(e,t,o=gt){let[n,r]=wt(e,o),s=bt(e,t);try{if(n===void 0||n==="--help"||n==="-h")return t.stdout(`${W}
`),n===void 0?2:0;if(n==="--version"||n==="-v")return t.stdout(`${ht}
`),0;if(n==="help")return yt(r,t);let i=o[n];if(!i){let u=Object.keys(o).filter(c=>c.startsWith(`${n} `));if(u.length>0&&(r[0]==="--help"||r[0]==="-h"))return t.stdout(`${F[n]}
`),0;throw u.length>0?new f(`${n} needs a subcommand: ${u.join(", ")}`,n):new f(`unknown command "${n}"`)}let l=ae(n,r,i.options,i.positionals);return l.values.help?(t.stdout(`${F[n]}
`),0):await i.run(l,t)}catch(i){return Se(i,t,s)}}function wt(e,t){let[o,n,...r]=e;return o!==void 0&&n!==void 0&&t[`${o} ${n}`]?[`${o} ${n}`,r]:[o,e.slice(1)]}function yt(e,t){let o=e.length?e.join(" "):void 0;if(o===void 0)return t.stdout(`${W}
`),0;let n=F[o];return n?(t.stdout(`${n}
`),0):Se(new f(`no help for unknown command "${o}"`),t,[])}function Se(e,t,o){let n=s=>o.reduce((i,l)=>i.split(l).join("***"),s);if(e instanceof f){let s=e.command?`fastdeploy ${e.command} --help`:"fastdeploy --help";return t.stderr(n(`fastdeploy: ${e.message}
See \`${s}\`.
`)),2}if(e instanceof v||e instanceof G)return t.stderr(n(`fastdeploy: ${e.message}
`)),1;let r=e.status;return typeof r=="number"?(t.stderr(n(`fastdeploy: ${vt(r,e.message)}
`)),1):(t.stderr(n(`fastdeploy: ${e?.stack??String(e)}
`)),1)}function vt(e,t){return e===401?"GitHub refused the token (401): check --token, GITHUB_TOKEN or GH_TOKEN.":e===403?`GitHub answered 403 (${t}): the token lacks a permission this command needs (docs/security.md lists them).`:e===404?`GitHub answered 404 (${t}): check --repo, and that the token can see the repository.`:`GitHub answered ${e}: ${t}`}function bt(e,t){let o=[t.env.GITHUB_TOKEN,t.env.GH_TOKEN];return e.forEach((n,r)=>{n==="--token"&&o.push(e[r+1]),n.startsWith("--token=")&&o.push(n.slice(8))}),o.filter(n=>typeof n=="string"&&n.length>=4)}export{d as a,w as b,O as c,H as d,gt as e,Pn as f};
