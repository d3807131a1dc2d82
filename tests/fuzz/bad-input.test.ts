/**
 * Bad input, everywhere (issue 8, item 10): a seeded generator posts a few thousand malformed bodies to every POST
 * route through real HTTP. Each must get a 4xx in its route's dialect — 400 for a bad body, 404 for an unknown model
 * (count_tokens included), 413 above the body limit — as JSON, without a stack trace, and the relay keeps serving.
 * Mismatches are collected per route and reported grouped by case category, one example each.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { type RelayHarness, startRelay } from "../support/relay-harness.ts";

type Dialect = "openai" | "anthropic" | "ollama";
type Json = Record<string, unknown>;
/** JSON value kinds a declared field accepts; "number" includes integers. */
type Kind = "string" | "integer" | "number" | "boolean" | "null" | "array" | "object";

interface Field {
  /** Dot path into the valid body, e.g. "messages.0.role". */
  path: string;
  accepts: Kind[];
  /** Values of an accepted kind that the schema still refuses (empty model, max_tokens 0, a part without type…). */
  invalid?: unknown[];
}

interface RouteSpec {
  path: string;
  dialect: Dialect;
  valid: (model: string) => Json;
  model: string;
  /** Top-level fields whose absence is an error (Ollama reads a chat without messages as a model load). */
  required: string[];
  fields: Field[];
}

interface FuzzCase {
  category: string;
  label: string;
  body: Uint8Array;
  /** Content type to send; null sends none. Default application/json. */
  contentType?: string | null;
  /** Send the body as a chunked stream, without a content-length. */
  chunked?: boolean;
  /** Acceptable statuses. */
  expect: number[];
}

const SEED = 0x5eed_0008;
const CONCURRENCY = 16;
const CHECK_EVERY = 500;
/** The relay's body limit for this test, in MiB, so 413 cases stay cheap. */
const LIMIT_MIB = 2;
const MIB = 1024 * 1024;
const BAD = [400];
const UNKNOWN = [404];
const encoder = new TextEncoder();

/** Mulberry32: a small deterministic PRNG; the same seed gives the same cases on every run. */
function createRng(seed: number) {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (below: number): number => Math.floor(next() * below);
  return { next, int, pick: <T>(items: readonly T[]): T => items[int(items.length)] as T };
}
type Rng = ReturnType<typeof createRng>;

const f = (path: string, accepts: string, invalid?: unknown[]): Field => ({ path, accepts: accepts.split(" ") as Kind[], invalid });

const chatFields: Field[] = [
  f("model", "string", [""]), f("messages", "array", [[], [1], [null]]), f("messages.0", "object", [{}]),
  f("messages.0.role", "string", ["robot", "USER"]), f("messages.0.content", "string array null", [[1], [{}], [{ type: 7 }]]),
  f("stream", "boolean null"), f("max_tokens", "integer null", [0, -5]), f("max_completion_tokens", "integer null", [0]),
  f("tools", "array", [[1], [{}], [{ type: 5 }]]),
];
const anthropicFields = (maxTokens: Field): Field[] => [
  f("model", "string", [""]), maxTokens, f("messages", "array", [[], [1]]), f("messages.0", "object", [{}]),
  f("messages.0.role", "string", ["robot", "tool"]), f("messages.0.content", "string array", [[1], [{}], [{ type: 3 }]]),
  f("system", "string array", [[1], [{ type: "text" }]]), f("stream", "boolean"), f("tools", "array", [[1], [{}], [{ name: 4 }]]),
  f("tool_choice", "object", [{}]), f("thinking", "object", [{}, { type: "enabled", budget_tokens: -1 }]),
  f("metadata", "object", [{ user_id: 5 }]), f("stop_sequences", "array", [[1]]), f("temperature", "number"),
  f("top_p", "number"), f("top_k", "integer"),
];
const ollamaGeneration: Field[] = [
  f("model", "string", [""]), f("format", "object null"), f("options", "object null", [{ temperature: "hot" }, { num_predict: 1.5 }, { stop: 5 }]),
  f("stream", "boolean null"), f("keep_alive", "string number null"), f("think", "boolean null", ["extreme"]),
];

