import { createHash } from "node:crypto";
import { appendFileSync, closeSync, mkdirSync, openSync } from "node:fs";
import { join } from "node:path";
import { RawJson } from "../rest/http.ts";

/** The environment variable naming the directory REST exchanges are sampled into. */
export const SAMPLES_ENV = "FLEET_SIM_SAMPLES";

/** Exchanges kept per operation and status, across every process writing to one directory. */
const SAMPLES_PER_KEY = 4;

/** Items kept of a listing: enough to see its variety, not a whole page of repeated shapes. */
const ITEMS_KEPT = 8;

/** One REST request and the simulator's answer, as the conformance test checks them. */
export interface Sample {
  method: string;
  /** The route pattern that answered (`/repos/{owner}/{repo}/issues`). */
  pattern: string;
  path: string;
  params: Record<string, string>;
  query: Record<string, string>;
  /** The JSON body sent; undefined when none. */
  requestBody: unknown;
  status: number;
  /** The answer's JSON body, its listings cut short; undefined when none. */
  body: unknown;
}

/**
 * A listing's first items plus the first of each `event` kind after them, so a sampled
 * timeline still shows every kind it held.
 */
function trimList(items: unknown[]): unknown[] {
  const kept = items.slice(0, ITEMS_KEPT);
  const kinds = new Set(kept.map((i) => (i as { event?: unknown } | null)?.event));
  for (const item of items.slice(ITEMS_KEPT)) {
    const kind = (item as { event?: unknown } | null)?.event;
    if (kind !== undefined && !kinds.has(kind)) {
      kinds.add(kind);
      kept.push(item);
    }
  }
  return kept;
}

/** The body as JSON with its listings (top level, or one level down) cut short. */
function sampledBody(body: unknown): unknown {
  const value = body instanceof RawJson ? JSON.parse(body.bytes.toString("utf8")) : body;
  if (Array.isArray(value)) return trimList(value);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, Array.isArray(v) ? trimList(v) : v]),
  );
}

/**
 * Samples REST exchanges into `dir` for the conformance test: the first SAMPLES_PER_KEY of
 * each method, route and status, counted across processes by claiming numbered slot files
 * (an exclusive create either wins a slot or finds it taken). Each process appends its
 * samples to its own JSON-lines file.
 */
export class SampleRecorder {
  private readonly full = new Set<string>();
  private readonly file: string;

  constructor(private readonly dir: string) {
    mkdirSync(join(dir, "slots"), { recursive: true });
    this.file = join(dir, `samples-${process.pid}.jsonl`);
  }

  /** Records the exchange if its key still has a free slot. */
  record(sample: Omit<Sample, "body"> & { body: unknown }): void {
    const key = `${sample.method} ${sample.pattern} ${sample.status}`;
    if (this.full.has(key) || !this.claim(key)) return;
    const line = JSON.stringify({ ...sample, body: sampledBody(sample.body) });
    appendFileSync(this.file, `${line}\n`);
  }

  private claim(key: string): boolean {
    const hash = createHash("sha1").update(key).digest("hex").slice(0, 16);
    for (let slot = 0; slot < SAMPLES_PER_KEY; slot++) {
      try {
        closeSync(openSync(join(this.dir, "slots", `${hash}-${slot}`), "wx"));
        return true;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      }
    }
    this.full.add(key);
    return false;
  }
}

/** The recorder the environment asks for, if any. */
export function recorderFromEnv(env: NodeJS.ProcessEnv = process.env): SampleRecorder | undefined {
  const dir = env[SAMPLES_ENV];
  return dir ? new SampleRecorder(dir) : undefined;
}
