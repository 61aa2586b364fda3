import type { View } from "./resolve-field.ts";
import { webLocation } from "./web.ts";

/**
 * A user or, for a `name[bot]` login, an app's bot. GraphQL names a bot without the `[bot]`
 * suffix that REST shows.
 */
export function actorView(login: string): View {
  const bot = /\[bot\]$/.exec(login);
  if (bot) {
    const name = login.slice(0, bot.index);
    return { __typename: "Bot", login: name, ...webLocation(`/apps/${name}`) };
  }
  return { __typename: "User", login, ...webLocation(`/${login}`) };
}
