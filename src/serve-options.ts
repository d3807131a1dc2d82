import type { Config } from "./config/schema.ts";

/**
 * How every listener of the relay is opened. `reusePort: false`: Elysia defaults to true, which lets a second relay
 * silently share the port. `maxRequestBodySize`: a backstop a little above --max-body-size, for bodies sent without a
 * content-length; Bun answers those with a bare 413. A declared length above the limit reaches the request guard,
 * which answers with a 413 in the caller's dialect.
 */
export function serveOptions(config: Config, port: number) {
  return {
    port,
    hostname: config.host,
    reusePort: false,
    idleTimeout: 255,
    maxRequestBodySize: (config.maxBodySize + 1) * 1024 * 1024,
  } as const;
}
