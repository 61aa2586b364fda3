/**
 * What the simulated servers share (GitHub, Gitea, the control plane): their clock, fault
 * rules and latency, reading a body, holding an answer, writing it whole or cut short, and
 * listening on loopback.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createSimClock, type SimClockOption } from "./clock.ts";
import { Faults } from "./faults.ts";
import { latencyOf, type LatencyOption } from "./latency.ts";
import type { SimState } from "./state.ts";

/** How to serve a state on loopback. */
export interface ServeOptions {
  /** Port on 127.0.0.1; default 0 (any free port). */
  port?: number;
  /** Default "real": wall-clock speed from `state.now`. */
  clock?: SimClockOption;
  /** Delay added to every request; random delays are seeded from `state.seed`. */
  latency?: LatencyOption;
}

/** The clock, fault rules and latency of a server for `state`, seeded from it. */
export function servingParts(state: SimState, options: ServeOptions) {
  const faults = new Faults(state.seed);
  for (const rule of state.faultRules ?? []) faults.add(rule);
  return {
    clock: createSimClock(options.clock ?? "real", state.now),
    faults,
    latency: latencyOf(options.latency, state.seed),
  };
}

/** A listening server. */
export interface RunningServer {
  /** `http://127.0.0.1:PORT` */
  url: string;
  close(): Promise<void>;
}

/** A request's whole body as text. */
export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** A body parsed as JSON; an empty body is undefined, one that is not JSON is `badJson`. */
export function parseJson(text: string): { body: unknown; badJson: boolean } {
  if (text.trim() === "") return { body: undefined, badJson: false };
  try {
    return { body: JSON.parse(text) as unknown, badJson: false };
  } catch (error) {
    if (error instanceof SyntaxError) return { body: undefined, badJson: true };
    throw error;
  }
}

/** Waits `ms` real milliseconds: how a server holds an answer for its latency. */
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Writes an answer. `truncate` sends the headers (with the full `content-length`) and half the
 * body, then drops the connection, as a proxy dying mid-response would.
 */
export function writeAnswer(
  res: ServerResponse,
  status: number,
  headers: Record<string, string>,
  bytes: Buffer,
  truncate: boolean,
): void {
  res.writeHead(status, headers);
  if (!truncate) {
    res.end(bytes);
    return;
  }
  res.flushHeaders();
  res.write(bytes.subarray(0, Math.floor(bytes.length / 2)), () => res.destroy());
}

/**
 * Serves `handle` on 127.0.0.1 (`port` 0: any free one). When the handler throws, `crashed`
 * answers while the headers are still unsent, so the test that hit the bug sees its cause;
 * after that the connection is dropped.
 */
export async function listenLoopback(
  handle: (req: IncomingMessage, res: ServerResponse) => Promise<void>,
  crashed: (res: ServerResponse, error: unknown) => void,
  port: number,
): Promise<RunningServer> {
  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (res.headersSent) res.destroy();
      else crashed(res, error);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
