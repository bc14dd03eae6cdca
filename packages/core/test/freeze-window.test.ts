import { describe, expect, it } from "vitest";
import {
  checkFreeze,
  describeFreezeWindow,
  type FreezeWindow,
  isFrozen,
  parseFreezeTime,
} from "../src/index.js";

function window(from: string, to: string, timezone = "UTC"): FreezeWindow {
  return { from: parseFreezeTime(from)!, to: parseFreezeTime(to)!, timezone };
}

describe("isFrozen", () => {
  const weekend = window("Fri 16:00", "Mon 08:00", "Europe/Madrid");

  it("covers a window that wraps the week, start inclusive, end exclusive", () => {
    // 2026-01-09 is a Friday; Madrid is UTC+1 in winter.
    expect(isFrozen([weekend], new Date("2026-01-09T14:59:00Z"))).toBeUndefined();
    expect(isFrozen([weekend], new Date("2026-01-09T15:00:00Z"))).toBe(weekend);
    expect(isFrozen([weekend], new Date("2026-01-10T23:00:00Z"))).toBe(weekend); // Sun 00:00 local
    expect(isFrozen([weekend], new Date("2026-01-12T06:59:00Z"))).toBe(weekend);
    expect(isFrozen([weekend], new Date("2026-01-12T07:00:00Z"))).toBeUndefined();
    expect(isFrozen([weekend], new Date("2026-01-14T12:00:00Z"))).toBeUndefined();
  });

  it("follows the zone's daylight saving time (wall-clock windows)", () => {
    // Summer: Madrid is UTC+2, so Fri 16:00 local is 14:00 UTC.
    expect(isFrozen([weekend], new Date("2026-07-03T13:59:00Z"))).toBeUndefined();
    expect(isFrozen([weekend], new Date("2026-07-03T14:00:00Z"))).toBe(weekend);
    // The weekend DST ends (2026-10-25 03:00 → 02:00): still frozen throughout, ends Mon 08:00 CET.
    expect(isFrozen([weekend], new Date("2026-10-25T01:30:00Z"))).toBe(weekend);
    expect(isFrozen([weekend], new Date("2026-10-26T06:59:00Z"))).toBe(weekend);
    expect(isFrozen([weekend], new Date("2026-10-26T07:00:00Z"))).toBeUndefined();
  });

  it("uses the local weekday, not the UTC one", () => {
    const tokyo = window("Mon 00:00", "Mon 09:00", "Asia/Tokyo");
    // Sunday 16:00 UTC is Monday 01:00 in Tokyo.
    expect(isFrozen([tokyo], new Date("2026-01-11T16:00:00Z"))).toBe(tokyo);
    expect(isFrozen([tokyo], new Date("2026-01-12T01:00:00Z"))).toBeUndefined();
  });

  it("handles a window inside one day and dated windows", () => {
    const lunch = window("Wed 12:00", "Wed 13:00");
    expect(isFrozen([lunch], new Date("2026-01-14T12:30:00Z"))).toBe(lunch);
    expect(isFrozen([lunch], new Date("2026-01-07T13:00:00Z"))).toBeUndefined();
    const xmas = window("2026-12-24 18:00", "2026-12-27 08:00", "America/New_York");
    expect(isFrozen([xmas], new Date("2026-12-24T22:59:00Z"))).toBeUndefined();
    expect(isFrozen([xmas], new Date("2026-12-24T23:00:00Z"))).toBe(xmas);
    expect(isFrozen([xmas], new Date("2026-12-27T12:59:00Z"))).toBe(xmas);
    expect(isFrozen([xmas], new Date("2026-12-27T13:00:00Z"))).toBeUndefined();
  });

  it("returns the first covering window and ignores empty ones", () => {
    const empty = window("Tue 10:00", "Tue 10:00");
    const all = window("Sun 00:00", "Sat 23:59");
    expect(isFrozen([empty, all], new Date("2026-01-13T10:00:00Z"))).toBe(all);
  });
});

describe("checkFreeze", () => {
  const weekend = window("Fri 16:00", "Mon 08:00", "Europe/Madrid");
  const saturday = new Date("2026-01-10T12:00:00Z");
  it("refuses inside a window and says how to override", () => {
    const d = checkFreeze("prod", [weekend], saturday);
    expect(d).toMatchObject({ allowed: false, code: "frozen" });
    if (!d.allowed)
      expect(d.message).toContain(`prod is frozen (${describeFreezeWindow(weekend)})`);
  });
  it("needs force and a reason, and records the override", () => {
    expect(checkFreeze("prod", [weekend], saturday, { force: true })).toMatchObject({
      code: "force_reason",
    });
    expect(checkFreeze("prod", [weekend], saturday, { force: true, reason: "incident" })).toEqual({
      allowed: true,
      override: { rule: "freeze", detail: "prod frozen Fri 16:00 → Mon 08:00 (Europe/Madrid)" },
    });
  });
  it("allows outside any window", () => {
    expect(checkFreeze("prod", [weekend], new Date("2026-01-14T12:00:00Z"))).toEqual({
      allowed: true,
    });
  });
});