const ROUTES: RouteSpec[] = [
  ...["/v1/chat/completions", "/chat/completions"].map((path): RouteSpec => ({
    path, dialect: "openai", model: "gpt-4.1", required: ["model", "messages"], fields: chatFields,
    valid: (model) => ({ model, messages: [{ role: "user", content: "hi" }] }),
  })),
  ...["/v1/responses", "/responses"].map((path): RouteSpec => ({
    path, dialect: "openai", model: "gpt-5-mini", required: ["model"],
    valid: (model) => ({ model, input: "hi" }),
    fields: [
      f("model", "string", [""]), f("input", "string array", [[1], [{}], [null]]), f("instructions", "string null"),
      f("tools", "array", [[1], [{}]]), f("tool_choice", "string object", [{}]), f("stream", "boolean null"),
      f("max_output_tokens", "integer null", [0]), f("temperature", "number null"), f("top_p", "number null"),
      f("parallel_tool_calls", "boolean null"), f("reasoning", "object null", [{ effort: 1 }]), f("text", "object", [{ format: 1 }, { format: {} }]),
      f("store", "boolean null"), f("previous_response_id", "string null"), f("include", "array null", [[1]]),
      f("user", "string"), f("safety_identifier", "string"), f("metadata", "object null"),
    ],
  })),
  ...["/v1/messages", "/messages"].map((path): RouteSpec => ({
    path, dialect: "anthropic", model: "claude-sonnet-4.5", required: ["model", "max_tokens", "messages"],
    fields: anthropicFields(f("max_tokens", "integer", [0, -1])),
    valid: (model) => ({ model, max_tokens: 100, messages: [{ role: "user", content: "hi" }] }),
  })),
  ...["/v1/messages/count_tokens", "/messages/count_tokens"].map((path): RouteSpec => ({
    path, dialect: "anthropic", model: "claude-sonnet-4.5", required: ["model", "messages"],
    fields: anthropicFields(f("max_tokens", "integer", [0])),
    valid: (model) => ({ model, messages: [{ role: "user", content: "hi" }] }),
  })),
  ...["/v1/embeddings", "/embeddings"].map((path): RouteSpec => ({
    path, dialect: "openai", model: "text-embedding-3-small", required: ["model", "input"],
    valid: (model) => ({ model, input: "hello" }),
    fields: [f("model", "string", [""]), f("input", "string array", [[], [1, "a"], [true], [{}], [1.5], [null]])],
  })),
  {
    path: "/api/chat", dialect: "ollama", model: "gpt-4.1", required: ["model"],
    valid: (model) => ({ model, messages: [{ role: "user", content: "hi" }], stream: false }),
    fields: [
      ...ollamaGeneration, f("messages", "array", [[1]]), f("messages.0", "object"), f("messages.0.role", "string", ["robot"]),
      f("messages.0.content", "string null"), f("messages.0.images", "array null", [[1]]), f("tools", "array null", [[1], [{ function: { name: "" } }]]),
    ],
  },
  {
    path: "/api/generate", dialect: "ollama", model: "gpt-4.1", required: ["model"],
    valid: (model) => ({ model, prompt: "hi", stream: false }),
    fields: [
      ...ollamaGeneration, f("prompt", "string null"), f("suffix", "string null"), f("system", "string null"),
      f("images", "array null", [[1]]), f("raw", "boolean null"), f("context", "array null", [["a"]]), f("template", "string null"),
    ],
  },
  {
    path: "/api/embed", dialect: "ollama", model: "text-embedding-3-small", required: ["model", "input"],
    valid: (model) => ({ model, input: "hi" }),
    fields: [
      f("model", "string", [""]), f("input", "string array", [[1], [null]]), f("truncate", "boolean null"),
      f("dimensions", "integer null", [0]), f("options", "object null", [{ temperature: "hot" }]), f("keep_alive", "string number null"),
    ],
  },
  {
    path: "/api/embeddings", dialect: "ollama", model: "text-embedding-3-small", required: ["model", "prompt"],
    valid: (model) => ({ model, prompt: "hi" }),
    fields: [f("model", "string", [""]), f("prompt", "string"), f("options", "object null", [{ seed: "x" }]), f("keep_alive", "string number null")],
  },
  {
    path: "/api/show", dialect: "ollama", model: "gpt-4.1", required: [],
    valid: (model) => ({ model }),
    fields: [f("model", "string"), f("name", "string"), f("verbose", "boolean null")],
  },
];

const SAMPLES: Record<Kind, unknown[]> = {
  string: ["x", "17"],
  integer: [7, -1],
  number: [2.5],
  boolean: [true, false],
  null: [null],
  array: [[], [1, "a"]],
  object: [{}, { a: 1 }],
};

