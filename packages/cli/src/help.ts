/** Help texts: `fastdeploy help [command]`, `fastdeploy <command> --help`. Kept in step with docs/cli.md. */

const GLOBAL = `Global options:
  --repo <owner/name>   Repository (default: GITHUB_REPOSITORY, then the git origin remote)
  --token <token>       GitHub token (default: GITHUB_TOKEN, then GH_TOKEN); never printed
  --api-url <url>       REST API URL (default: GITHUB_API_URL, then https://api.github.com)
  --config <path>       Config file (default: .github/fastdeploy.yml)
  --json                Print data as JSON on stdout (progress stays on stderr)
  --verbose             Print debug lines on stderr
  -h, --help            Show help`;

const EXIT = `Exit codes: 0 ok, 1 failed or found problems, 2 usage error (nothing was done).`;

export const MAIN_HELP = `fastdeploy: a Git-native release pipeline on GitHub Actions.

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

${GLOBAL}

${EXIT}
Docs: docs/cli.md`;

export const COMMAND_HELP: Record<string, string> = {
  demo: `Usage: fastdeploy demo [options]

Runs the whole pipeline on this machine, no GitHub account needed: makes a sample git
repository with fastdeploy init's config and starter workflows, and runs those workflows
through the local engine against a local GitHub: a push to main deploys to dev; tag v1.0.0
goes dev → qa → prod, where bob's self-review is refused and alice approves; tag v1.1.0 fails
its production health check and is rolled back automatically; then the rollback and promote
workflows are dispatched. Prints a line per job as it is queued, waits, is approved and ends,
then the status table. Needs git, and the repository checkout with its dependencies (npm ci).

Options:
  --dir <path>              Where to keep the sample repository and deployed targets (default: a temp dir)

${GLOBAL}

${EXIT}`,
  init: `Usage: fastdeploy init [options]

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

${GLOBAL}

${EXIT}`,
  doctor: `Usage: fastdeploy doctor [options]

Checks a repository through the API against the config (or init's defaults when there is no
config): each environment exists; production and require-review environments have required
reviewers; production prevents self-review; release tags are protected (a production tag
policy or an active tag ruleset); the default workflow token is read-only; release.yml,
promote.yml and rollback.yml are in the repository. Lists each missing piece with its fix.

Options:
  --dir <path>              Where to read the config from (default: the current directory)

${GLOBAL}

Exit codes: 0 nothing missing, 1 something is missing (listed), 2 usage error.`,
  status: `Usage: fastdeploy status [options]

Shows the version that runs in each environment, when it was deployed, who approved it and
DORA metrics (deploys per day, change failure rate), read from the deployment ledger.

Options:
  --environments <list>     Environments to show (default: the config's, else all with deployments)
  --window <days>           Days of history for the metrics (1-365, default 30)
  --format <format>         text (default: a coloured board on a terminal, then the table),
                            mermaid (the promotion board as a Mermaid flowchart) or json

${GLOBAL}

${EXIT}`,
  verify: `Usage: fastdeploy verify <version> [options]

Downloads the release of <version> (tag v<version>) and checks SHA256SUMS, the manifest and
every entry of the archive, as distribute does before each deploy.

Options:
  --require-files <list>    Files the archive must contain
  --max-size <size>         Largest archive allowed (500MB, 2GiB)
  --download-dir <path>     Keep the downloaded assets here

${GLOBAL}

Exit codes: 0 verified, 1 verification failed or the release is missing, 2 usage error.`,
  promote: `Usage: fastdeploy promote <version> --to <environment> [options]

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

${GLOBAL}

${EXIT}`,
  rollback: `Usage: fastdeploy rollback --env <environment> [--to <version>] [--reason <text>] [options]

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

${GLOBAL}

${EXIT}`,
  local: `Usage: fastdeploy local start [options]
       fastdeploy local run <event> [options]

A local GitHub seeded from the git repository in the current directory, and your workflow
files run against it. See \`fastdeploy local start --help\` and \`fastdeploy local run --help\`.`,
  "local start": `Usage: fastdeploy local start [options]

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

${EXIT}`,
  "local run": `Usage: fastdeploy local run <event> [options]

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

${EXIT}`,
  help: `Usage: fastdeploy help [command]

Shows the list of commands, or the help of one command.`,
};
