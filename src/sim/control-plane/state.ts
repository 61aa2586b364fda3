/**
 * The reference control plane's model: per environment, the tokens it accepts, the templates
 * and regions it knows, the runtime-image pins it serves, and promotions accepted but not yet
 * visible (a control plane may apply a promotion asynchronously).
 */

/** One row of `GET {pins-path}`, as the control plane serves it. */
export interface PinRow {
  template_name: string;
  region: string;
  image_digest: string;
  /** ISO time the pin took effect. */
  updated_at: string;
  /** Login of the token that promoted it. */
  updated_by: string;
}

/** A promotion the control plane accepted. */
export interface Promotion {
  template_name: string;
  region: string;
  image_digest: string;
  by: string;
  /** Sim-clock ms it was accepted. */
  at: number;
  /** Sim-clock ms it becomes visible in the pins listing. */
  visibleAt: number;
}

/** A bearer token of one environment: `read` may list pins, `write` may also promote. */
export interface ControlPlaneToken {
  token: string;
  login: string;
  scope: "read" | "write";
}

/** One environment (prod, staging...): its own tokens, pins and propagation delay. */
export interface ControlPlaneEnvironment {
  name: string;
  tokens: ControlPlaneToken[];
  templates: Set<string>;
  regions: Set<string>;
  /** Visible pins, keyed by `template\0region`. */
  pins: Map<string, PinRow>;
  /** Accepted promotions not yet visible, in acceptance order. */
  pending: Promotion[];
  /** Every accepted promotion, in acceptance order. */
  history: Promotion[];
  /** How long an accepted promotion takes to show in the listing. */
  propagationDelayMs: number;
}

/** How a test or the demo describes an environment. */
export interface ControlPlaneEnvironmentSpec {
  /** Path segment the environment is served under: `{url}/{name}`. */
  name: string;
  /** The bearer token that may promote. */
  token: string;
  /** A token that may read pins but not promote (answered 403 on promote). */
  readToken?: string;
  /** Templates the control plane knows; the pins' templates are always known. */
  templates?: string[];
  /** Regions it accepts (default `global`). */
  regions?: string[];
  pins?: { template_name: string; region: string; image_digest: string }[];
  /** Default 0: a promotion is visible as soon as it is accepted. */
  propagationDelayMs?: number;
}

/** Every environment, by name. */
export interface ControlPlaneState {
  environments: Map<string, ControlPlaneEnvironment>;
}

const key = (template: string, region: string) => `${template}\0${region}`;
const iso = (ms: number) => new Date(ms).toISOString();

/** Builds the environments; seeded pins are visible from `now`. */
export function createControlPlaneState(
  specs: readonly ControlPlaneEnvironmentSpec[],
  now: number,
): ControlPlaneState {
  const environments = new Map<string, ControlPlaneEnvironment>();
  for (const spec of specs) {
    if (!/^[a-z0-9][a-z0-9-]*$/.test(spec.name))
      throw new Error(
        `control plane: environment name '${spec.name}' must be lowercase letters, digits and '-'`,
      );
    if (environments.has(spec.name))
      throw new Error(`control plane: environment '${spec.name}' is declared twice`);
    const tokens: ControlPlaneToken[] = [
      { token: spec.token, login: `${spec.name}-deployer`, scope: "write" },
    ];
    if (spec.readToken)
      tokens.push({ token: spec.readToken, login: `${spec.name}-reader`, scope: "read" });
    const pins = new Map<string, PinRow>();
    for (const p of spec.pins ?? []) {
      pins.set(key(p.template_name, p.region), {
        ...p,
        updated_at: iso(now),
        updated_by: "seed",
      });
    }
    environments.set(spec.name, {
      name: spec.name,
      tokens,
      templates: new Set([
        ...(spec.templates ?? []),
        ...[...pins.values()].map((p) => p.template_name),
      ]),
      regions: new Set([
        ...(spec.regions ?? ["global"]),
        ...[...pins.values()].map((p) => p.region),
      ]),
      pins,
      pending: [],
      history: [],
      propagationDelayMs: spec.propagationDelayMs ?? 0,
    });
  }
  return { environments };
}

/** Accepts a promotion; it shows in the listing once the environment's delay has passed. */
export function acceptPromotion(
  env: ControlPlaneEnvironment,
  p: { template_name: string; region: string; image_digest: string; by: string },
  now: number,
): Promotion {
  const promotion: Promotion = { ...p, at: now, visibleAt: now + env.propagationDelayMs };
  env.history.push(promotion);
  env.pending.push(promotion);
  applyDue(env, now);
  return promotion;
}

/** Moves the promotions whose time has come into the visible pins, oldest first. */
function applyDue(env: ControlPlaneEnvironment, now: number): void {
  const due = env.pending.filter((p) => p.visibleAt <= now);
  if (due.length === 0) return;
  env.pending = env.pending.filter((p) => p.visibleAt > now);
  due.sort((a, b) => a.visibleAt - b.visibleAt);
  for (const p of due) {
    env.pins.set(key(p.template_name, p.region), {
      template_name: p.template_name,
      region: p.region,
      image_digest: p.image_digest,
      updated_at: iso(p.visibleAt),
      updated_by: p.by,
    });
  }
}

/** The pins visible at `now`, sorted by template then region. */
export function visiblePins(env: ControlPlaneEnvironment, now: number): PinRow[] {
  applyDue(env, now);
  return [...env.pins.values()].sort(
    (a, b) => a.template_name.localeCompare(b.template_name) || a.region.localeCompare(b.region),
  );
}