/** Values of the kinds a field does not accept, then its listed invalid ones. */
function wrongValues(field: Field): unknown[] {
  const accepts = new Set(field.accepts);
  if (accepts.has("number")) accepts.add("integer");
  const kinds = (Object.keys(SAMPLES) as Kind[]).filter((kind) => !accepts.has(kind));
  return [...kinds.flatMap((kind) => SAMPLES[kind] ?? []), ...(field.invalid ?? [])];
}

/** Sets a dot path in place; false when a parent on the way is not a container. */
function setPath(target: unknown, path: string, value: unknown): boolean {
  const parts = path.split(".");
  let node = target;
  for (const part of parts.slice(0, -1)) {
    if (typeof node !== "object" || node === null) return false;
    node = (node as Json)[part];
  }
  if (typeof node !== "object" || node === null) return false;
  (node as Json)[parts.at(-1) as string] = value;
  return true;
}

const bytes = (text: string): Uint8Array => encoder.encode(text);

const PLACEHOLDER = "\u0001raw\u0001";
/** The body as JSON with `raw` (text or bytes, spliced in unchecked) as the value at `path`. */
function rawAt(body: Json, path: string, raw: string | Uint8Array): Uint8Array {
  setPath(body, path, PLACEHOLDER);
  const [head, tail] = JSON.stringify(body).split(JSON.stringify(PLACEHOLDER));
  return concat(bytes(head ?? ""), typeof raw === "string" ? bytes(raw) : raw, bytes(tail ?? ""));
}
const jsonBytes = (value: unknown): Uint8Array => bytes(JSON.stringify(value));
function concat(...parts: (Uint8Array | number[])[]): Uint8Array {
  const chunks = parts.map((part) => (part instanceof Uint8Array ? part : Uint8Array.from(part)));
  const out = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

const INVALID_UTF8: number[][] = [
  [0xff], [0xfe, 0xfe], [0xc0, 0xaf], [0x80], [0xe2, 0x82], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80],
];
const deepArrays = (depth: number): string => "[".repeat(depth) + "]".repeat(depth);
const deepObjects = (depth: number): string => '{"a":'.repeat(depth) + "1" + "}".repeat(depth);

function unknownModelName(rng: Rng, index: number): string {
  const fixed = ["zz-no-such-model", "zz-gpt-4.1-nonexistent", "../../etc/passwd", "zz model with spaces", "zz-模型-🙂", "zz-x:latest:extra", "%00zz", "zz\u0000nul"];
  if (index < fixed.length) return fixed[index] as string;
  const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789-._:/";
  return `zz-${Array.from({ length: 1 + rng.int(40) }, () => rng.pick([...alphabet])).join("")}`;
}

/** What each group of cases needs: the route, the seeded generator, a valid body and where cases go. */
interface CaseContext {
  route: RouteSpec;
  rng: Rng;
  add: (category: string, label: string, body: Uint8Array | string, expect: number[], extra?: Partial<FuzzCase>) => void;
  valid: () => Json;
  validText: string;
  unknownText: string;
}

/** Every case for one route, in a fixed order for a given seed. */
function casesFor(route: RouteSpec, rng: Rng): FuzzCase[] {
  const cases: FuzzCase[] = [];
  const context: CaseContext = {
    route,
    rng,
    add: (category, label, body, expect, extra = {}) => {
      cases.push({ category, label, body: typeof body === "string" ? bytes(body) : body, expect, ...extra });
    },
    valid: () => route.valid(route.model),
    validText: JSON.stringify(route.valid(route.model)),
    unknownText: JSON.stringify(route.valid("zz-unknown-model")),
  };
  for (const group of [syntaxCases, encodingCases, fieldCases, modelCases, sizeCases]) group(context);
  return cases;
}

