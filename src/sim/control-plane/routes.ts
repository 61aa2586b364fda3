import {
  acceptPromotion,
  visiblePins,
  type ControlPlaneEnvironment,
  type ControlPlaneState,
  type ControlPlaneToken,
} from "./state.ts";

/** The control plane's endpoints, relative to an environment's root. */
export interface ControlPlanePaths {
  promote: string;
  pins: string;
}

export const defaultPaths: ControlPlanePaths = {
  promote: "/cp/admin/runtime-image/promote",
  pins: "/cp/admin/runtime-image",
};

/** A request as the routes see it. */
export interface ControlPlaneRequest {
  method: string;
  path: string;
  authorization: string | undefined;
  /** The raw body text. */
  body: string;
}

/** An answer, with who asked (login, never the token) for the request log. */
export interface ControlPlaneAnswer {
  status: number;
  body: unknown;
  login?: string;
}

/** The environment a path addresses, the path under it, and the token's identity there. */
export function authenticate(
  state: ControlPlaneState,
  path: string,
  authorization: string | undefined,
): { env?: ControlPlaneEnvironment; rest: string; token?: ControlPlaneToken } {
  const slash = path.indexOf("/", 1);
  const env = state.environments.get(slash < 0 ? path.slice(1) : path.slice(1, slash));
  const rest = slash < 0 ? "" : path.slice(slash);
  const bearer = /^bearer\s+(\S+)$/i.exec(authorization?.trim() ?? "")?.[1];
  return { env, rest, token: env?.tokens.find((t) => t.token === bearer) };
}

const digestPattern = /^sha256:[a-f0-9]{64}$/;

const error = (status: number, message: string, extra: Record<string, unknown> = {}) => ({
  status,
  body: { error: message, ...extra },
});

/**
 * Answers one request: `/{environment}{paths.pins}` (GET) and `/{environment}{paths.promote}`
 * (POST), bearer auth per environment, 401 / 403 / 404 / 405 / 400 / 422 as a typical admin
 * API does.
 */
export function route(
  state: ControlPlaneState,
  paths: ControlPlanePaths,
  req: ControlPlaneRequest,
  now: number,
): ControlPlaneAnswer {
  const { env, rest, token } = authenticate(state, req.path, req.authorization);
  if (!env) return error(404, "not found");
  if (!token) return error(401, "unauthorized: missing or invalid bearer token");
  const login = token.login;

  if (rest === paths.pins) {
    if (req.method !== "GET") return { ...error(405, "method not allowed"), login };
    return { status: 200, body: { runtime_image_pins: visiblePins(env, now) }, login };
  }
  if (rest !== paths.promote) return { ...error(404, "not found"), login };
  if (req.method !== "POST") return { ...error(405, "method not allowed"), login };
  if (token.scope !== "write")
    return { ...error(403, `forbidden: ${login} may read pins but not promote`), login };

  let body: unknown;
  try {
    body = JSON.parse(req.body);
  } catch {
    return { ...error(400, "request body is not JSON"), login };
  }
  const fields = (body ?? {}) as Record<string, unknown>;
  const missing = ["template_name", "image_digest", "region"].filter(
    (f) => typeof fields[f] !== "string" || fields[f] === "",
  );
  if (typeof body !== "object" || Array.isArray(body) || missing.length > 0)
    return { ...error(422, "invalid request", { missing }), login };
  const template = fields.template_name as string;
  const digest = fields.image_digest as string;
  const region = fields.region as string;
  if (!digestPattern.test(digest))
    return { ...error(422, "invalid image_digest: expected sha256:<64 lowercase hex>"), login };
  if (!env.regions.has(region))
    return {
      ...error(422, `unknown region '${region}'`, { regions: [...env.regions].sort() }),
      login,
    };
  if (!env.templates.has(template))
    return { ...error(404, `template '${template}' not found`), login };

  const p = acceptPromotion(
    env,
    { template_name: template, region, image_digest: digest, by: login },
    now,
  );
  return {
    status: 200,
    body: {
      promotion: {
        template_name: template,
        region,
        image_digest: digest,
        status: p.visibleAt <= now ? "applied" : "pending",
        visible_at: new Date(p.visibleAt).toISOString(),
      },
    },
    login,
  };
}
