import type { ReleaseAsset } from "@fastdeploy/github";
import { describe, expect, it } from "vitest";
import { previousVersionTag, tagPrefixOf } from "../src/publish-notes.js";
import { contentDifferences, planAssets, type WantedAsset } from "../src/publish-plan.js";

const d = (c: string) => `sha256:${c.repeat(64)}`;
const wanted: WantedAsset[] = [
  { name: "shop-1.0.0.tar.gz", size: 100, digest: d("a") },
  { name: "shop-1.0.0.manifest.json", size: 10, digest: d("b") },
  { name: "SHA256SUMS", size: 5, digest: d("c") },
];
let nextId = 1;
const asset = (over: Partial<ReleaseAsset> & { name: string }): ReleaseAsset => ({
  id: nextId++,
  size: wanted.find((w) => w.name === over.name)?.size ?? 1,
  digest: wanted.find((w) => w.name === over.name)?.digest ?? d("f"),
  state: "uploaded",
  url: "",
  ...over,
});

describe("planAssets", () => {
  it("uploads everything to an empty draft", () => {
    const plan = planAssets(wanted, []);
    expect(plan.upload).toEqual(wanted);
    expect([...plan.keep.keys(), ...plan.remove, ...plan.unknownDigest]).toEqual([]);
  });

  it("keeps exact assets and removes partial, resized, different and foreign ones", () => {
    const good = asset({ name: "shop-1.0.0.tar.gz" });
    const partial = asset({ name: "shop-1.0.0.manifest.json", state: "open", size: 0 });
    const different = asset({ name: "SHA256SUMS", digest: d("e") });
    const foreign = asset({ name: "notes.txt" });
    const plan = planAssets(wanted, [good, partial, different, foreign]);
    expect([...plan.keep.values()]).toEqual([good]);
    expect(plan.remove).toEqual([partial, different, foreign]);
    expect(plan.upload.map((w) => w.name)).toEqual(["shop-1.0.0.manifest.json", "SHA256SUMS"]);
  });

  it("asks for a hash when a complete asset of the right size has no digest", () => {
    const unknown = asset({ name: "shop-1.0.0.tar.gz", digest: null });
    const wrongSize = asset({ name: "SHA256SUMS", digest: null, size: 4 });
    const plan = planAssets(wanted, [unknown, wrongSize]);
    expect(plan.unknownDigest).toEqual([unknown]);
    expect(plan.remove).toEqual([wrongSize]);
    expect(plan.upload.map((w) => w.name)).toEqual(["shop-1.0.0.manifest.json", "SHA256SUMS"]);
  });
});

describe("contentDifferences", () => {
  it("is empty for identical assets, extras allowed", () => {
    const assets = [...wanted.map((w) => asset({ name: w.name })), asset({ name: "sbom.json" })];
    expect(contentDifferences(wanted, assets)).toEqual([]);
  });

  it("names missing and different assets with both digests", () => {
    const assets = [asset({ name: "shop-1.0.0.tar.gz", digest: d("9"), size: 99 })];
    expect(contentDifferences(wanted, assets)).toEqual([
      {
        name: "shop-1.0.0.tar.gz",
        published: d("9"),
        publishedSize: 99,
        local: d("a"),
        localSize: 100,
      },
      { name: "shop-1.0.0.manifest.json", local: d("b"), localSize: 10 },
      { name: "SHA256SUMS", local: d("c"), localSize: 5 },
    ]);
  });
});

describe("previousVersionTag", () => {
  const tags = ["v0.9.0", "v1.0.0", "v1.1.0-rc.1", "v1.1.0", "v2.0.0-rc.1", "v2.0.0", "x1.5.0"];

  it("picks the highest version below, by SemVer not by order", () => {
    expect(previousVersionTag(tags, "1.0.1", "v")).toBe("v1.0.0");
    expect(previousVersionTag(tags, "2.1.0", "v")).toBe("v2.0.0");
    expect(previousVersionTag(tags, "0.1.0", "v")).toBeUndefined();
  });

  it("skips prereleases for a stable version, not for a prerelease", () => {
    expect(previousVersionTag(tags, "2.0.0", "v")).toBe("v1.1.0");
    expect(previousVersionTag(tags, "2.0.0-rc.2", "v")).toBe("v2.0.0-rc.1");
  });

  it("only reads tags with the prefix", () => {
    expect(previousVersionTag(tags, "1.6.0", "x")).toBe("x1.5.0");
    expect(tagPrefixOf("release/v1.2.3", "1.2.3")).toBe("release/v");
    expect(tagPrefixOf("latest", "1.2.3")).toBeUndefined();
  });
});
