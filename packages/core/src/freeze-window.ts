/**
 * Freeze windows (`{ from: "Fri 16:00", to: "Mon 08:00", timezone: Europe/Madrid }`): either a
 * weekly window given by weekday and time, or a one-off window given by date and time.
 * Parsing is here; deciding whether "now" is frozen belongs to the promotion policy.
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
