import { kindForStatus, RelayError } from "../core/relay-error.ts";

interface ErrorBody {
  error?: { message?: string; code?: string; type?: string; param?: string } | string;
  message?: string;
  code?: string;
}

/**
 * Turns a non-2xx upstream answer (Copilot or another provider) into a RelayError that keeps its status, message and code (PROTOCOL.md §7).
 * Bodies are usually `{"error":{"message","code"}}`, sometimes plain text.
 */
export async function upstreamError(response: Response): Promise<RelayError> {
  const text = await response.text().catch(() => "");
  let message = text.trim();
  let code: string | undefined;
  let param: string | undefined;
  let upstreamType: string | undefined;
  try {
    const body = JSON.parse(text) as ErrorBody;
    if (typeof body.error === "string") message = body.error;
    else if (body.error) {
      message = body.error.message ?? message;
      code = body.error.code;
      param = body.error.param;
      upstreamType = body.error.type;
    } else if (body.message) {
      message = body.message;
      code = body.code;
    }
  } catch {
    // Plain text body: keep it as the message.
  }
  const retryAfterHeader = response.headers.get("retry-after");
  const retryAfter = retryAfterHeader && /^\d+$/.test(retryAfterHeader) ? Number(retryAfterHeader) : undefined;
  return new RelayError(kindForStatus(response.status), message || `The upstream answered HTTP ${response.status}`, {
    status: response.status,
    code,
    param,
    upstreamType,
    retryAfter,
  });
}
