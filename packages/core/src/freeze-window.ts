/**
 * Freeze windows (`{ from: "Fri 16:00", to: "Mon 08:00", timezone: Europe/Madrid }`): either a
 * weekly window given by weekday and time, or a one-off window given by date and time.
 * Parsing and `isFrozen` are here; policy-freeze.ts decides what a frozen environment refuses.
 */
export type FreezeTime =
  | { kind: "weekly"; text: string; day: number; hour: number; minute: number }
  | { kind: "date"; text: string; date: string; hour: number; minute: number };

export interface FreezeWindow {
  from: FreezeTime;
  to: FreezeTime;
  /** IANA time zone, `UTC` when not given. */
  timezone: string;
}

/** Index = `Date.getUTCDay()`: 0 is Sunday. */
export const WEEKDAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"] as const;

const DAY_NAMES = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];
const WEEKLY = /^([A-Za-z][a-z]+)\s+(\d{1,2}):(\d{2})$/;
const DATED = /^(\d{4}-\d{2}-\d{2})[ T](\d{1,2}):(\d{2})$/;

/** Parses `Fri 16:00`, `Friday 16:00` or `2026-12-24 18:00`; undefined when not one of those. */
export function parseFreezeTime(text: string): FreezeTime | undefined {
  const weekly = WEEKLY.exec(text.trim());
  if (weekly) {
    const name = weekly[1]!.toLowerCase();
    const short = WEEKDAYS.indexOf(name as (typeof WEEKDAYS)[number]);
    const day = short !== -1 ? short : DAY_NAMES.indexOf(name);
    const time = clock(weekly[2]!, weekly[3]!);
    if (day === -1 || !time) return undefined;
    return { kind: "weekly", text, day, ...time };
  }
  const dated = DATED.exec(text.trim());
  if (dated) {
    const time = clock(dated[2]!, dated[3]!);
    const date = dated[1]!;
    const parsed = new Date(`${date}T00:00:00Z`);
    if (!time || Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== date) {
      return undefined;
    }
    return { kind: "date", text, date, ...time };
  }
  return undefined;
}

/** True when `zone` is an IANA time zone this runtime knows (Intl is pure, no I/O). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function clock(hours: string, minutes: string): { hour: number; minute: number } | undefined {
  const hour = Number(hours);
  const minute = Number(minutes);
  return hour <= 23 && minute <= 59 ? { hour, minute } : undefined;
}

/**
 * The window that covers `at`, or undefined. Windows are wall-clock times in their own time
 * zone, so "Fri 16:00" means 16:00 in Madrid in both summer and winter: `at` is converted to
 * that zone's local time with Intl (which knows the DST rules) and compared there. A weekly
 * window whose end comes before its start wraps the week (Fri 16:00 → Mon 08:00). The start
 * is inclusive and the end exclusive; a window that starts where it ends covers nothing.
 */
export function isFrozen(windows: readonly FreezeWindow[], at: Date): FreezeWindow | undefined {
  return windows.find((window) => covers(window, at));
}

/** Human text for messages and the ledger: `Fri 16:00 → Mon 08:00 (Europe/Madrid)`. */
export function describeFreezeWindow(window: FreezeWindow): string {
  return `${window.from.text} → ${window.to.text} (${window.timezone})`;
}

const MINUTES_PER_WEEK = 7 * 24 * 60;

function covers(window: FreezeWindow, at: Date): boolean {
  const local = wallClock(at, window.timezone);
  const { from, to } = window;
  if (from.kind === "weekly" && to.kind === "weekly") {
    const start = (from.day * 24 + from.hour) * 60 + from.minute;
    const end = (to.day * 24 + to.hour) * 60 + to.minute;
    const now = (local.day * 24 + local.hour) * 60 + local.minute;
    if (start === end) return false;
    if (start < end) return now >= start && now < end;
    return (now >= start && now < MINUTES_PER_WEEK) || now < end;
  }
  if (from.kind === "date" && to.kind === "date") {
    // Zero-padded "YYYY-MM-DD HH:MM" strings compare in time order.
    const now = stamp(local.date, local.hour, local.minute);
    return (
      now >= stamp(from.date, from.hour, from.minute) && now < stamp(to.date, to.hour, to.minute)
    );
  }
  // The config loader refuses mixed windows; a hand-built one freezes nothing rather than guess.
  return false;
}

interface WallClock {
  date: string;
  day: number;
  hour: number;
  minute: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function wallClock(at: Date, timeZone: string): WallClock {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      weekday: "short",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
    });
    formatters.set(timeZone, format);
  }
  const parts: Record<string, string> = {};
  for (const part of format.formatToParts(at)) parts[part.type] = part.value;
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    day: WEEKDAYS.indexOf((parts.weekday ?? "").toLowerCase() as (typeof WEEKDAYS)[number]),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
  };
}

function stamp(date: string, hour: number, minute: number): string {
  return `${date} ${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}`;
}
