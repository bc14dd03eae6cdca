import type { EnvironmentConfig } from "@fastdeploy/core";
import { type GitHubClient, type RepoRef, readEnvironmentProtection } from "@fastdeploy/github";

/** One thing the repository lacks, with the fix a person can apply. */
export interface Finding {
  check: string;
  environment?: string;
  problem: string;
  fix: string;
}

export interface DoctorReport {
  repository: string;
  passed: string[];
  findings: Finding[];
}

const WORKFLOWS = ["release.yml", "promote.yml", "rollback.yml"];

/**
 * Everything `fastdeploy doctor` checks, in the order it prints them: each environment of the
 * config (exists; production and require-review ones reviewed, production without
 * self-review), release tags protected by an active tag ruleset that forbids moving and deleting
 * them but lets publish create them (an environment's deployment tag policy only says which
 * refs may deploy there; it protects no tag),
 * read-only default workflow token, and the three workflows present.
 */
export async function runDoctorChecks(
  client: GitHubClient,
  repo: RepoRef,
  environments: EnvironmentConfig[],
  tagPrefix: string,
  progress: (message: string) => void,
): Promise<DoctorReport> {
  const report: DoctorReport = {
    repository: `${repo.owner}/${repo.repo}`,
    passed: [],
    findings: [],
  };
  const slug = report.repository;
  const settings = `Settings → Environments`;
  const tagPattern = `${tagPrefix}*`;

  for (const env of environments) {
    progress(`Checking environment ${env.name}`);
    const protection = await readEnvironmentProtection(client, repo, env.name);
    if (!protection) {
      report.findings.push({
        check: "environment",
        environment: env.name,
        problem: `environment ${env.name} does not exist`,
        fix: `fastdeploy init --apply --repo ${slug} --reviewers <logins>, or create it in ${settings}`,
      });
      continue;
    }
    report.passed.push(`environment ${env.name} exists`);
    const reviewed = env.production || env.requireReview;
    if (reviewed && protection.reviewers.length === 0) {
      report.findings.push({
        check: "reviewers",
        environment: env.name,
        problem: `${env.name} has no required reviewers, so anyone who can run a workflow deploys there`,
        fix: `fastdeploy init --apply --reviewers <logins>, or ${settings} → ${env.name} → Required reviewers`,
      });
    } else if (reviewed) {
      report.passed.push(
        `${env.name} requires a review by ${protection.reviewers.map((r) => r.name).join(", ")}`,
      );
    }
    if (env.production && !protection.preventSelfReview) {
      report.findings.push({
        check: "self-review",
        environment: env.name,
        problem: `${env.name} lets the person who started a deploy approve it`,
        fix: `fastdeploy init --apply, or ${settings} → ${env.name} → Prevent self-review`,
      });
    } else if (env.production) {
      report.passed.push(`${env.name} prevents self-review`);
    }
    if (env.production && protection.branchPolicy?.custom_branch_policies) {
      const { data } = await client.rest.repos.listDeploymentBranchPolicies({
        ...repo,
        environment_name: env.name,
        per_page: 100,
      });
      if (data.branch_policies.some((p) => p.type === "tag" && p.name === tagPattern)) {
        report.passed.push(
          `${env.name} deploys only from allowed refs, tags ${tagPattern} among them`,
        );
      }
    }
  }

  progress("Checking tag rulesets");
  const rulesets = await tagRulesets(client, repo, tagPattern);
  const guarding = rulesets.find((r) => r.rules.includes("update") && r.rules.includes("deletion"));
  const blocking = rulesets.filter((r) => r.rules.includes("creation"));
  if (guarding) {
    report.passed.push(
      `ruleset "${guarding.name}" stops release tags ${tagPattern} from being moved or deleted`,
    );
  } else {
    report.findings.push({
      check: "tag-protection",
      problem: `release tags ${tagPattern} are not protected: no active tag ruleset restricts their update and deletion (an environment's tag policy does not protect tags)`,
      fix: `Settings → Rules → Rulesets → New tag ruleset: target refs/tags/${tagPattern}, rules "Restrict updates" and "Restrict deletions" (not "Restrict creations"; docs/security.md)`,
    });
  }
  for (const r of blocking) {
    // GitHub refuses the Actions integration (GITHUB_TOKEN) as a bypass actor of a repository
    // ruleset, so a creation rule stops publish from creating any release or prerelease tag:
    // artifact-keeper/artifact-keeper#4071, gastownhall/gascity#5310 (docs/security.md).
    report.findings.push({
      check: "tag-creation",
      problem: `ruleset "${r.name}" restricts creation of ${tagPattern} tags, so publish (GITHUB_TOKEN) cannot create release or prerelease tags`,
      fix: `remove the "Restrict creations" rule from "${r.name}" and keep "Restrict updates" and "Restrict deletions" (docs/security.md)`,
    });
  }

  progress("Checking default workflow permissions");
  const { data: permissions } =
    await client.rest.actions.getGithubActionsDefaultWorkflowPermissionsRepository({ ...repo });
  if (permissions.default_workflow_permissions === "read") {
    report.passed.push("workflows get a read-only token unless they ask for more");
  } else {
    report.findings.push({
      check: "workflow-permissions",
      problem: "the default GITHUB_TOKEN can write to the repository in every workflow",
      fix: `gh api -X PUT repos/${slug}/actions/permissions/workflow -f default_workflow_permissions=read, or Settings → Actions → General → Workflow permissions → Read`,
    });
  }

  progress("Checking workflows");
  const present = await workflowFiles(client, repo);
  for (const file of WORKFLOWS) {
    if (present.has(`.github/workflows/${file}`)) {
      report.passed.push(`workflow .github/workflows/${file} is in the repository`);
    } else {
      report.findings.push({
        check: "workflow",
        problem: `.github/workflows/${file} is not in the repository's default branch`,
        fix: "fastdeploy init writes it (copied from workflows/ of FastDeploy); commit and push it",
      });
    }
  }
  return report;
}

/** The active tag rulesets whose include covers `refs/tags/<pattern>` (or every ref), with their rule types. */
async function tagRulesets(
  client: GitHubClient,
  repo: RepoRef,
  tagPattern: string,
): Promise<Array<{ name: string; rules: string[] }>> {
  const { data } = await client.rest.repos.getRepoRulesets({
    ...repo,
    targets: "tag",
    per_page: 100,
  });
  const found: Array<{ name: string; rules: string[] }> = [];
  for (const summary of data) {
    if (summary.target !== "tag" || summary.enforcement !== "active") continue;
    // The list may leave conditions and rules out; the ruleset itself has them.
    const { data: ruleset } = await client.rest.repos.getRepoRuleset({
      ...repo,
      ruleset_id: summary.id,
    });
    const conditions = ruleset.conditions as { ref_name?: { include?: string[] } } | null;
    const include = conditions?.ref_name?.include ?? [];
    const prefix = tagPattern.replace(/\*$/, "");
    const covers = include.some(
      (p) =>
        p === "~ALL" ||
        p === `refs/tags/${tagPattern}` ||
        (p.startsWith(`refs/tags/${prefix}`) && p.includes("*")),
    );
    if (covers) found.push({ name: ruleset.name, rules: (ruleset.rules ?? []).map((r) => r.type) });
  }
  return found;
}

async function workflowFiles(client: GitHubClient, repo: RepoRef): Promise<Set<string>> {
  const all = await client.paginate(client.rest.actions.listRepoWorkflows, {
    ...repo,
    per_page: 100,
  });
  return new Set(all.map((w) => w.path));
}
