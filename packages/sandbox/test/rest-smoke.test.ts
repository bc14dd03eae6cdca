import { describe, expect, it } from "vitest";
import { useSandbox } from "./rest-fixture.js";

describe("smoke", () => {
  const f = useSandbox();
  it("answers /user and the repo", async () => {
    const user = await f.octokit.rest.users.getAuthenticated();
    expect(user.data.login).toBe("octocat");
    const repo = await f.octokit.rest.repos.get(f.repo);
    expect(repo.data.full_name).toBe("acme/app");
    const rel = await f.octokit.rest.repos.createRelease({ ...f.repo, tag_name: "v1.0.0" });
    expect(rel.data.tag_name).toBe("v1.0.0");
  });
});
