import type { Target } from "./registry.ts";

/** GitHub runs at most 256 jobs from one matrix. */
export const MAX_MATRIX_JOBS = 256;

/** A matrix entry for one target. `repositories` and `names` let a job treat it like a shard. */
export interface TargetEntry {
  name: string;
  owner: string;
  kind: string;
  repository: string;
  /** `owner/name`, the same as `repository`. */
  repositories: string;
  /** `name`: what a token minted for this entry is scoped to. */
  names: string;
  /**
   * The target's registry blocks, `{}` when absent, so that a job can read its own settings
   * (`matrix.orchestrators.claude.model`) without reading the registry again.
   */
  orchestrators: Record<string, unknown>;
  meta: Record<string, unknown>;
}

/** A matrix entry for several targets of one owner: `acme-2-of-5`. */
export interface ShardEntry {
  name: string;
  owner: string;
  /** `acme/a,acme/b`. */
  repositories: string;
  /** `a,b`. */
  names: string;
}

/** One job of the fan-out. */
export type MatrixEntry = TargetEntry | ShardEntry;

/** The value of `strategy.matrix`. */
export interface Matrix {
  include: MatrixEntry[];
}

/** The targets cannot be spread over `max-jobs` jobs. */
export class MatrixError extends Error {
  override readonly name = "MatrixError";
}

/** Owners in order of first appearance, each with its targets in registry order. */
function groupByOwner(targets: readonly Target[]): { owner: string; targets: Target[] }[] {
  // GitHub logins are case-insensitive: `Acme` and `acme` are one owner and need one token.
  const groups = new Map<string, { owner: string; targets: Target[] }>();
  for (const t of targets) {
    const key = t.owner.toLowerCase();
    const group = groups.get(key) ?? { owner: t.owner, targets: [] };
    group.targets.push(t);
    groups.set(key, group);
  }
  return [...groups.values()];
}

/**
 * The smallest shard size whose shards fit the job budget. A job's wall time is set by its
 * largest shard, so the budget is split to minimise the largest shard: the smallest size S
 * with sum over owners of ceil(n / S) <= maxJobs. Each owner then gets ceil(n / S) shards
 * (at least one, since a token covers one owner only) and any jobs left over stay unused,
 * as more of them could not make the largest shard smaller.
 */
function shardSize(counts: readonly number[], maxJobs: number): number {
  const jobs = (size: number) => counts.reduce((sum, n) => sum + Math.ceil(n / size), 0);
  let low = 1;
  let high = Math.max(...counts);
  while (low < high) {
    const mid = Math.floor((low + high) / 2);
    if (jobs(mid) <= maxJobs) high = mid;
    else low = mid + 1;
  }
  return low;
}

/** Splits `items` into `parts` contiguous runs whose lengths differ by at most one. */
function splitEvenly<T>(items: readonly T[], parts: number): T[][] {
  const base = Math.floor(items.length / parts);
  const larger = items.length % parts;
  const out: T[][] = [];
  let start = 0;
  for (let i = 0; i < parts; i++) {
    const size = base + (i < larger ? 1 : 0);
    out.push(items.slice(start, start + size));
    start += size;
  }
  return out;
}

/**
 * The fan-out matrix: one entry per target while they fit in `maxJobs`, otherwise shards of
 * one owner's targets, as even in size as possible. An empty target list gives an empty
 * `include` (callers skip the fan-out job on a count of 0).
 */
export function buildMatrix(targets: readonly Target[], maxJobs = MAX_MATRIX_JOBS): Matrix {
  if (!Number.isInteger(maxJobs) || maxJobs < 1 || maxJobs > MAX_MATRIX_JOBS) {
    throw new MatrixError(
      `max-jobs: found ${maxJobs}, allowed a whole number from 1 to ${MAX_MATRIX_JOBS} (GitHub's matrix limit)`,
    );
  }
  if (targets.length <= maxJobs) {
    return {
      include: targets.map((t) => ({
        name: t.name,
        owner: t.owner,
        kind: t.kind,
        repository: t.repository,
        repositories: t.repository,
        names: t.name,
        orchestrators: t.orchestrators,
        meta: t.meta,
      })),
    };
  }
  const groups = groupByOwner(targets);
  if (groups.length > maxJobs) {
    throw new MatrixError(
      `max-jobs: found ${maxJobs}, allowed at least ${groups.length}: the ${targets.length} selected targets belong to ${groups.length} owners and a job (one token) covers one owner only`,
    );
  }
  const size = shardSize(
    groups.map((g) => g.targets.length),
    maxJobs,
  );
  const include: ShardEntry[] = [];
  for (const group of groups) {
    const shards = splitEvenly(group.targets, Math.ceil(group.targets.length / size));
    shards.forEach((shard, i) => {
      include.push({
        name: `${group.owner}-${i + 1}-of-${shards.length}`,
        owner: group.owner,
        repositories: shard.map((t) => t.repository).join(","),
        names: shard.map((t) => t.name).join(","),
      });
    });
  }
  return { include };
}
