type Env = Record<string, string | undefined>;

function bypassed(url: URL, noProxy: string): boolean {
  const host = url.hostname.toLowerCase();
  return noProxy
    .split(/[\s,]+/)
    .filter(Boolean)
    .some((entry) => {
      if (entry === "*") return true;
      const [pattern = "", port] = entry.toLowerCase().split(":");
      if (port && port !== url.port) return false;
      const bare = pattern.replace(/^\*?\./, "");
      return host === bare || host.endsWith(`.${bare}`);
    });
}

/**
 * The proxy an upstream URL should go through under --proxy-env: HTTPS_PROXY for https, HTTP_PROXY for http,
 * either spelling case, with NO_PROXY host and domain-suffix exclusions.
 */
export function proxyFor(target: string, env: Env): string | undefined {
  const url = new URL(target);
  const proxy =
    url.protocol === "https:"
      ? (env.HTTPS_PROXY ?? env.https_proxy ?? env.HTTP_PROXY ?? env.http_proxy)
      : (env.HTTP_PROXY ?? env.http_proxy);
  if (!proxy) return undefined;
  if (bypassed(url, env.NO_PROXY ?? env.no_proxy ?? "")) return undefined;
  return proxy;
}
