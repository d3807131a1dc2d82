import type { RelayError } from "../../core/relay-error.ts";

const typeByKind: Record<RelayError["kind"], string> = {
  invalid_request: "invalid_request_error",
  authentication: "authentication_error",
  permission: "permission_error",
  not_found: "invalid_request_error",
  rate_limit: "rate_limit_error",
  upstream: "api_error",
  unavailable: "api_error",
  overloaded: "api_error",
  internal: "server_error",
};

export interface OpenAIErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null };
}

/** OpenAI's error envelope: `{error: {message, type, param, code}}`. */
export function openAIErrorBody(error: RelayError): OpenAIErrorBody {
  return {
    error: {
      message: error.message,
      type: error.upstreamType ?? typeByKind[error.kind],
      param: error.param ?? null,
      code: error.code ?? null,
    },
  };
}

/** The SSE event that ends a Chat Completions stream after an upstream failure; OpenAI SDKs raise it as an APIError. */
export function openAIStreamErrorEvent(error: RelayError): string {
  return `data: ${JSON.stringify(openAIErrorBody(error))}\n\ndata: [DONE]\n\n`;
}
