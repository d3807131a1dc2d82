/** A fake native Ollama API: tags, show, version, chat and generate (NDJSON stream by default), embed. */
import { serveFake } from "./server";
import {
  approxTokens,
  chatTurn,
  isRecord,
  jsonResponse,
  outputTokens,
  prepare,
  streamResponse,
  textPieces,
  type Answer,
  type Dialect,
} from "./script";
import type { FakeOllamaOptions, FakeProvider, RecordedRequest } from "./types";

export const DEFAULT_OLLAMA_MODELS = ["llama3.2:latest", "qwen3:8b"];
const VERSION = "0.12.6";

const ollamaError = (status: number, error: string): Response => jsonResponse({ error }, status);
const notPulled = (model: string): string => `model "${model}" not found, try pulling it first`;
const tagged = (name: string): string => (name.includes(":") ? name : `${name}:latest`);
/** Installed names, and the ":latest" ones without their tag too. */
const accepted = (installed: readonly string[]): string[] => [
  ...installed,
  ...installed.filter((n) => n.endsWith(":latest")).map((n) => n.slice(0, -":latest".length)),
];
const details = { parent_model: "", format: "gguf", family: "llama", families: ["llama"], parameter_size: "3.2B", quantization_level: "Q4_K_M" };

function tagEntry(name: string): Record<string, unknown> {
  const digest = Bun.hash(name).toString(16).padStart(16, "0").repeat(4);
  return { name, model: name, modified_at: "2025-10-01T12:00:00.000000000Z", size: 2_019_393_189, digest, details };
}

function doneFields(rec: RecordedRequest, answer: Answer): Record<string, unknown> {
  const prompt = approxTokens(rec.body);
  const evalCount = outputTokens(answer);
  const load = 1_000_000;
  return {
    done: true,
    done_reason: "stop",
    total_duration: load + prompt * 1_000_000 + evalCount * 2_000_000,
    load_duration: load,
    prompt_eval_count: prompt,
    prompt_eval_duration: prompt * 1_000_000,
    eval_count: evalCount,
    eval_duration: evalCount * 2_000_000,
  };
}

const ollamaDialect = (turn: Dialect["turn"]): Dialect => ({ provider: "ollama", fail: ollamaError, unknownModel: notPulled, turn });
const generateTurn = ollamaDialect((body, model) => ({ model, lastUserText: typeof body.prompt === "string" ? body.prompt : "" }));
const embedInputs = (body: Record<string, unknown>): string[] =>
  typeof body.input === "string" ? [body.input] : Array.isArray(body.input) ? body.input.filter((i) => typeof i === "string") : [];
const embedTurn = ollamaDialect((body, model) => ({ model, lastUserText: embedInputs(body).join("\n") }));

/** /api/chat (messages) and /api/generate (prompt): NDJSON lines, or one object with `stream: false`. */
function handleAnswer(rec: RecordedRequest, req: Request, installed: readonly string[], chat: boolean): Response {
  const checked = prepare(rec, accepted(installed), chat ? ollamaDialect(chatTurn) : generateTurn);
  if (checked instanceof Response) return checked;
  const { body, model, answer } = checked;
  const head = () => ({ model, created_at: new Date().toISOString() });
  const piece = (content: string, extra: Record<string, unknown> = {}): Record<string, unknown> =>
    chat ? { message: { role: "assistant", content, ...extra } } : { response: content };
  const calls = answer.kind === "tool" ? { tool_calls: [{ function: { name: answer.name, arguments: answer.args } }] } : {};
  const last = { ...head(), ...piece(""), ...doneFields(rec, answer), ...(chat ? {} : { context: [1, 2, 3] }) };
  if (body.stream === false) {
    const text = answer.kind === "text" ? answer.text : "";
    return jsonResponse({ ...last, ...piece(text, calls) });
  }
  const lines =
    answer.kind === "text" ? textPieces(answer.text).map((t) => ({ ...head(), ...piece(t), done: false })) : [{ ...head(), ...piece("", calls), done: false }];
  const frames = [...lines, last].map((line) => `${JSON.stringify(line)}\n`);
  return streamResponse(req, frames, "application/x-ndjson");
}

function handleShow(rec: RecordedRequest, installed: readonly string[]): Response {
  const model = isRecord(rec.json) ? (rec.json.model ?? rec.json.name) : undefined;
  if (typeof model !== "string" || model === "") return ollamaError(400, "model is required");
  if (!installed.includes(tagged(model))) return ollamaError(404, notPulled(model));
  return jsonResponse({
    modelfile: `FROM ${tagged(model)}\n`,
    parameters: "stop \"<|eot_id|>\"",
    template: "{{ .Prompt }}",
    details,
    model_info: { "general.architecture": "llama", "general.parameter_count": 3_212_749_888, "llama.context_length": 131_072 },
    capabilities: ["completion", "tools"],
    modified_at: "2025-10-01T12:00:00.000000000Z",
  });
}

/** A deterministic unit vector per input (`dimensions` long, default 8). */
function embedding(input: string, dimensions: number): number[] {
  const raw = Array.from({ length: dimensions }, (_, i) => (Number(BigInt(Bun.hash(`${i}:${input}`)) % 2001n) - 1000) / 1000);
  const norm = Math.hypot(...raw) || 1;
  return raw.map((v) => v / norm);
}

/** /api/embed: {model, input: string | string[], dimensions?} → {model, embeddings, durations, prompt_eval_count}. */
function handleEmbed(rec: RecordedRequest, installed: readonly string[]): Response {
  const checked = prepare(rec, accepted(installed), embedTurn);
  if (checked instanceof Response) return checked;
  const inputs = embedInputs(checked.body);
  if (inputs.length === 0) return ollamaError(400, "invalid input type");
  const dimensions = typeof checked.body.dimensions === "number" ? checked.body.dimensions : 8;
  const prompt = inputs.reduce((sum, input) => sum + approxTokens(input), 0);
  return jsonResponse({
    model: checked.model,
    embeddings: inputs.map((input) => embedding(input, dimensions)),
    total_duration: 2_000_000 + prompt * 100_000,
    load_duration: 1_000_000,
    prompt_eval_count: prompt,
  });
}

/** Starts a fake Ollama server on 127.0.0.1; `url` is its origin (like http://localhost:11434). */
export async function startFakeOllama(options: FakeOllamaOptions = {}): Promise<FakeProvider> {
  const installed = (options.models ?? DEFAULT_OLLAMA_MODELS).map(tagged);
  const route = (rec: RecordedRequest, req: Request): Response => {
    switch (`${rec.method} ${rec.path}`) {
      case "GET /":
      case "HEAD /":
        return new Response("Ollama is running", { headers: { "content-type": "text/plain; charset=utf-8" } });
      case "GET /api/version":
        return jsonResponse({ version: VERSION });
      case "GET /api/tags":
        return jsonResponse({ models: installed.map(tagEntry) });
      case "POST /api/show":
        return handleShow(rec, installed);
      case "POST /api/chat":
        return handleAnswer(rec, req, installed, true);
      case "POST /api/generate":
        return handleAnswer(rec, req, installed, false);
      case "POST /api/embed":
        return handleEmbed(rec, installed);
    }
    return ollamaError(404, "404 page not found");
  };
  return serveFake({ fault: options.fault }, route, ollamaError);
}
