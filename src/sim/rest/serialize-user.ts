import { createHash } from "node:crypto";
import type { components } from "@octokit/openapi-types";
import { nodeId } from "../state.ts";

type SimpleUser = components["schemas"]["simple-user"];

const ids = new Map<string, number>();

/** A stable numeric id for a login (users are not stored; they exist by being named). */
export function userId(login: string): number {
  const key = login.toLowerCase();
  let id = ids.get(key);
  if (id === undefined) {
    // Memoized: listings name the same few logins thousands of times.
    id = parseInt(createHash("sha1").update(key).digest("hex").slice(0, 8), 16);
    ids.set(key, id);
  }
  return id;
}

/** The web page of an account: an App's bot (`name[bot]`) links to the App, `/apps/name`. */
function htmlUrl(login: string): string {
  const bot = /\[bot\]$/.exec(login);
  return bot
    ? `https://github.com/apps/${login.slice(0, bot.index)}`
    : `https://github.com/${login}`;
}

/**
 * A user (or organisation, or app bot) in GitHub's `simple-user` shape. The login is
 * URL-encoded in API links, as GitHub does (`/users/fleet-bot%5Bbot%5D`).
 */
export function simpleUser(api: string, login: string, type?: "Organization"): SimpleUser {
  const id = userId(login);
  const url = `${api}/users/${encodeURIComponent(login)}`;
  return {
    login,
    id,
    node_id: nodeId(type === "Organization" ? "O" : "U", id),
    avatar_url: `https://avatars.githubusercontent.com/u/${id}?v=4`,
    gravatar_id: "",
    url,
    html_url: htmlUrl(login),
    followers_url: `${url}/followers`,
    following_url: `${url}/following{/other_user}`,
    gists_url: `${url}/gists{/gist_id}`,
    starred_url: `${url}/starred{/owner}{/repo}`,
    subscriptions_url: `${url}/subscriptions`,
    organizations_url: `${url}/orgs`,
    repos_url: `${url}/repos`,
    events_url: `${url}/events{/privacy}`,
    received_events_url: `${url}/received_events`,
    type: type ?? (login.endsWith("[bot]") ? "Bot" : "User"),
    user_view_type: "public",
    site_admin: false,
  };
}
