import { RelayError } from "../core/relay-error.ts";

/**
 * Maps whatever reached an error hook to a RelayError: our own errors as they are, Elysia's parse and validation
 * errors to 400s, routing misses to 404s, aborted requests to 499, anything else to a 500 without internals.
 */
export function toRelayError(code: string | number, error: unknown, requestId: string): RelayError {
  if (error instanceof RelayError) return error;
  if (code === "NOT_FOUND") return new RelayError("not_found", "Not found: no such route", { code: "not_found" });
  if (code === "PARSE") return new RelayError("invalid_request", "The request body is not valid JSON", { code: "invalid_json" });
  if (code === "VALIDATION") return new RelayError("invalid_request", "Invalid request", { code: "invalid_request_body" });
  if ((error as Error)?.name === "AbortError") return new RelayError("invalid_request", "The client closed the request", { status: 499 });
  return new RelayError("internal", `Internal error in copilot-relay (request id ${requestId}); the log has the details`, { code: "internal_error", cause: error });
}
