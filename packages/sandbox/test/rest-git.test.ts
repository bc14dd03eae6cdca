import { describe, expect, it } from "vitest";
import { failure, useSandbox } from "./rest-fixture.js";

describe("git data", () => {
  const f = useSandbox();

  it("creates, reads, lists, moves and deletes refs like GitHub", async () => {
    const first = f.sandbox.seedCommit("acme/app", { message: "one" });
    const second = f.sandbox.seedCommit("acme/app", { message: "two" });
    const created = await f.octokit.rest.git.createRef({
      ...f.repo,
      ref: "refs/tags/v1.2.3",
      sha: first,
    });
    expect(created.status).toBe(201);
    expect(created.data).toMatchObject({
      ref: "refs/tags/v1.2.3",
      object: { type: "commit", sha: first },
    });
    const dup = await failure(
      f.octokit.rest.git.createRef({ ...f.repo, ref: "refs/tags/v1.2.3", sha: first }),
    );
    expect(dup).toMatchObject({ status: 422, data: { message: "Reference already exists" } });

    // Octokit encodes the slash (tags%2Fv1.2.3); curl users send it raw. Both work.
    expect(
      (await f.octokit.rest.git.getRef({ ...f.repo, ref: "tags/v1.2.3" })).data.object.sha,
    ).toBe(first);
    const raw = await fetch(`${f.sandbox.apiUrl}/repos/acme/app/git/ref/tags/v1.2.3`, {
      headers: { authorization: "Bearer sandbox-token" },
    });
    expect(raw.status).toBe(200);
    expect((await failure(f.octokit.rest.git.getRef({ ...f.repo, ref: "tags/v9" }))).status).toBe(
      404,
    );

    await f.octokit.rest.git.createRef({ ...f.repo, ref: "refs/tags/v1.2.4", sha: second });
    await f.octokit.rest.git.createRef({ ...f.repo, ref: "refs/tags/v1.3.0", sha: second });
    const matching = await f.octokit.rest.git.listMatchingRefs({ ...f.repo, ref: "tags/v1.2." });
    expect(matching.data.map((r) => r.ref)).toEqual(["refs/tags/v1.2.3", "refs/tags/v1.2.4"]);
    expect(
      (await f.octokit.rest.git.listMatchingRefs({ ...f.repo, ref: "tags/none" })).data,
    ).toEqual([]);

    const forward = await f.octokit.rest.git.updateRef({
      ...f.repo,
      ref: "tags/v1.2.3",
      sha: second,
    });
    expect(forward.data.object.sha).toBe(second);
    const back = await failure(
      f.octokit.rest.git.updateRef({ ...f.repo, ref: "tags/v1.2.3", sha: first }),
    );
    expect(back).toMatchObject({ status: 422, data: { message: "Update is not a fast forward" } });
    await f.octokit.rest.git.updateRef({ ...f.repo, ref: "tags/v1.2.3", sha: first, force: true });

    await f.octokit.rest.git.deleteRef({ ...f.repo, ref: "tags/v1.2.3" });
    expect(
      (await failure(f.octokit.rest.git.deleteRef({ ...f.repo, ref: "tags/v1.2.3" }))).status,
    ).toBe(422);
  });

  it("creates annotated tags (object only) and peels them", async () => {
    const sha = f.sandbox.seedCommit("acme/app", { message: "release me" });
    const tag = await f.octokit.rest.git.createTag({
      ...f.repo,
      tag: "v2.0.0",
      message: "Release 2.0.0",
      object: sha,
      type: "commit",
      tagger: { name: "Bot", email: "bot@example.com", date: "2026-01-01T00:00:00Z" },
    });
    expect(tag.data).toMatchObject({ tag: "v2.0.0", object: { sha, type: "commit" } });
    expect(
      (await failure(f.octokit.rest.git.getRef({ ...f.repo, ref: "tags/v2.0.0" }))).status,
    ).toBe(404);
    await f.octokit.rest.git.createRef({ ...f.repo, ref: "refs/tags/v2.0.0", sha: tag.data.sha });
    const ref = await f.octokit.rest.git.getRef({ ...f.repo, ref: "tags/v2.0.0" });
    expect(ref.data.object).toMatchObject({ type: "tag", sha: tag.data.sha });
    expect(
      (await f.octokit.rest.git.getTag({ ...f.repo, tag_sha: tag.data.sha })).data.message,
    ).toBe("Release 2.0.0");
    // repos.getCommit resolves the annotated tag to its commit.
    expect((await f.octokit.rest.repos.getCommit({ ...f.repo, ref: "v2.0.0" })).data.sha).toBe(sha);
    const tags = await f.octokit.rest.repos.listTags(f.repo);
    expect(tags.data).toMatchObject([{ name: "v2.0.0", commit: { sha } }]);
  });

  it("reads commits by sha, branch, tag and short sha", async () => {
    const sha = f.sandbox.seedCommit("acme/app", {
      message: "feat: x\n\nbody",
      date: "2026-02-03T04:05:06Z",
    });
    const git = await f.octokit.rest.git.getCommit({ ...f.repo, commit_sha: sha });
    expect(git.data).toMatchObject({
      sha,
      message: "feat: x\n\nbody",
      author: { date: "2026-02-03T04:05:06Z" },
    });
    for (const ref of [sha, "main", "heads/main", sha.slice(0, 7)]) {
      expect((await f.octokit.rest.repos.getCommit({ ...f.repo, ref })).data.sha).toBe(sha);
    }
    expect((await failure(f.octokit.rest.repos.getCommit({ ...f.repo, ref: "nope" }))).status).toBe(
      422,
    );
    expect(
      (await failure(f.octokit.rest.git.getCommit({ ...f.repo, commit_sha: "0".repeat(40) })))
        .status,
    ).toBe(404);
    f.sandbox.seedCommit("acme/app", {
      message: "on a branch with a slash",
      branch: "feature/a",
      parents: [sha],
    });
    expect(
      (await f.octokit.rest.repos.getCommit({ ...f.repo, ref: "feature/a" })).data.commit.message,
    ).toBe("on a branch with a slash");
  });

  it("compares commits from the seeded graph", async () => {
    const base = f.sandbox.seedCommit("acme/app", { message: "base" });
    const a1 = f.sandbox.seedCommit("acme/app", { message: "a1" });
    const a2 = f.sandbox.seedCommit("acme/app", { message: "a2" });
    const b1 = f.sandbox.seedCommit("acme/app", {
      message: "b1",
      branch: "other",
      parents: [base],
    });
    const ahead = await f.octokit.rest.repos.compareCommitsWithBasehead({
      ...f.repo,
      basehead: `${base}...main`,
    });
    expect(ahead.data).toMatchObject({
      status: "ahead",
      ahead_by: 2,
      behind_by: 0,
      total_commits: 2,
    });
    expect(ahead.data.commits.map((c) => c.sha)).toEqual([a1, a2]);
    const behind = await f.octokit.rest.repos.compareCommits({
      ...f.repo,
      base: "main",
      head: base,
    });
    expect(behind.data).toMatchObject({ status: "behind", ahead_by: 0, behind_by: 2 });
    const diverged = await f.octokit.rest.repos.compareCommitsWithBasehead({
      ...f.repo,
      basehead: "main...other",
    });
    expect(diverged.data).toMatchObject({ status: "diverged", ahead_by: 1, behind_by: 2 });
    expect(diverged.data.merge_base_commit.sha).toBe(base);
    expect(diverged.data.commits[0]!.sha).toBe(b1);
    const same = await f.octokit.rest.repos.compareCommitsWithBasehead({
      ...f.repo,
      basehead: `${a2}...main`,
    });
    expect(same.data.status).toBe("identical");
  });
});
