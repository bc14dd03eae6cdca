import { describe, expect, it } from "vitest";
import { nameMatches } from "../src/rest/routes/name-pattern.js";

// Cases from Ruby's File.fnmatch documentation with FNM_PATHNAME, the syntax GitHub names for
// deployment branch and tag rules.
describe("deployment rule name patterns", () => {
  it.each([
    ["release/*", "release/1.0", true],
    ["release/*", "release/1/hotfix", false],
    ["release/*/*", "release/1/hotfix", true],
    ["**/main", "main", true],
    ["**/main", "team/a/main", true],
    ["v?.?", "v1.2", true],
    ["v?.?", "v1/2", false],
    ["v[0-9]*", "v12.0.0", true],
    ["v[!0-9]*", "v12.0.0", false],
    ["v[!0-9]*", "vnext", true],
    ["literal\\*", "literal*", true],
    ["literal\\*", "literalx", false],
    ["a.b", "axb", false],
    ["refs/pull/*/merge", "refs/pull/12/merge", true],
  ])("%s against %s: %s", (pattern, name, expected) => {
    expect(nameMatches(pattern, name)).toBe(expected);
  });
});
