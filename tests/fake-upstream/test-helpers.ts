/** Plain-fetch helpers for fake-upstream.test.ts. */
import type { FakeUpstream } from "./types";

export const GH = "gho_fake_user_token";
export const DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";

// Test-only loose JSON type.
export type Json = any;

export async function getJson(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: Json }> {
  const res = await fetch(url, { headers });
  return { status: res.status, body: (await res.json()) as Json };
}

export async function postJson(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: Json; res: Response }> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json", ...headers },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: Json = text;
  try {
    parsed = JSON.parse(text) as Json;
  } catch {
    // plain-text body
  }
  return { status: res.status, body: parsed, res };
}

export async function copilotToken(up: FakeUpstream): Promise<string> {
  const { body } = await getJson(`${up.url}/copilot_internal/v2/token`, { authorization: `token ${GH}` });
  return body.token as string;
}

export function bearer(token: string, extra: Record<string, string> = {}): Record<string, string> {
  return { authorization: `Bearer ${token}`, ...extra };
}

export function chatRequest(up: FakeUpstream, token: string, body: unknown, extra: Record<string, string> = {}) {
  return fetch(`${up.copilotUrl}/chat/completions`, {
    method: "POST",
    headers: { "content-type": "application/json", ...bearer(token, extra) },
    body: JSON.stringify(body),
  });
}

export function userMsg(content: unknown): { role: string; content: unknown } {
  return { role: "user", content };
}

/** Every network chunk of a response body, as delivered by the reader. */
export async function rawChunks(res: Response): Promise<Uint8Array[]> {
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const out: Uint8Array[] = [];
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return out;
    out.push(value);
  }
}

/** Decodes chunks with one stateful decoder, as a correct SSE client must. */
export function decodeAll(chunks: Uint8Array[]): string {
  const decoder = new TextDecoder();
  return chunks.map((c) => decoder.decode(c, { stream: true })).join("") + decoder.decode();
}

/** True when the chunk ends part-way through a multi-byte UTF-8 character. */
export function endsMidCharacter(chunk: Uint8Array): boolean {
  for (let back = 1; back <= Math.min(4, chunk.length); back++) {
    const b = chunk[chunk.length - back] ?? 0;
    if ((b & 0xc0) === 0x80) continue; // continuation byte: keep looking for the lead byte
    const needed = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return needed > back;
  }
  return false;
}

/** `data:` payloads of an SSE text. */
export function sseData(text: string): string[] {
  return text
    .split("\n\n")
    .filter((f) => f.startsWith("data: "))
    .map((f) => f.slice("data: ".length));
}

export function sseChunks(text: string): Json[] {
  return sseData(text)
    .filter((d) => d !== "[DONE]")
    .map((d) => JSON.parse(d) as Json);
}

export async function waitFor(cond: () => boolean, ms = 2000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond() && Date.now() < end) await Bun.sleep(10);
}

export const SHELL_TOOL = {
  type: "function",
  function: {
    name: "shell",
    description: "Run a command",
    parameters: { type: "object", properties: { command: { type: "string" } }, required: ["command"] },
  },
};

export function messagesRequest(up: FakeUpstream, token: string, body: unknown, extra: Record<string, string> = {}) {
  return fetch(`${up.copilotUrl}/v1/messages`, {
    method: "POST",
    headers: { "content-type": "application/json", "anthropic-version": "2023-06-01", ...bearer(token, extra) },
    body: JSON.stringify(body),
  });
}

/** Frames of an Anthropic SSE text: `event:` name (undefined for data-only frames) and the raw `data:`. */
export function sseFrames(text: string): { event: string | undefined; data: string }[] {
  return text
    .split("\n\n")
    .filter((f) => f !== "")
    .map((f) => {
      const lines = f.split("\n");
      const event = lines.find((l) => l.startsWith("event: "))?.slice("event: ".length);
      const data = lines.filter((l) => l.startsWith("data: ")).map((l) => l.slice("data: ".length)).join("\n");
      return { event, data };
    });
}

export const BASH_TOOL = {
  name: "Bash",
  description: "Run a shell command",
  input_schema: {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    type: "object",
    properties: { command: { type: "string" }, description: { type: "string" } },
    required: ["command"],
  },
};

export function responsesRequest(up: FakeUpstream, token: string, body: unknown, extra: Record<string, string> = {}) {
  return fetch(`${up.copilotUrl}/responses`, {
    method: "POST",
    headers: { "content-type": "application/json", ...bearer(token, extra) },
    body: JSON.stringify(body),
  });
}

/** Reads a body to its end; `failed` is true when the connection broke instead of closing. */
export async function readUntilEnd(res: Response): Promise<{ text: string; failed: boolean }> {
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let text = "";
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return { text: text + decoder.decode(), failed: false };
      text += decoder.decode(value, { stream: true });
    }
  } catch {
    return { text, failed: true };
  }
}
