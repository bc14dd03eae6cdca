import { describe, expect, it } from "vitest";
import { quietOctokit, failure as status, useSandbox } from "./rest-fixture.js";

describe("releases", () => {
  const f = useSandbox();

  it("creates a published release and its tag at target_commitish", async () => {
    const sha = f.sandbox.seedCommit("acme/app", { message: "feat: one" });
    const { data } = await f.octokit.rest.repos.createRelease({
      ...f.repo,
      tag_name: "v1.0.0",
      name: "v1.0.0",
      body: "notes",
    });
    expect(data).toMatchObject({ tag_name: "v1.0.0", draft: false, immutable: true });
    expect(data.published_at).toBeTruthy();
    expect(data.upload_url).toBe(
      `${f.sandbox.uploadsUrl}/repos/acme/app/releases/${data.id}/assets{?name,label}`,
    );
    const ref = await f.octokit.rest.git.getRef({ ...f.repo, ref: "tags/v1.0.0" });
    expect(ref.data.object.sha).toBe(sha);
  });

  it("does not create a tag for a draft; publishing creates it", async () => {
    const { data: draft } = await f.octokit.rest.repos.createRelease({
      ...f.repo,
      tag_name: "v2.0.0",
      draft: true,
    });
    expect(draft).toMatchObject({ draft: true, published_at: null, immutable: false });
    expect(draft.html_url).toContain("/releases/tag/untagged-");
    expect(
      (await status(f.octokit.rest.git.getRef({ ...f.repo, ref: "tags/v2.0.0" }))).status,
    ).toBe(404);
    // The trap: get-by-tag never returns drafts.
    expect(
      (await status(f.octokit.rest.repos.getReleaseByTag({ ...f.repo, tag: "v2.0.0" }))).status,
    ).toBe(404);
    const { data: published } = await f.octokit.rest.repos.updateRelease({
      ...f.repo,
      release_id: draft.id,
      draft: false,
    });
    expect(published).toMatchObject({ draft: false, immutable: true });
    expect(published.published_at).toBeTruthy();
    await f.octokit.rest.git.getRef({ ...f.repo, ref: "tags/v2.0.0" });
    const byTag = await f.octokit.rest.repos.getReleaseByTag({ ...f.repo, tag: "v2.0.0" });
    expect(byTag.data.id).toBe(draft.id);
  });

  it("lets several drafts share a tag but refuses a second published release", async () => {
    const a = await f.octokit.rest.repos.createRelease({ ...f.repo, tag_name: "v3", draft: true });
    const b = await f.octokit.rest.repos.createRelease({ ...f.repo, tag_name: "v3", draft: true });
    expect(a.data.id).not.toBe(b.data.id);
    await f.octokit.rest.repos.updateRelease({ ...f.repo, release_id: a.data.id, draft: false });
    const publishAgain = await status(
      f.octokit.rest.repos.updateRelease({ ...f.repo, release_id: b.data.id, draft: false }),
    );
    expect(publishAgain.status).toBe(422);
    const duplicate = await status(
      f.octokit.rest.repos.createRelease({ ...f.repo, tag_name: "v3" }),
    );
    expect(duplicate).toMatchObject({
      status: 422,
      data: {
        message: "Validation Failed",
        errors: [{ resource: "Release", code: "already_exists", field: "tag_name" }],
      },
    });
  });

  it("lists newest first, shows drafts to push users, and paginates", async () => {
    for (let i = 1; i <= 7; i++) {
      await f.octokit.rest.repos.createRelease({
        ...f.repo,
        tag_name: `v0.${i}.0`,
        draft: i === 7,
      });
    }
    const page = await f.octokit.rest.repos.listReleases({ ...f.repo, per_page: 3 });
    expect(page.data.map((r) => r.tag_name)).toEqual(["v0.7.0", "v0.6.0", "v0.5.0"]);
    expect(page.headers.link).toContain('rel="next"');
    const all = await f.octokit.paginate(f.octokit.rest.repos.listReleases, {
      ...f.repo,
      per_page: 2,
    });
    expect(all).toHaveLength(7);
    expect(f.sandbox.requestCount({ method: "GET", route: "repos/list-releases" })).toBe(5);

    f.sandbox.addToken("read-token", { login: "reader", push: false });
    const reader = quietOctokit(f.sandbox, "read-token");
    const visible = await reader.paginate(reader.rest.repos.listReleases, f.repo);
    expect(visible).toHaveLength(6);
    expect(visible.some((r) => r.draft)).toBe(false);
    const write = await status(reader.rest.repos.createRelease({ ...f.repo, tag_name: "v9" }));
    expect(write).toMatchObject({
      status: 403,
      data: { message: "Resource not accessible by integration" },
    });
  });

  it("gets, edits and deletes a release; the tag survives deletion", async () => {
    const { data } = await f.octokit.rest.repos.createRelease({ ...f.repo, tag_name: "v4.0.0" });
    const got = await f.octokit.rest.repos.getRelease({ ...f.repo, release_id: data.id });
    expect(got.data.tag_name).toBe("v4.0.0");
    const edited = await f.octokit.rest.repos.updateRelease({
      ...f.repo,
      release_id: data.id,
      body: "edited",
    });
    expect(edited.data.body).toBe("edited");
    const retag = await status(
      f.octokit.rest.repos.updateRelease({ ...f.repo, release_id: data.id, tag_name: "v4.0.1" }),
    );
    expect(retag.status).toBe(422);
    await f.octokit.rest.repos.deleteRelease({ ...f.repo, release_id: data.id });
    expect(
      (await status(f.octokit.rest.repos.getRelease({ ...f.repo, release_id: data.id }))).status,
    ).toBe(404);
    await f.octokit.rest.git.getRef({ ...f.repo, ref: "tags/v4.0.0" });
  });

  it("protects the tag of an immutable release", async () => {
    const first = f.sandbox.seedCommit("acme/app", { message: "one" });
    f.sandbox.seedCommit("acme/app", { message: "two" });
    await f.octokit.rest.repos.createRelease({
      ...f.repo,
      tag_name: "v5",
      target_commitish: first,
    });
    const move = await status(
      f.octokit.rest.git.updateRef({ ...f.repo, ref: "tags/v5", sha: first, force: true }),
    );
    expect(move.status).toBe(422);
    expect((await status(f.octokit.rest.git.deleteRef({ ...f.repo, ref: "tags/v5" }))).status).toBe(
      422,
    );
    expect((await f.octokit.rest.git.getRef({ ...f.repo, ref: "tags/v5" })).data.object.sha).toBe(
      first,
    );
  });

  it("answers /latest with the newest full release, honouring make_latest", async () => {
    expect((await status(f.octokit.rest.repos.getLatestRelease(f.repo))).status).toBe(404);
    await f.octokit.rest.repos.createRelease({ ...f.repo, tag_name: "v1.0.0" });
    await f.octokit.rest.repos.createRelease({
      ...f.repo,
      tag_name: "v1.1.0-rc.1",
      prerelease: true,
    });
    await f.octokit.rest.repos.createRelease({ ...f.repo, tag_name: "v1.2.0", draft: true });
    expect((await f.octokit.rest.repos.getLatestRelease(f.repo)).data.tag_name).toBe("v1.0.0");
    const hotfix = await f.octokit.rest.repos.createRelease({
      ...f.repo,
      tag_name: "v0.9.1",
      make_latest: "false",
    });
    expect((await f.octokit.rest.repos.getLatestRelease(f.repo)).data.tag_name).toBe("v1.0.0");
    await f.octokit.rest.repos.updateRelease({
      ...f.repo,
      release_id: hotfix.data.id,
      make_latest: "true",
    });
    expect((await f.octokit.rest.repos.getLatestRelease(f.repo)).data.tag_name).toBe("v0.9.1");
    await f.octokit.rest.repos.createRelease({
      ...f.repo,
      tag_name: "v0.5.0",
      make_latest: "legacy",
    });
    expect((await f.octokit.rest.repos.getLatestRelease(f.repo)).data.tag_name).toBe("v1.0.0");
  });

  it("generates notes from the commits since the previous release", async () => {
    f.sandbox.seedCommit("acme/app", { message: "feat: first" });
    await f.octokit.rest.repos.createRelease({ ...f.repo, tag_name: "v1.0.0" });
    f.sandbox.seedCommit("acme/app", { message: "fix: second\n\nbody" });
    f.sandbox.seedCommit("acme/app", { message: "feat: third" });
    const { data } = await f.octokit.rest.repos.generateReleaseNotes({
      ...f.repo,
      tag_name: "v1.1.0",
    });
    expect(data.name).toBe("v1.1.0");
    expect(data.body).toContain("* fix: second by @octocat");
    expect(data.body).toContain("* feat: third");
    expect(data.body).not.toContain("feat: first");
    expect(data.body).toContain("compare/v1.0.0...v1.1.0");
    const explicit = await f.octokit.rest.repos.generateReleaseNotes({
      ...f.repo,
      tag_name: "v1.1.0",
      previous_tag_name: "v1.0.0",
    });
    expect(explicit.data.body).toBe(data.body);
    const created = await f.octokit.rest.repos.createRelease({
      ...f.repo,
      tag_name: "v1.1.0",
      generate_release_notes: true,
    });
    expect(created.data.body).toBe(data.body);
  });

  it("refuses an invalid request body with 422 and records the violation", async () => {
    const bad = await status(
      f.octokit.request("POST /repos/{owner}/{repo}/releases", {
        ...f.repo,
        tag_name: 1 as unknown as string,
      }),
    );
    expect(bad.status).toBe(422);
    const violations = f.sandbox.takeViolations();
    expect(violations).toHaveLength(1);
    expect(violations[0]).toMatchObject({ kind: "request", operation: "repos/create-release" });
    expect(violations[0]!.errors.join()).toContain("tag_name must be string");
    expect(f.sandbox.writes()).toHaveLength(1);
  });
});
