/**
 * The proxy a request to `url` goes through, chosen from the environment the way
 * `@actions/http-client` (and so every toolkit-based action on the same runner) chooses it:
 * `https_proxy`/`HTTPS_PROXY` for https:// URLs, `http_proxy`/`HTTP_PROXY` for http:// ones,
 * lower case first; none when `no_proxy`/`NO_PROXY` lists the host. A proxy given without a
 * scheme is taken as http://. Returns undefined when the request goes direct.
 *
 * Unlike `@actions/http-client`, loopback addresses are not exempted implicitly: they are
 * proxied unless `no_proxy` lists them, as curl and undici's `EnvHttpProxyAgent` do, so one
 * rule explains every request.
 */
export function proxyFor(url: URL, env: NodeJS.ProcessEnv): URL | undefined {
  const https = url.protocol === "https:";
  const name = https ? "https_proxy" : "http_proxy";
  const upper = name.toUpperCase();
  const [variable, value] = env[name] ? [name, env[name]] : [upper, env[upper]];
  if (!value || bypassesProxy(url, env.no_proxy || env.NO_PROXY || "")) return undefined;
  return parseProxy(variable, value);
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

function parseProxy(variable: string, value: string): URL {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`;
  // The value may hold credentials: the error names the variable, never the value.
  if (!URL.canParse(withScheme))
    throw new TypeError(`${variable} is not a URL; expected http://host:port`);
  const proxy = new URL(withScheme);
  if (proxy.protocol !== "http:" && proxy.protocol !== "https:")
    throw new TypeError(
      `${variable} uses ${proxy.protocol}; only http:// and https:// proxies are supported`,
    );
  return proxy;
}
