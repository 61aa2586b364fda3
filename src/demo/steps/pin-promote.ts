import { createHash } from "node:crypto";
import { startControlPlane, type ControlPlane } from "../../sim/control-plane/index.ts";
import type { DemoStep } from "../step.ts";

const digest = (seed: string) => `sha256:${createHash("sha256").update(seed).digest("hex")}`;
const TOKEN = "demo-prod-control-plane-token";

let plane: ControlPlane | undefined;

/**
 * pin-promote on the prod control plane of the reference simulator: the runtime template
 * moves from the running image to the one just pushed, which takes 1.5 s to propagate, so the
 * real run reads the pin back until it shows.
 */
export const pinPromoteStep: DemoStep = {
  action: "pin-promote",
  rows: "environment",
  async prepare() {
    plane = await startControlPlane({
      environments: [
        {
          name: "prod",
          token: TOKEN,
          pins: [
            {
              template_name: "runtime",
              region: "global",
              image_digest: digest("fleet demo: the image running now"),
            },
          ],
          propagationDelayMs: 1_500,
        },
      ],
    });
  },
  mutations: () => plane?.log.mutations().length ?? 0,
  async cleanup() {
    await plane?.close();
    plane = undefined;
  },
  inputs: () => {
    if (!plane) throw new Error("pin-promote demo: prepare() did not start the control plane");
    return {
      "api-url": plane.apiUrl("prod"),
      token: TOKEN,
      environment: "prod",
      template: "runtime",
      digest: digest("fleet demo: the image just pushed"),
      "verify-interval-seconds": "1",
      "verify-timeout-seconds": "30",
    };
  },
};
