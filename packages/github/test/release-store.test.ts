import { describe, expect, it } from "vitest";
import { releaseSlice } from "../../sandbox/src/rest/index.js";
import { gitSlice } from "../../sandbox/src/rest/routes/git-model.js";
import { findTag, listTagRefs, resolveCommit, TagError } from "../src/git-tags.js";
import { ReleaseGoneError, ReleaseStore, ReleaseTagTakenError } from "../src/release-store.js";
import { FULL_NAME, REPO, useReleaseSandbox } from "./release-fixture.js";

describe("ReleaseStore", () => {
  const f = useReleaseSandbox();
  const store = () => new ReleaseStore(f.client, REPO);
  const draft = (tag: string) => store().createDraft({ tag, target: f.sha, prerelease: false });

  it("finds drafts by listing, since get-by-tag never returns them", async () => {
    const a = await draft("v1.0.0");
    const b = await draft("v1.0.0");
    await draft("v2.0.0");
    const before = f.client.requestCount();
    const lookup = await store().find("v1.0.0");
    expect(f.client.requestCount() - before).toBe(1);
    expect(lookup.complete).toBe(true);
    expect(lookup.published).toBeUndefined();
    expect(lookup.drafts.map((d) => d.id)).toEqual([a.id, b.id]);
    expect(await store().getByTag("v1.0.0")).toBeUndefined();
  });

  it("publishes a draft, creating the tag at the target; a second draft of the tag loses", async () => {
    const a = await draft("v1.0.0");
    const b = await draft("v1.0.0");
    expect(await findTag(f.client, REPO, "v1.0.0")).toBeUndefined();
    const published = await store().publish(a, {
      target: f.sha,
      prerelease: false,
      makeLatest: true,
    });
    expect(published).toMatchObject({ id: a.id, draft: false, tagName: "v1.0.0" });
    expect((await findTag(f.client, REPO, "v1.0.0"))?.commit).toBe(f.sha);
    await expect(
      store().publish(b, { target: f.sha, prerelease: false, makeLatest: false }),
    ).rejects.toBeInstanceOf(ReleaseTagTakenError);
    const latest = await f.client.rest.repos.getLatestRelease(REPO);
    expect(latest.data.id).toBe(a.id);

    const lookup = await store().find("v1.0.0");
    expect(lookup.published?.id).toBe(a.id);
    expect(lookup.drafts.map((d) => d.id)).toEqual([b.id]);
  });

  it("sends make_latest as the string GitHub expects", async () => {
    const first = await draft("v1.0.0");
    await store().publish(first, { target: f.sha, prerelease: false, makeLatest: true });
    const second = await draft("v1.1.0");
    await store().publish(second, { target: f.sha, prerelease: false, makeLatest: false });
    expect((await f.client.rest.repos.getLatestRelease(REPO)).data.id).toBe(first.id);
  });

  it("stops listing at releases older than the build and asks for the tag directly", async () => {
    const state = f.sandbox.state;
    const old = new Date(Date.UTC(2024, 0, 1)).toISOString();
    const { releases } = releaseSlice(f.sandbox.repo(FULL_NAME));
    for (let i = 0; i < 250; i++) {
      releases.push({
        id: state.nextId++,
        tag_name: `v0.${i}.0`,
        target_commitish: f.sha,
        name: null,
        body: null,
        draft: false,
        prerelease: false,
        immutable: true,
        make_latest: "true",
        created_at: old,
        published_at: old,
        updated_at: old,
        author: "octocat",
      });
    }
    const mine = await draft("v1.0.0");
    const before = f.client.requestCount();
    const lookup = await store().find("v1.0.0", { since: new Date().toISOString() });
    // Page 1 already reaches back before the build; the tag is then asked for by name.
    expect(f.client.requestCount() - before).toBe(2);
    expect(lookup.complete).toBe(false);
    expect(lookup.drafts.map((d) => d.id)).toEqual([mine.id]);

    const everything = await store().find("v0.3.0");
    expect(everything.complete).toBe(true);
    expect(everything.published?.tagName).toBe("v0.3.0");
    expect(everything.seen).toHaveLength(250);
  });

  it("reports a draft deleted under it as gone, and deleting twice is fine", async () => {
    const a = await draft("v1.0.0");
    await store().delete(a.id);
    await store().delete(a.id);
    await expect(store().get(a.id)).rejects.toBeInstanceOf(ReleaseGoneError);
    await expect(
      store().publish(a, { target: f.sha, prerelease: false, makeLatest: false }),
    ).rejects.toBeInstanceOf(ReleaseGoneError);
  });

  it("refuses a draft for a tag a published release holds", async () => {
    const a = await draft("v1.0.0");
    await store().publish(a, { target: f.sha, prerelease: false, makeLatest: false });
    await expect(draft("v1.0.0")).rejects.toBeInstanceOf(ReleaseTagTakenError);
  });

  it("generates notes since a previous tag", async () => {
    const first = await draft("v1.0.0");
    await store().publish(first, { target: f.sha, prerelease: false, makeLatest: true });
    const next = f.sandbox.seedCommit(FULL_NAME, { message: "Add checkout" });
    const notes = await store().generateNotes({
      tag: "v1.1.0",
      target: next,
      previousTag: "v1.0.0",
    });
    expect(notes.body).toContain("Add checkout");
    expect(notes.body).toContain("v1.0.0...v1.1.0");
  });
});

describe("git tags", () => {
  const f = useReleaseSandbox();

  it("peels annotated tags to their commit and lists tags by prefix", async () => {
    const tagObject = await f.client.rest.git.createTag({
      ...REPO,
      tag: "v2.0.0",
      message: "Release 2.0.0",
      object: f.sha,
      type: "commit",
    });
    await f.client.rest.git.createRef({
      ...REPO,
      ref: "refs/tags/v2.0.0",
      sha: tagObject.data.sha,
    });
    gitSlice(f.sandbox.repo(FULL_NAME)).refs["refs/tags/v2.0.0-rc.1"] = f.sha;
    const found = await findTag(f.client, REPO, "v2.0.0");
    expect(found).toMatchObject({
      name: "v2.0.0",
      objectType: "tag",
      objectSha: tagObject.data.sha,
      commit: f.sha,
    });
    // A prefix match does not count as the tag itself.
    expect(await findTag(f.client, REPO, "v2.0")).toBeUndefined();
    expect((await listTagRefs(f.client, REPO, "v")).map((t) => t.name).sort()).toEqual([
      "v2.0.0",
      "v2.0.0-rc.1",
    ]);
  });

  it("resolves branches and short SHAs to full commits, full SHAs without a request", async () => {
    const before = f.client.requestCount();
    expect(await resolveCommit(f.client, REPO, f.sha)).toBe(f.sha);
    expect(f.client.requestCount()).toBe(before);
    expect(await resolveCommit(f.client, REPO, "main")).toBe(f.sha);
    expect(await resolveCommit(f.client, REPO, f.sha.slice(0, 8))).toBe(f.sha);
    await expect(resolveCommit(f.client, REPO, "no-such-branch")).rejects.toBeInstanceOf(TagError);
  });
});