/** Empty bodies, JSON that is not an object, truncated JSON, JSON5-isms and NaN, random bytes. */
function syntaxCases({ rng, add, validText }: CaseContext): void {
  for (const text of ["", " ", "\r\n\t "]) add("empty body", JSON.stringify(text), text, BAD);
  for (const text of ["[]", "[{}]", "0", "-1.5e3", "null", "true", "false", '"text"', '""', `[${validText}]`]) add("not an object", text, text, BAD);
  for (let i = 0; i < 25; i++) {
    const cut = rng.int(validText.length);
    add("truncated JSON", `first ${cut} of ${validText.length} characters`, validText.slice(0, cut), BAD);
  }
  const syntax = [
    validText.replace(/}$/, ',"temperature":NaN}'), validText.replace(/}$/, ',"temperature":Infinity}'),
    validText.replace(/}$/, ',"temperature":-Infinity}'), validText.replace(/}$/, ',"x":undefined}'), validText.replace(/}$/, ",}"),
    validText.replaceAll('"', "'"), `// comment\n${validText}`, validText.replace(/^{"model"/, "{model"), validText.replace(/}$/, ',"n":0x10}'),
    validText.replace(/}$/, ',"n":01}'), validText.replace(/}$/, ',"n":+1}'), `${validText}}`, `${validText}${validText}`,
  ];
  for (const text of syntax) add("invalid JSON syntax", text.slice(0, 80), text, BAD);

  for (let i = 0; i < 15; i++) {
    const junk = Uint8Array.from({ length: 1 + rng.int(200) }, () => rng.int(256));
    add("random bytes", `${junk.length} random bytes`, junk, BAD);
  }
}

/** Invalid UTF-8, byte order marks, bodies in other formats and content types. */
function encodingCases({ route, add, valid, validText, unknownText }: CaseContext): void {
  for (const sequence of INVALID_UTF8) {
    const hex = sequence.map((b) => b.toString(16)).join(" ");
    add("invalid UTF-8", `${hex} inside a string value`, rawAt({ ...valid(), note: "" }, "note", concat(bytes('"hi '), sequence, bytes(' there"'))), BAD);
    add("invalid UTF-8", `${hex} inside the model name`, rawAt(valid(), "model", concat(bytes(`"${route.model}`), sequence, bytes('"'))), BAD);
    add("invalid UTF-8", `${hex} between tokens`, concat(bytes(validText.slice(0, -1)), bytes(","), sequence, bytes("}")), BAD);
  }
  const bom = [0xef, 0xbb, 0xbf];
  add("byte order mark", "UTF-8 BOM before an unknown-model body (ignored: 404, refused: 400)", concat(bom, bytes(unknownText)), [400, 404]);
  add("byte order mark", "two UTF-8 BOMs", concat(bom, bom, bytes(validText)), BAD);
  add("byte order mark", "BOM between tokens", bytes(validText.replace(/^{/, "{\uFEFF")), BAD);
  const utf16 = new Uint8Array(validText.length * 2);
  for (let i = 0; i < validText.length; i++) utf16[i * 2] = validText.charCodeAt(i);
  add("byte order mark", "UTF-16LE with its BOM", concat([0xff, 0xfe], utf16), BAD);

  add("content type", "text/plain prose", "hello, this is not JSON", BAD, { contentType: "text/plain" });
  add("content type", "multipart form", `--XyZ\r\nContent-Disposition: form-data; name="model"\r\n\r\n${route.model}\r\n--XyZ--\r\n`, BAD, { contentType: "multipart/form-data; boundary=XyZ" });
  add("content type", "form-encoded fields", `model=${route.model}&messages=hi&input=hi&prompt=hi`, BAD, { contentType: "application/x-www-form-urlencoded" });
  add("content type", "XML", "<request><model>x</model></request>", BAD, { contentType: "application/xml" });
  add("content type", "no content type, not JSON", "model: x", BAD, { contentType: null });
  add("content type", "text/plain holding JSON with an unknown model (read: 404, refused: 400/415)", unknownText, [400, 404, 415], { contentType: "text/plain" });

}

/** A wrong type for every declared field, several at once, and each required field missing. */
function fieldCases({ route, rng, add, valid }: CaseContext): void {
  for (const field of route.fields) {
    for (const value of wrongValues(field)) {
      const body = valid();
      if (setPath(body, field.path, value)) add("wrong type", `${field.path} = ${JSON.stringify(value)}`, jsonBytes(body), BAD);
    }
  }
  for (let i = 0; i < 25; i++) {
    const body = valid();
    const changed: string[] = [];
    for (let n = 0; n < 2 + rng.int(2); n++) {
      const field = rng.pick(route.fields);
      const value = rng.pick(wrongValues(field));
      if (setPath(body, field.path, value)) changed.push(`${field.path} = ${JSON.stringify(value)}`);
    }
    if (changed.length > 0) add("wrong types combined", changed.join(", "), jsonBytes(body), BAD);
  }
  for (const name of route.required) {
    const body = valid();
    delete body[name];
    add("missing field", `without ${name}`, jsonBytes(body), BAD);
  }
  if (route.path === "/api/show") add("missing field", "neither model nor name", "{}", BAD);

}

/** Unknown models, also through duplicate keys (the last one wins). */
function modelCases({ route, rng, add, validText, unknownText }: CaseContext): void {
  for (let i = 0; i < 25; i++) {
    const name = unknownModelName(rng, i);
    add("unknown model", JSON.stringify(name).slice(0, 60), jsonBytes(route.valid(name)), UNKNOWN);
  }
  add("duplicate keys", "model twice, the last a number", validText.replace(/}$/, ',"model":7}'), BAD);
  add("duplicate keys", "model twice, the last unknown", validText.replace(/}$/, ',"model":"zz-dup-unknown"}'), UNKNOWN);
  add("duplicate keys", "model as a number, then unknown", unknownText.replace(/^{/, '{"model":7,'), UNKNOWN);

}

