/** `localhost`, `foo.localhost`, 127.0.0.0/8 and ::1 (with or without brackets): names that only reach this machine. */
export function isLoopbackName(host: string): boolean {
  const name = host.toLowerCase().replace(/^\[|\]$/g, "");
  return name === "localhost" || name.endsWith(".localhost") || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name) || name === "::1" || name === "::ffff:127.0.0.1";
}

/** The host part of a Host header or URL authority: `[::1]:4141` → `[::1]`, `localhost:4141` → `localhost`. */
export function hostName(authority: string): string {
  const value = authority.trim().toLowerCase();
  if (value.startsWith("[")) return value.slice(0, value.indexOf("]") + 1);
  const colon = value.indexOf(":");
  return colon === -1 ? value : value.slice(0, colon);
}
