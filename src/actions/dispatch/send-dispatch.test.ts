import { describe, expect, it } from "vitest";
import { createClient } from "../../core/client.ts";
import { closedPort } from "../../core/closed-port.fixture.ts";
import { memoryLogger } from "../../core/logger.ts";
import { sendDispatch } from "./send-dispatch.ts";

describe("sendDispatch to a server it cannot reach", () => {
  it("says the dispatch was not sent when the connection is refused", async () => {
    const baseUrl = `http://127.0.0.1:${await closedPort()}`;
    const client = createClient({ token: "t0ken", baseUrl, log: memoryLogger(), env: {} });
    const outcome = await sendDispatch(
      client,
      {
        route: "POST /repos/{owner}/{repo}/dispatches",
        params: { owner: "acme", repo: "app" },
        body: { event_type: "deploy" },
        display: "POST /repos/acme/app/dispatches",
      },
      {
        forge: "github",
        mode: "repository",
        repository: "acme/app",
        repoExistsNow: async () => true,
      },
    );
    expect(outcome.sent).toBe(false);
    const error = outcome.sent ? "" : "error" in outcome.verdict ? outcome.verdict.error : "";
    expect(error).toMatch(/could not reach .*ECONNREFUSED.*; the dispatch was not sent$/);
    expect(error).not.toMatch(/may or may not/);
  });
});
