import type { Config } from "./config/schema.ts";

/**
 * How every listener of the relay is opened. `reusePort: false`: Elysia defaults to true, which lets a second relay
 * silently share the port. `maxRequestBodySize`: Bun refuses larger bodies itself (the request guard answers a
 * declared content-length above the limit with a dialect-shaped 413 before this applies).
 */
export function serveOptions(config: Config, port: number) {
  return {
    port,
    hostname: config.host,
    reusePort: false,
    idleTimeout: 255,
    maxRequestBodySize: config.maxBodySize * 1024 * 1024,
  } as const;
}
