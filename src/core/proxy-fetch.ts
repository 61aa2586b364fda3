import { fetch as undiciFetch, ProxyAgent, type RequestInit as UndiciRequestInit } from "undici";
import { proxyFor, readProxySettings } from "./proxy-for.ts";

/** The part of `fetch` fleet uses: a URL and options, no `Request` objects. */
export type Fetch = (url: string | URL, init?: RequestInit) => Promise<Response>;

// One agent per proxy, so every client in the process shares its pooled connections.
const agents = new Map<string, ProxyAgent>();

function agentFor(proxy: URL): ProxyAgent {
  let agent = agents.get(proxy.href);
  if (!agent) {
    // undici's default: every request, http:// ones included, goes through a CONNECT tunnel,
    // as `@actions/http-client` sends them; credentials in the URL become Proxy-Authorization.
    agent = new ProxyAgent({ uri: proxy.href });
    agents.set(proxy.href, agent);
  }
  return agent;
}

/**
 * The fetch every fleet HTTP request is made with (Octokit's and any other client's): it
 * honours `https_proxy`, `http_proxy` and `no_proxy` from `env` (see `proxyFor`). Node's own
 * fetch ignores those variables and exposes no proxy agent, so a proxied request goes through
 * the undici package's fetch with a `ProxyAgent`; a direct one through Node's fetch unchanged.
 * Throws at once, naming the variable, when a proxy variable is not an http(s) URL.
 */
export function proxyAwareFetch(env: NodeJS.ProcessEnv = process.env): Fetch {
  const settings = readProxySettings(env);
  return (url, init) => {
    const proxy = proxyFor(new URL(url), settings);
    if (proxy === undefined) return globalThis.fetch(url, init);
    // Node's fetch is undici too, but its own copy: the types differ in name only.
    return undiciFetch(url, {
      ...(init as UndiciRequestInit),
      dispatcher: agentFor(proxy),
    }) as unknown as Promise<Response>;
  };
}
