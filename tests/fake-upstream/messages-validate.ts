import { copilotError, isRecord } from "./http";
import { checkModel } from "./model-check";
import { promptTooLong } from "./prompt-limit";
import type { FakeState } from "./state";
import type { FakeModel, RecordedRequest } from "./types";

/** The only `anthropic-beta` values Copilot's /v1/messages accepts. */
export const ACCEPTED_BETAS = [
  "interleaved-thinking-2025-05-14",
  "context-management-2025-06-27",
  "advanced-tool-use-2025-11-20",
];

export const VISION_HEADER_MESSAGE = "missing required Copilot-Vision-Request header for vision requests";

export interface ValidMessages {
  body: Record<string, unknown>;
  messages: unknown[];
  model: FakeModel;
}

function invalid(message: string): { error: Response } {
  return { error: copilotError(400, message, "invalid_request_body") };
}

function unsupportedBetas(header: string | undefined): string[] {
  if (header === undefined) return [];
  return header
    .split(",")
    .map((b) => b.trim())
    .filter((b) => b !== "" && !ACCEPTED_BETAS.includes(b));
}

/** First problem with `tools`: server tools (any `type` but "custom") and `strict`. */
function toolProblem(tools: unknown): string | undefined {
  if (tools === undefined) return undefined;
  if (!Array.isArray(tools)) return "tools must be an array";
  for (const [i, t] of tools.entries()) {
    if (!isRecord(t)) return `tools.${i}: must be an object`;
    if (t.type !== undefined && t.type !== "custom") return `tools.${i}: tool type "${String(t.type)}" is not supported`;
    if ("strict" in t) return `tools.${i}.strict: Extra inputs are not permitted`;
  }
  return undefined;
}

interface Found {
  cacheField?: string;
  image: boolean;
}

/** Finds `cache_control` with `scope`/`ttl` and (when `images`) image blocks, at any depth. */
function scan(value: unknown, found: Found, images: boolean): void {
  if (Array.isArray(value)) {
    for (const v of value) scan(v, found, images);
    return;
  }
  if (!isRecord(value)) return;
  if (images && value.type === "image") found.image = true;
  const cc = value.cache_control;
  if (isRecord(cc) && found.cacheField === undefined) {
    if ("scope" in cc) found.cacheField = "scope";
    else if ("ttl" in cc) found.cacheField = "ttl";
  }
  for (const v of Object.values(value)) scan(v, found, images);
}

/** Validates a /v1/messages request like Copilot does; returns the parts or the error response. */
export function validateMessages(state: FakeState, rec: RecordedRequest): ValidMessages | { error: Response } {
  const body = rec.json;
  if (!isRecord(body) || !Array.isArray(body.messages)) return invalid("invalid request body: messages is required");
  const checked = checkModel(state, body.model, "/v1/messages");
  if ("error" in checked) return checked;

  const betas = unsupportedBetas(rec.headers["anthropic-beta"]);
  if (betas.length > 0) return invalid(`unsupported beta header(s): ${betas.join(", ")}`);
  const toolError = toolProblem(body.tools);
  if (toolError !== undefined) return invalid(toolError);

  const found: Found = { image: false };
  scan([body.system, body.tools], found, false);
  scan(body.messages, found, true);
  if (found.cacheField !== undefined) {
    return invalid(`cache_control.${found.cacheField}: Extra inputs are not permitted`);
  }
  if (found.image && rec.headers["copilot-vision-request"] !== "true") return invalid(VISION_HEADER_MESSAGE);

  const tooLong = promptTooLong(body.messages);
  if (tooLong !== undefined) return { error: tooLong };
  return { body, messages: body.messages, model: checked.model };
}
