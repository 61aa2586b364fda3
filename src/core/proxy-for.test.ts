import { describe, expect, it } from "vitest";
import { bypassesProxy, proxyFor, readProxySettings } from "./proxy-for.ts";

/** The proxy `env` gives a request to `url`. */
const via = (url: URL, env: NodeJS.ProcessEnv) => proxyFor(url, readProxySettings(env));

const api = new URL("https://api.github.com/repos/acme/api");
const plain = new URL("http://gitea.corp:3000/api/v1");

describe("readProxySettings and proxyFor", () => {
  it("takes https_proxy for https:// URLs and http_proxy for http:// ones", () => {
    const env = { https_proxy: "http://secure:3128", http_proxy: "http://plain:3128" };
    expect(via(api, env)?.href).toBe("http://secure:3128/");
    expect(via(plain, env)?.href).toBe("http://plain:3128/");
    expect(via(plain, { https_proxy: "http://secure:3128" })).toBeUndefined();
  });

  it("prefers the lower-case variable and falls back to the upper-case one", () => {
    expect(via(api, { https_proxy: "http://lower:1", HTTPS_PROXY: "http://upper:2" })?.host).toBe(
      "lower:1",
    );
    expect(via(api, { https_proxy: "", HTTPS_PROXY: "http://upper:2" })?.host).toBe("upper:2");
    expect(via(plain, { HTTP_PROXY: "http://upper:2" })?.host).toBe("upper:2");
    expect(via(api, {})).toBeUndefined();
  });

  it("reads a proxy without a scheme as http:// and keeps its credentials", () => {
    const proxy = via(api, { https_proxy: "user:p%40ss@proxy.corp:3128" });
    expect([proxy?.protocol, proxy?.host, proxy?.username, proxy?.password]).toEqual([
      "http:",
      "proxy.corp:3128",
      "user",
      "p%40ss",
    ]);
  });

  it("names the variable, not its value, when the proxy is unusable", () => {
    expect(() => via(api, { https_proxy: "http://user:secret@[bad" })).toThrow(
      "https_proxy is not a URL; expected http://host:port",
    );
    expect(() => via(api, { HTTPS_PROXY: "socks5://user:secret@proxy:1080" })).toThrow(
      "HTTPS_PROXY uses socks5:; only http:// and https:// proxies are supported",
    );
    expect(() => via(api, { https_proxy: "http://user:secret@[bad" })).not.toThrow(/secret/);
  });

  it("goes direct for a host no_proxy (or NO_PROXY) lists", () => {
    const proxied = { https_proxy: "http://proxy:3128" };
    expect(via(api, { ...proxied, no_proxy: "github.com" })).toBeUndefined();
    expect(via(api, { ...proxied, NO_PROXY: "github.com" })).toBeUndefined();
    expect(via(api, { ...proxied, no_proxy: "ghe.corp" })?.host).toBe("proxy:3128");
  });
});

describe("bypassesProxy", () => {
  const url = (u: string) => new URL(u);
  it.each([
    ["*", "https://api.github.com", true],
    ["api.github.com", "https://api.github.com", true],
    ["API.GitHub.com", "https://api.github.com", true],
    ["github.com", "https://api.github.com", true],
    ["hub.com", "https://api.github.com", false],
    [".github.com", "https://api.github.com", true],
    [".github.com", "https://github.com", false],
    ["*.github.com", "https://api.github.com", true],
    ["github.com:443", "https://api.github.com", true],
    ["github.com:8443", "https://api.github.com", false],
    ["gitea.corp:3000", "http://gitea.corp:3000", true],
    ["gitea.corp:80", "http://gitea.corp", true],
    ["127.0.0.1", "http://127.0.0.1:8787", true],
    ["localhost", "http://127.0.0.1:8787", false],
    ["::1", "http://[::1]:8787", true],
    ["[::1]:8787", "http://[::1]:8787", true],
    ["ghe.corp, 10.0.0.1\n  .github.com", "https://api.github.com", true],
    ["", "https://api.github.com", false],
  ])("no_proxy %j for %s: %s", (noProxy, target, bypass) => {
    expect(bypassesProxy(url(target), noProxy)).toBe(bypass);
  });
});
