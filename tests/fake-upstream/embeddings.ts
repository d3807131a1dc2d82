import { checkModel } from "./model-check";
import { approxTokens, copilotError, isRecord, json } from "./http";
import type { FakeState } from "./state";
import type { RecordedRequest } from "./types";

const DIMENSIONS = 8;

/** FNV-1a hash of a string. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** Deterministic unit-length vector for an input string. */
export function fakeEmbedding(input: string): number[] {
  let seed = hash(input) || 1;
  const raw: number[] = [];
  for (let i = 0; i < DIMENSIONS; i++) {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    raw.push(seed / 0xffffffff - 0.5);
  }
  const norm = Math.hypot(...raw) || 1;
  return raw.map((v) => Math.round((v / norm) * 1e6) / 1e6);
}

function inputs(input: unknown): string[] | undefined {
  if (typeof input === "string") return [input];
  if (!Array.isArray(input) || input.length === 0) return undefined;
  return input.map((v) => (typeof v === "string" ? v : JSON.stringify(v)));
}

/** POST /copilot/embeddings */
export function handleEmbeddings(state: FakeState, rec: RecordedRequest): Response {
  const body = rec.json;
  const list = isRecord(body) ? inputs(body.input) : undefined;
  if (!isRecord(body) || list === undefined) {
    return copilotError(400, "invalid request body: input is required", "invalid_request_body");
  }
  const checked = checkModel(state, body.model, "/embeddings");
  if ("error" in checked) return checked.error;
  const tokens = list.reduce((sum, s) => sum + approxTokens(s), 0);
  return json({
    object: "list",
    data: list.map((s, index) => ({ object: "embedding", index, embedding: fakeEmbedding(s) })),
    model: checked.model.id,
    usage: { prompt_tokens: tokens, total_tokens: tokens },
  });
}
