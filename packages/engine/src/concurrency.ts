// `concurrency` groups, shared by every run one Engine starts, as "Control the concurrency of
// workflows and jobs" describes them
// (https://docs.github.com/en/actions/how-tos/write-workflows/choose-when-workflows-run/control-workflow-concurrency):
// - "at most one running job or workflow in a concurrency group at any time"; a newcomer
//   waits as pending;
// - "By default, any existing pending job or workflow in the same concurrency group will be
//   canceled and the new queued job or workflow will take its place";
// - `cancel-in-progress: true` also cancels the running one;
// - `queue: max` lets pending ones wait in order instead, up to 100 per group
//   (https://github.blog/changelog/2026-05-07-github-actions-concurrency-groups-now-allow-larger-queues).

export interface ConcurrencySettings {
  group: string;
  cancelInProgress: boolean;
  queue: "single" | "max";
}

const MAX_QUEUE = 100;

interface Member {
  /** Cancels the member: aborts it when running, ends its wait when pending. */
  cancel(reason: string): void;
  start?: () => void;
}

interface Group {
  running?: Member;
  pending: Member[];
}

export interface Admission {
  /** Whether the member waits behind a running one (false once it could start at once). */
  pending: boolean;
  /** Resolves true when the member may start, false when it was cancelled while pending. */
  ready: Promise<boolean>;
  /** Leaves the group (when done, or cancelled) and lets the next pending member start. */
  release(): void;
}

export class ConcurrencyGroups {
  private readonly groups = new Map<string, Group>();

  /** Enters a group; `onCancel` is called if a newer member cancels this one. */
  enter(settings: ConcurrencySettings, onCancel: (reason: string) => void): Admission {
    const key = settings.group;
    const group = this.groups.get(key) ?? { pending: [] };
    this.groups.set(key, group);
    let settle: (started: boolean) => void = () => {};
    const ready = new Promise<boolean>((resolve) => {
      settle = resolve;
    });
    let state: "pending" | "running" | "done" = "pending";
    const member: Member = {
      cancel: (reason) => {
        if (state === "pending") {
          state = "done";
          group.pending = group.pending.filter((m) => m !== member);
          settle(false);
        }
        onCancel(reason);
      },
      start: () => {
        state = "running";
        group.running = member;
        settle(true);
      },
    };
    if (settings.cancelInProgress) {
      for (const older of [...group.pending]) {
        older.cancel(`Canceling since a higher priority waiting request for ${key} exists`);
      }
      group.running?.cancel(`Canceling since a higher priority waiting request for ${key} exists`);
    } else if (settings.queue !== "max") {
      for (const older of [...group.pending]) {
        older.cancel(`Canceling since a higher priority waiting request for ${key} exists`);
      }
    }
    if (!group.running && group.pending.length === 0) {
      member.start?.();
    } else if (settings.queue === "max" && group.pending.length >= MAX_QUEUE) {
      state = "done";
      settle(false);
      onCancel(`the concurrency group ${key} already holds ${MAX_QUEUE} pending runs`);
    } else {
      group.pending.push(member);
    }
    const release = () => {
      if (state === "done") return;
      const wasRunning = group.running === member;
      state = "done";
      group.pending = group.pending.filter((m) => m !== member);
      if (wasRunning) {
        group.running = undefined;
        group.pending.shift()?.start?.();
      }
      if (!group.running && group.pending.length === 0) this.groups.delete(key);
    };
    return { pending: state === "pending", ready, release };
  }
}