/** Huge strings, deep nesting, and bodies above the limit (declared or chunked). */
function sizeCases({ route, add, valid, unknownText }: CaseContext): void {
  const megabyte = "m".repeat(1_000_000);
  add("huge string", "1 MB model name", jsonBytes(route.valid(megabyte)), UNKNOWN);
  const notString = route.fields.find((field) => !field.path.includes(".") && !field.accepts.includes("string"));
  if (notString) add("huge string", `1 MB string as ${notString.path}`, jsonBytes({ ...valid(), [notString.path]: megabyte }), BAD);
  add("huge string", "1 MB key, unknown model", bytes(unknownText.replace(/^{/, `{"${megabyte}":1,`)), UNKNOWN);
  const numeric = route.fields.find((field) => !field.path.includes(".") && field.accepts.includes("integer") && !field.accepts.includes("string"));
  add("huge string", `1 MB of digits as ${numeric?.path ?? "model"}`, rawAt(valid(), numeric?.path ?? "model", `1${"0".repeat(999_999)}`), BAD);

  add("deep nesting", "10 000 nested arrays as the body", deepArrays(10_000), BAD);
  add("deep nesting", "10 000 nested arrays, unclosed", "[".repeat(10_000), BAD);
  add("deep nesting", "10 000 nested arrays as the model", rawAt(valid(), "model", deepArrays(10_000)), BAD);
  add("deep nesting", "10 000 nested arrays in an unknown field, unknown model", unknownText.replace(/}$/, `,"extra":${deepArrays(10_000)}}`), UNKNOWN);
  add("deep nesting", "10 000 nested objects in an unknown field, unknown model", unknownText.replace(/}$/, `,"extra":${deepObjects(10_000)}}`), UNKNOWN);

  // A valid body of exactly `total` bytes.
  const padded = (total: number): Uint8Array => {
    const overhead = jsonBytes({ ...valid(), padding: "" }).length;
    return jsonBytes({ ...valid(), padding: "p".repeat(total - overhead) });
  };
  add("too large", `${LIMIT_MIB} MiB + 1 byte`, padded(LIMIT_MIB * MIB + 1), [413]);
  add("too large", `${LIMIT_MIB + 1} MiB`, padded((LIMIT_MIB + 1) * MIB), [413]);
  add("too large", `${LIMIT_MIB + 1} MiB, chunked (no content-length)`, padded((LIMIT_MIB + 1) * MIB), [413], { chunked: true });
  add("too large", `${LIMIT_MIB + 1} MiB + 100 bytes, chunked (no content-length)`, padded((LIMIT_MIB + 1) * MIB + 100), [413], { chunked: true });
}

const ERROR_SHAPES: Record<Dialect, (body: unknown) => boolean> = {
  openai: (body) => {
    const error = (body as Json | null)?.error as Json | undefined;
    return typeof error === "object" && error !== null && typeof error.message === "string" && typeof error.type === "string" && "param" in error && "code" in error;
  },
  anthropic: (body) => {
    const error = (body as Json | null)?.error as Json | undefined;
    return (body as Json).type === "error" && typeof error === "object" && error !== null && typeof error.type === "string" && typeof error.message === "string";
  },
  ollama: (body) => typeof (body as Json | null)?.error === "string",
};
/** Anthropic's documented error type for each status. */
const ANTHROPIC_TYPES: Record<number, string> = { 400: "invalid_request_error", 404: "not_found_error", 413: "request_too_large" };
const STACK_TRACE = /\n\s*at\s|\bat\s+\S+\s+\(\S+:\d+:\d+\)|\.(?:ts|js|mjs|cjs):\d+:\d+|node_modules\//;

