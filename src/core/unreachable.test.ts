import { once } from "node:events";
import { createServer, type AddressInfo, type Server } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { closedPort } from "./closed-port.fixture.ts";
import { createClient } from "./client.ts";
import { classifyError } from "./errors.ts";
import { memoryLogger } from "./logger.ts";
import { networkFailure, type NetworkFailure } from "./unreachable.ts";

let server: Server | undefined;
afterEach(async () => {
  if (server?.listening) {
    server.close();
    await once(server, "close");
  }
  server = undefined;
});

/** Reads one repository through a fresh client; the error as an action would report it. */
async function failure(baseUrl: string, retryUnitMs: number) {
  const log = memoryLogger();
  const client = createClient({
    token: "t0ken",
    baseUrl,
    log,
    timings: { retryBackoffUnitMs: retryUnitMs },
    env: {},
  });
  const started = Date.now();
  const error = await client
    .request("GET /repos/{owner}/{repo}", { owner: "acme", repo: "api" })
    .then(
      () => undefined,
      (e: unknown) => classifyError(e, { doing: "reading acme/api" }),
    );
  return { error, log, ms: Date.now() - started };
}

describe("a request that reaches no server", () => {
  it("says it could not reach the URL and names the input, at once when the connection is refused", async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    // GitHub's backoff (1 s, 4 s, 9 s): a retried failure would take 14 s.
    const { error, log, ms } = await failure(url, 1000);
    expect(error?.kind).toBe("network");
    expect(error?.message).toMatch(
      new RegExp(
        `^reading acme/api: could not reach ${url}: connect ECONNREFUSED 127\\.0\\.0\\.1:\\d+; check the api-url input \\(--api-url on the command line\\) and that the server is up$`,
      ),
    );
    expect(ms).toBeLessThan(900);
    expect(log.lines).toEqual([]);
  });

  it("says so for a name that does not resolve", async () => {
    const { error } = await failure("http://fleet-test.invalid", 1);
    expect(error?.kind).toBe("network");
    expect(error?.message).toMatch(
      /^reading acme\/api: could not reach http:\/\/fleet-test\.invalid: getaddrinfo E\w+ fleet-test\.invalid; check the api-url input/,
    );
  });

  it("retries a dropped connection after saying once what it retries", async () => {
    let connections = 0;
    server = createServer((socket) => {
      connections++;
      socket.destroy();
    }).listen(0, "127.0.0.1");
    await once(server, "listening");
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const { error, log } = await failure(url, 5);
    expect(connections).toBe(4);
    expect(error?.kind).toBe("network");
    expect(error?.message).toContain(`reading acme/api: could not reach ${url}: `);
    expect(error?.message).not.toContain("answered");
    expect(log.lines).toHaveLength(1);
    expect(log.lines[0]).toEqual({
      level: "warning",
      message: expect.stringMatching(
        new RegExp(`^could not reach ${url}: .+; retrying up to 3 times over about 1 s$`),
      ) as unknown,
    });
  });
});

describe("networkFailure", () => {
  /** What Octokit throws when fetch failed: a 500 without a response, around fetch's TypeError. */
  const octokitError = (cause: unknown) =>
    Object.assign(new Error("x"), {
      status: 500,
      cause: new TypeError("fetch failed", { cause }),
    });
  const coded = (code: string, message: string) => Object.assign(new Error(message), { code });

  it.each<[string, unknown, NetworkFailure | undefined]>([
    [
      "an untrusted certificate, at once",
      octokitError(coded("DEPTH_ZERO_SELF_SIGNED_CERT", "self-signed certificate")),
      {
        cause: "self-signed certificate (DEPTH_ZERO_SELF_SIGNED_CERT)",
        transient: false,
        neverSent: true,
      },
    ],
    [
      "a connect timeout, retried",
      octokitError(coded("UND_ERR_CONNECT_TIMEOUT", "Connect Timeout Error")),
      {
        cause: "Connect Timeout Error (UND_ERR_CONNECT_TIMEOUT)",
        transient: true,
        neverSent: true,
      },
    ],
    [
      "a port fetch refuses, at once",
      octokitError(new Error("bad port")),
      { cause: "bad port", transient: false, neverSent: true },
    ],
    [
      "a refused connection, never sent",
      octokitError(coded("ECONNREFUSED", "connect ECONNREFUSED 127.0.0.1:9")),
      { cause: "connect ECONNREFUSED 127.0.0.1:9", transient: false, neverSent: true },
    ],
    [
      "a connection reset, perhaps after sending",
      octokitError(coded("ECONNRESET", "read ECONNRESET")),
      { cause: "read ECONNRESET", transient: true, neverSent: false },
    ],
    [
      "an answer, which is not one",
      Object.assign(new Error("x"), { status: 502, response: {} }),
      undefined,
    ],
    ["a request refused before sending", new Error("refused to send a request to ..."), undefined],
  ])("reads %s", (_, error, expected) => {
    expect(networkFailure(error)).toEqual(expected);
  });
});
