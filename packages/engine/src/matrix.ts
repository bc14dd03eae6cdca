// `strategy.matrix`, as "Running variations of jobs in a workflow" describes it
// (https://docs.github.com/en/actions/how-tos/write-workflows/choose-what-workflows-do/run-job-variations):
// - the variables' cartesian product, in the order they are written;
// - `exclude`: a combination is removed when it matches every key of an exclude entry
//   (partial matches allowed), before `include` is applied;
// - `include`: "For each object in the include list, the key:value pairs in the object will be
//   added to each of the matrix combinations if none of the key:value pairs overwrite any of the
//   original matrix values. If the object cannot be added to any of the matrix combinations, a
//   new matrix combination will be created instead. Note that the original matrix values will
//   not be overwritten, but added matrix values can be overwritten."
// - at most 256 jobs per workflow run matrix.

import { isDeepStrictEqual } from "node:util";
import { FastDeployError } from "@fastdeploy/core";

export type Combination = Record<string, unknown>;

export class MatrixError extends FastDeployError {
  override name = "MatrixError";
}

const MAX_JOBS = 256;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The combinations of an evaluated `strategy.matrix`; undefined matrix = one plain job. */
export function expandMatrix(matrix: unknown, jobId: string): Combination[] {
  if (matrix === undefined || matrix === null) return [{}];
  if (!isObject(matrix)) {
    throw new MatrixError(
      `job '${jobId}': strategy.matrix must be a mapping, got ${JSON.stringify(matrix)}`,
    );
  }
  const { include, exclude, ...vectors } = matrix;
  const listOf = (value: unknown, key: string): Combination[] => {
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value) || !value.every(isObject)) {
      throw new MatrixError(`job '${jobId}': strategy.matrix.${key} must be a list of mappings`);
    }
    return value as Combination[];
  };
  let combinations: Combination[] = [{}];
  for (const [key, values] of Object.entries(vectors)) {
    if (!Array.isArray(values) || values.length === 0) {
      throw new MatrixError(
        `job '${jobId}': matrix vector '${key}' does not contain any values (got ${JSON.stringify(values)})`,
      );
    }
    combinations = combinations.flatMap((c) => values.map((v) => ({ ...c, [key]: v })));
  }
  const hasVectors = Object.keys(vectors).length > 0;
  if (!hasVectors) combinations = [];
  for (const entry of listOf(exclude, "exclude")) {
    combinations = combinations.filter(
      (c) => !Object.entries(entry).every(([k, v]) => isDeepStrictEqual(c[k], v)),
    );
  }
  const originalKeys = new Set(Object.keys(vectors));
  const originals = combinations.map((c) => ({ ...c }));
  const added: Combination[] = [];
  for (const entry of listOf(include, "include")) {
    let matched = false;
    combinations.forEach((combination, index) => {
      const original = originals[index] as Combination;
      const keepsOriginals = Object.entries(entry).every(
        ([k, v]) => !originalKeys.has(k) || isDeepStrictEqual(original[k], v),
      );
      if (keepsOriginals) {
        Object.assign(combination, entry);
        matched = true;
      }
    });
    if (!matched) added.push({ ...entry });
  }
  const all = [...combinations, ...added];
  if (all.length === 0) {
    throw new MatrixError(`job '${jobId}': the matrix has no combinations left after exclude`);
  }
  if (all.length > MAX_JOBS) {
    throw new MatrixError(
      `job '${jobId}': the matrix makes ${all.length} jobs; GitHub allows at most ${MAX_JOBS}`,
    );
  }
  return all;
}

/** How GitHub names a matrix job: `build (linux, 20)`. */
export function matrixJobName(name: string, combination: Combination): string {
  const values = Object.values(combination).map((v) =>
    typeof v === "object" && v !== null ? JSON.stringify(v) : String(v),
  );
  return values.length === 0 ? name : `${name} (${values.join(", ")})`;
}
