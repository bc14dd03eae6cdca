/**
 * How a rollout shows in the ledger. A rollout is one deployment (so the environment has one
 * record of the version, ending success or failure); each wave that baked healthy adds an
 * `in_progress` status to it that says how many of the targets, in the payload's order, run
 * the version now. A re-run of an interrupted rollout reads the newest such status and
 * continues after it instead of deploying those targets again.
 *
 * The description is also what a person reads on the environment's page, so it is a sentence;
 * `parseWaveStatus` reads only FastDeploy's own deployments (task and payload checked first).
 */

/** `payload.fastdeploy.rollout`: the plan this deployment followed. */
export interface PayloadRollout {
  /** Cumulative target counts after each wave, e.g. [1, 2, 4]. */
  waves: number[];
  bake_ms: number;
  /** The interrupted rollout of the same version this one continues, and how many of its
   * targets it found healthy and skipped. */
  resumed?: { deployment_id: number; targets: number };
}

export interface WaveRecord {
  /** 1-based. */
  wave: number;
  waves: number;
  /** Targets that run the version once this wave is done (cumulative). */
  done: number;
  total: number;
}

const WAVE_STATUS = /^Wave (\d+)\/(\d+) healthy: (\d+)\/(\d+) targets run /;

export function waveStatusDescription(record: WaveRecord, version: string): string {
  return `Wave ${record.wave}/${record.waves} healthy: ${record.done}/${record.total} targets run ${version}`;
}

export function parseWaveStatus(description: string | null | undefined): WaveRecord | undefined {
  const match = WAVE_STATUS.exec(description ?? "");
  if (!match) return undefined;
  const [wave, waves, done, total] = match.slice(1).map(Number) as [number, number, number, number];
  if (done > total || wave > waves) return undefined;
  return { wave, waves, done, total };
}

export function parsePayloadRollout(value: unknown): PayloadRollout | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const { waves, bake_ms, resumed } = value as Record<string, unknown>;
  if (!Array.isArray(waves) || !waves.every((w) => Number.isInteger(w))) return undefined;
  const rollout: PayloadRollout = {
    waves: waves as number[],
    bake_ms: typeof bake_ms === "number" ? bake_ms : 0,
  };
  if (typeof resumed === "object" && resumed !== null) {
    const { deployment_id, targets } = resumed as Record<string, unknown>;
    if (typeof deployment_id === "number" && typeof targets === "number") {
      rollout.resumed = { deployment_id, targets };
    }
  }
  return rollout;
}
