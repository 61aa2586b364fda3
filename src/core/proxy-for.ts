/** The proxy variables of an environment, read and checked once. */
export interface ProxySettings {
  /** From `https_proxy` / `HTTPS_PROXY`: the proxy for https:// URLs. */
  https?: URL;
  /** From `http_proxy` / `HTTP_PROXY`: the proxy for http:// URLs. */
  http?: URL;
  /** From `no_proxy` / `NO_PROXY`: the hosts that go direct. */
  noProxy: string;
}

/**
 * Reads the proxy variables the way `@actions/http-client` (and so every toolkit-based action
 * on the same runner) reads them: lower case first, then upper case; a proxy given without a
 * scheme is http://. A value that is not an http(s) URL is an error naming the variable, so a
 * misconfigured runner fails loud instead of silently going direct.
 */
export function readProxySettings(env: NodeJS.ProcessEnv): ProxySettings {
  return {
    https: proxyVariable(env, "https_proxy"),
    http: proxyVariable(env, "http_proxy"),
    noProxy: env.no_proxy || env.NO_PROXY || "",
  };
}

/**
 * The proxy a request to `url` goes through, or undefined when it goes direct: `https` for
 * https:// URLs, `http` for http:// ones, none for a host `noProxy` lists. Unlike
 * `@actions/http-client`, loopback is not exempted implicitly (curl and undici's
 * `EnvHttpProxyAgent` do not either), so one rule, `no_proxy`, explains every request.
 */
export function proxyFor(url: URL, settings: ProxySettings): URL | undefined {
  const proxy = url.protocol === "https:" ? settings.https : settings.http;
  return proxy && !bypassesProxy(url, settings.noProxy) ? proxy : undefined;
}

/**
 * Whether `noProxy` (comma- or space-separated, case-insensitive) exempts `url`'s host: `*`
 * exempts every host; `example.com` exempts it and its subdomains; `.example.com` and
 * `*.example.com` only its subdomains; `host:port` only that port (default ports count).
 */
export function bypassesProxy(url: URL, noProxy: string): boolean {
  const host = unbracket(url.hostname.toLowerCase());
  const port = url.port || (url.protocol === "https:" ? "443" : "80");
  return noProxy
    .split(/[\s,]+/)
    .filter(Boolean)
    .some((raw) => {
      const entry = raw.toLowerCase();
      if (entry === "*") return true;
      // "host:port" or "[v6]:port"; a bare IPv6 literal ("::1") is a host without a port.
      const at = entry.match(/^(\[[^\]]+\]|[^:]*):(\d+)$/);
      if (at && at[2] !== port) return false;
      const suffix = unbracket(at ? at[1]! : entry).replace(/^\*/, "");
      if (suffix.startsWith(".")) return host.endsWith(suffix);
      return host === suffix || host.endsWith(`.${suffix}`);
    });
}

const unbracket = (host: string) => host.replace(/^\[(.*)\]$/, "$1");

function proxyVariable(env: NodeJS.ProcessEnv, lower: string): URL | undefined {
  const upper = lower.toUpperCase();
  const [name, value] = env[lower] ? [lower, env[lower]] : [upper, env[upper]];
  if (!value) return undefined;
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`;
  // The value may hold credentials: the error names the variable, never the value.
  if (!URL.canParse(withScheme))
    throw new TypeError(`${name} is not a URL; expected http://host:port`);
  const proxy = new URL(withScheme);
  if (proxy.protocol !== "http:" && proxy.protocol !== "https:")
    throw new TypeError(
      `${name} uses ${proxy.protocol}; only http:// and https:// proxies are supported`,
    );
  return proxy;
}
