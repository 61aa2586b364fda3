import { describe, expect, it } from "vitest";
import { simpleUser } from "./serialize-user.ts";

const API = "http://127.0.0.1:1";

describe("simpleUser", () => {
  it("encodes a bot's login in its API links and links the App's page, as GitHub does", () => {
    const bot = simpleUser(API, "fleet-bot[bot]");
    expect(bot).toMatchObject({
      login: "fleet-bot[bot]",
      type: "Bot",
      url: `${API}/users/fleet-bot%5Bbot%5D`,
      html_url: "https://github.com/apps/fleet-bot",
      followers_url: `${API}/users/fleet-bot%5Bbot%5D/followers`,
    });
  });

  it("links a user and an organisation at their login", () => {
    expect(simpleUser(API, "octocat")).toMatchObject({
      type: "User",
      url: `${API}/users/octocat`,
      html_url: "https://github.com/octocat",
    });
    expect(simpleUser(API, "acme", "Organization").html_url).toBe("https://github.com/acme");
  });
});
