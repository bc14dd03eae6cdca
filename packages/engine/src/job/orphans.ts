// "Cleaning up orphan processes": at the end of a job the runner terminates every process the
// job started that is still running (JobExtension.cs, processes tracked by RUNNER_TRACKING_ID;
// the log shows "Terminate orphan process: pid (N) (name)"). Here every step runs in its own
// process group, so the job's leftovers are the live members of those groups, read from /proc.
import { readdirSync, readFileSync } from "node:fs";

interface OrphanProcess {
  pid: number;
  name: string;
}

/** The processes of the given process groups that are still alive (Linux /proc). */
function members(groups: Set<number>): OrphanProcess[] {
  const found: OrphanProcess[] = [];
  let entries: string[];
  try {
    entries = readdirSync("/proc");
  } catch {
    return found;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // "pid (comm) state ppid pgrp …": comm may hold spaces and parentheses.
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const close = stat.lastIndexOf(")");
      const fields = stat.slice(close + 2).split(" ");
      const state = fields[0];
      const group = Number(fields[2]);
      if (groups.has(group) && state !== "Z") {
        found.push({ pid: Number(entry), name: stat.slice(stat.indexOf("(") + 1, close) });
      }
    } catch {} // the process ended while we looked
  }
  return found;
}

/** Kills what the job's steps left running; logs each process as the runner does. */
export function cleanUpOrphans(groups: Set<number>, log: (line: string) => void): void {
  // Signal 0 only asks whether the group still has a process: most jobs leave none, and then
  // /proc is not read at all.
  const alive = new Set(
    [...groups].filter((group) => {
      try {
        return process.kill(-group, 0);
      } catch {
        return false;
      }
    }),
  );
  if (alive.size === 0) return;
  log("Cleaning up orphan processes");
  for (const orphan of members(alive)) {
    log(`Terminate orphan process: pid (${orphan.pid}) (${orphan.name})`);
  }
  for (const group of alive) {
    try {
      process.kill(-group, "SIGKILL");
    } catch {} // the group emptied meanwhile
  }
}
