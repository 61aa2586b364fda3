import { sanitizeBody } from "../../core/sanitize-body.ts";
import { parsePins } from "./pins-response.ts";
import type { Pin } from "./plan.ts";
import { describeRefusal, type RefusalContext } from "./refusal.ts";
import { ControlPlaneError, send, type RequestOptions } from "./request.ts";
import type { PinRequest } from "./validate.ts";

/** The two calls pin-promote makes. */
export interface ControlPlaneClient {
  /** `GET {pins-path}`: the pins, or a ControlPlaneError (non-200, or not the expected JSON). */
  readPins(): Promise<Pin[]>;
  /** `POST {promote-path}`: resolves on 200 or 201, else a ControlPlaneError. */
  promote(): Promise<number>;
}

/** A client for one control plane, one template, region and digest. */
export function controlPlaneClient(
  req: PinRequest,
  o: Omit<RequestOptions, "token">,
): ControlPlaneClient {
  const options = { ...o, token: req.token };
  const safe = (text: string) => sanitizeBody(text, { secrets: [req.token] });
  const context = (method: string, path: string): RefusalContext => ({
    method,
    url: `${req.apiUrl}${path}`,
    pathInput: method === "GET" ? "pins-path" : "promote-path",
    doing: method === "GET" ? "read the pins" : "promote",
    template: req.template,
    region: req.region,
    digest: req.digest,
  });
  return {
    async readPins() {
      const c = context("GET", req.pinsPath);
      const answer = await send(options, "GET", c.url);
      if (answer.status !== 200)
        throw new ControlPlaneError(
          describeRefusal(answer.status, safe(answer.text), c, answer.location),
          answer.status,
        );
      const parsed = parsePins(answer.text);
      if (!parsed.ok)
        throw new ControlPlaneError(`${c.method} ${c.url} answered 200 but ${safe(parsed.why)}`);
      return parsed.pins;
    },
    async promote() {
      const c = context("POST", req.promotePath);
      const answer = await send(options, "POST", c.url, {
        template_name: req.template,
        image_digest: req.digest,
        region: req.region,
      });
      if (answer.status !== 200 && answer.status !== 201)
        throw new ControlPlaneError(
          describeRefusal(answer.status, safe(answer.text), c, answer.location),
          answer.status,
        );
      return answer.status;
    },
  };
}
