import type { TSchema } from "@sinclair/typebox";
import { TypeCompiler } from "@sinclair/typebox/compiler";
import { RelayError } from "./relay-error.ts";

/** `/messages/0/role` → `messages[0].role`, the way OpenAI names params. */
export function pointerToParam(pointer: string): string {
  return pointer
    .split("/")
    .filter(Boolean)
    .reduce((path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : path ? `${path}.${part}` : part), "");
}

export interface BodyValidator<T> {
  (value: unknown): T;
}

/** A compiled TypeBox check that throws an invalid_request RelayError naming the first offending field. */
export function createValidator<T>(schema: TSchema): BodyValidator<T> {
  // Compiled on first use: start-up (and idle memory) should not pay for dialects no client has called yet.
  let check: ReturnType<typeof TypeCompiler.Compile> | undefined;
  return (value) => {
    check ??= TypeCompiler.Compile(schema);
    if (check.Check(value)) return value as T;
    const first = check.Errors(value).First();
    const param = first ? pointerToParam(first.path) : undefined;
    const message = first
      ? `Invalid request: ${param || "body"} ${first.value === undefined ? "is required" : first.message.toLowerCase()}`
      : "Invalid request body";
    throw new RelayError("invalid_request", message, { param: param || undefined, code: "invalid_request_body" });
  };
}

/** The one JSON parse on the request path; malformed JSON is a 400, not a 500. */
export function parseJsonBody(text: string): unknown {
  if (text.trim() === "") throw new RelayError("invalid_request", "The request body is empty; expected a JSON object", { code: "invalid_json" });
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new RelayError("invalid_request", `The request body is not valid JSON: ${(error as Error).message}`, { code: "invalid_json" });
  }
}
