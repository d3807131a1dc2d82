import type { Config } from "./config/schema.ts";

/**
 * How every listener of the relay is opened. `reusePort: false`: Elysia defaults to true, which lets a second relay
 * silently share the port. `maxRequestBodySize`: a backstop at twice --max-body-size, where Bun answers a bare 413;
 * below it, a declared length above the limit gets the request guard's 413 and an undeclared one (chunked) the body
 * reader's, both in the caller's dialect.
 */
export function serveOptions(config: Config, port: number) {
  return {
    port,
    hostname: config.host,
    reusePort: false,
    idleTimeout: 255,
    maxRequestBodySize: config.maxBodySize * 2 * 1024 * 1024,
  } as const;
}