function send(url: string, item: FuzzCase): Promise<Response> {
  const headers: Record<string, string> = {};
  const contentType = item.contentType === undefined ? "application/json" : item.contentType;
  if (contentType !== null) headers["content-type"] = contentType;
  const body = item.chunked
    ? new ReadableStream<Uint8Array>({
        start(controller) {
          for (let at = 0; at < item.body.length; at += 256 * 1024) controller.enqueue(item.body.subarray(at, at + 256 * 1024));
          controller.close();
        },
      })
    : item.body;
  return fetch(url, { method: "POST", headers, body, duplex: "half" } as RequestInit);
}

/** What is wrong with the relay's answer to one case, or undefined. */
async function check(url: string, route: RouteSpec, item: FuzzCase): Promise<string | undefined> {
  let response: Response;
  let text: string;
  try {
    response = await send(url, item);
    text = await response.text();
  } catch (error) {
    return `no answer: ${(error as Error).message}`;
  }
  const contentType = response.headers.get("content-type") ?? "(none)";
  const problems: string[] = [];
  if (!item.expect.includes(response.status)) problems.push(`status ${response.status}, expected ${item.expect.join(" or ")}`);
  if (!/^application\/json/.test(contentType)) problems.push(`content type ${contentType}`);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    problems.push("body is not JSON");
  }
  if (body !== undefined && !ERROR_SHAPES[route.dialect](body)) problems.push(`not a ${route.dialect} error body`);
  const anthropicType = ANTHROPIC_TYPES[response.status];
  if (route.dialect === "anthropic" && body !== undefined && anthropicType && ((body as Json).error as Json | undefined)?.type !== anthropicType) {
    problems.push(`error type ${String(((body as Json).error as Json | undefined)?.type)}, expected ${anthropicType}`);
  }
  if (STACK_TRACE.test(text)) problems.push("stack trace in the body");
  if (problems.length === 0) return undefined;
  return `${problems.join("; ")} — got ${response.status}: ${text.length > 160 ? `${text.slice(0, 160)}…` : text}`;
}

/** Runs cases with a fixed number in flight; results keep the cases' order. */
async function runPool<T, R>(items: T[], limit: number, run: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await run(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

let relay: RelayHarness;
let casesRun = 0;

/** The relay still answers a valid chat request. */
async function expectStillServing(): Promise<void> {
  const response = await fetch(`${relay.url}/v1/chat/completions`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ model: "gpt-4.1", messages: [{ role: "user", content: "hi" }] }),
  });
  expect(response.status).toBe(200);
  const body = (await response.json()) as { choices: { message: { content: string } }[] };
  expect(body.choices[0]?.message.content).toBe("Hello from gpt-4.1! héllo 👋 — 你好");
}

beforeAll(async () => {
  relay = await startRelay({ env: { COPILOT_RELAY_MAX_BODY_SIZE: String(LIMIT_MIB) }, fake: { keepBodies: false } });
  await expectStillServing();
});
afterAll(() => relay.stop());

describe("malformed bodies on every POST route get a 4xx in the route's dialect", () => {
  const rng = createRng(SEED);
  const plans = ROUTES.map((route) => ({ route, cases: casesFor(route, rng) }));

  for (const { route, cases } of plans) {
    test(`${route.path} (${route.dialect}, ${cases.length} cases)`, async () => {
      const failures = new Map<string, { count: number; example: string }>();
      for (let start = 0; start < cases.length; start += CHECK_EVERY) {
        const batch = cases.slice(start, start + CHECK_EVERY);
        const results = await runPool(batch, CONCURRENCY, (item) => check(`${relay.url}${route.path}`, route, item));
        results.forEach((problem, index) => {
          if (problem === undefined) return;
          const item = batch[index] as FuzzCase;
          const key = `${item.category}: ${problem.replace(/ — got[\s\S]*$/, "")}`;
          const seen = failures.get(key) ?? { count: 0, example: `${item.label.slice(0, 100)} → ${problem.replace(/^[\s\S]*? — /, "")}` };
          failures.set(key, { ...seen, count: seen.count + 1 });
        });
        casesRun += batch.length;
        await expectStillServing();
      }
      const report = [...failures].map(([key, { count, example }]) => `${key} (×${count}); e.g. ${example}`);
      expect(report).toEqual([]);
    }, 30_000);
  }

  test("the relay still serves after every case", async () => {
    expect(casesRun).toBeGreaterThan(2_000);
    await expectStillServing();
  });
});
