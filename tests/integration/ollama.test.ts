import { afterAll, beforeAll, beforeEach, describe, expect, test } from "bun:test";
import { Ollama } from "ollama";
import { type RelayHarness, startRelay } from "../support/relay-harness.ts";

let relay: RelayHarness;

beforeAll(async () => {
  relay = await startRelay();
});
afterAll(() => relay.stop());
beforeEach(() => relay.fake.reset());

const chatRequests = () => relay.fake.find("/copilot/chat/completions");
const reply = (model: string) => `Hello from ${model}! héllo 👋 — 你好`;
const bash = {
  type: "function",
  function: { name: "bash", description: "Run a command", parameters: { type: "object", properties: { command: { type: "string" } }, required: ["command"] } },
};
// A 1×1 PNG.
const PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

// Every test runs on the main port and on a second listener, as `start --ollama-port` serves the same routes.
describe.each(["main port", "second port"])("Ollama API on the %s", (port) => {
  const base = () => (port === "main port" ? relay.url : relay.secondUrl);
  let ollama: Ollama;
  beforeAll(() => {
    ollama = new Ollama({ host: base() });
  });

  describe("Ollama model discovery", () => {
    test("GET / and HEAD / say Ollama is running; /api/version reports a version", async () => {
      const root = await fetch(base());
      expect(await root.text()).toBe("Ollama is running");
      const head = await fetch(base(), { method: "HEAD" });
      expect(head.status).toBe(200);
      expect((await ollama.version()).version).toMatch(/^\d+\.\d+\.\d+$/);
    });

    test("list shows Copilot's models with details; show gives the context window and capabilities", async () => {
      const { models } = await ollama.list();
      const gpt = models.find((model) => model.model.startsWith("gpt-4.1"));
      expect(gpt).toBeTruthy();
      expect(gpt?.details.family).toBeTruthy();
      expect(gpt?.digest).toMatch(/^[0-9a-f]{64}$/);
      expect(models.some((model) => model.model.startsWith("text-embedding-3-small"))).toBe(true);

      const shown = await ollama.show({ model: "gpt-4.1:latest" });
      expect(shown.capabilities).toEqual(expect.arrayContaining(["completion", "tools", "vision"]));
      // The client types model_info as a Map; on the wire it is a plain object.
      const info = shown.model_info as unknown as Record<string, unknown>;
      expect(info[`${info["general.architecture"]}.context_length`]).toBe(128000);
      const claude = await ollama.show({ model: "claude-sonnet-4.5" });
      expect(claude.capabilities).toContain("thinking");
    });

    test("an unknown model is a 404 with Ollama's {error}", async () => {
      const response = await fetch(`${base()}/api/show`, { method: "POST", body: JSON.stringify({ model: "llama9" }) });
      expect(response.status).toBe(404);
      const body = (await response.json()) as Record<string, unknown>;
      expect(Object.keys(body)).toEqual(["error"]);
      expect(body.error).toContain("llama9");
      await expect(ollama.chat({ model: "llama9", messages: [{ role: "user", content: "hi" }] })).rejects.toThrow(/llama9/);
    });
  });

  describe("Ollama chat and generate", () => {
    test("chat streams NDJSON by default; the last line has the counters in nanoseconds", async () => {
      const parts = [];
      for await (const part of await ollama.chat({ model: "gpt-4.1", messages: [{ role: "user", content: "hi" }], stream: true })) parts.push(part);
      expect(parts.map((part) => part.message.content).join("")).toBe(reply("gpt-4.1"));
      const last = parts.at(-1)!;
      expect(last.done).toBe(true);
      expect(last.done_reason).toBe("stop");
      expect(last.eval_count).toBeGreaterThan(0);
      expect(last.prompt_eval_count).toBeGreaterThan(0);
      expect(last.total_duration).toBeGreaterThan(0);
      expect(parts.slice(0, -1).every((part) => part.done === false)).toBe(true);
      expect((chatRequests()[0]?.json as { stream: boolean }).stream).toBe(true);
    });

    test("chat without streaming; options map to chat fields", async () => {
      const response = await ollama.chat({
        model: "gpt-4.1",
        messages: [{ role: "system", content: "Be brief." }, { role: "user", content: "hi" }],
        stream: false,
        options: { temperature: 0.3, top_p: 0.9, num_predict: 99, stop: ["END"], seed: 7 },
        keep_alive: "5m",
      });
      expect(response.message.content).toBe(reply("gpt-4.1"));
      expect(response.done).toBe(true);
      const sent = chatRequests()[0]?.json as Record<string, unknown>;
      expect(sent).toMatchObject({ model: "gpt-4.1", temperature: 0.3, top_p: 0.9, max_tokens: 99, stop: ["END"], seed: 7, stream: false });
      expect(sent.messages).toEqual([{ role: "system", content: "Be brief." }, { role: "user", content: "hi" }]);
    });

    test("a tool-call round trip: arguments are objects, results pair with their calls", async () => {
      const first = await ollama.chat({ model: "gpt-4.1", messages: [{ role: "user", content: "[[tool]] list files" }], tools: [bash], stream: false });
      const call = first.message.tool_calls?.[0];
      expect(call?.function.name).toBe("bash");
      expect(call?.function.arguments).toEqual({ command: "echo hi" });

      const streamed = [];
      for await (const part of await ollama.chat({ model: "gpt-4.1", messages: [{ role: "user", content: "[[tool]] list files" }], tools: [bash], stream: true })) {
        streamed.push(part);
      }
      expect(streamed.flatMap((part) => part.message.tool_calls ?? []).map((entry) => entry.function.arguments)).toEqual([{ command: "echo hi" }]);

      const second = await ollama.chat({
        model: "gpt-4.1",
        tools: [bash],
        stream: false,
        messages: [
          { role: "user", content: "[[tool]] list files" },
          { role: "assistant", content: "", tool_calls: [call!] },
          { role: "tool", content: "file.txt", tool_name: "bash" } as never,
        ],
      });
      expect(second.message.content).toBe("Tool said: file.txt");
      const sent = chatRequests().at(-1);
      expect(sent?.headers["x-initiator"]).toBe("agent");
      const messages = (sent?.json as { messages: Record<string, any>[] }).messages;
      const callId = messages[1]?.tool_calls?.[0]?.id;
      expect(callId).toBeTruthy();
      expect(messages[2]).toEqual({ role: "tool", tool_call_id: callId, content: "file.txt" });
    });

    test("images are sent as data URLs with the vision header", async () => {
      const response = await ollama.chat({ model: "gpt-4.1", messages: [{ role: "user", content: "what is this?", images: [PNG] }], stream: false });
      expect(response.message.content).toContain("Hello");
      const sent = chatRequests()[0];
      expect(sent?.headers["copilot-vision-request"]).toBe("true");
      const content = (sent?.json as { messages: { content: { type: string; image_url?: { url: string } }[] }[] }).messages[0]?.content;
      expect(content?.find((part) => part.type === "image_url")?.image_url?.url).toBe(`data:image/png;base64,${PNG}`);
    });

    test("format as a JSON schema becomes structured output", async () => {
      const schema = { type: "object", properties: { answer: { type: "string" } }, required: ["answer"] };
      await ollama.chat({ model: "gpt-4.1", messages: [{ role: "user", content: "hi" }], format: schema, stream: false });
      const sent = chatRequests()[0]?.json as { response_format: { type: string; json_schema: { schema: unknown } } };
      expect(sent.response_format.type).toBe("json_schema");
      expect(sent.response_format.json_schema.schema).toEqual(schema);
      await ollama.chat({ model: "gpt-4.1", messages: [{ role: "user", content: "hi" }], format: "json", stream: false });
      expect((chatRequests()[1]?.json as { response_format: unknown }).response_format).toEqual({ type: "json_object" });
    });

    test("think on a Claude model: a thinking budget upstream, message.thinking back", async () => {
      const parts = [];
      for await (const part of await ollama.chat({ model: "claude-sonnet-4.5", messages: [{ role: "user", content: "[[reasoning]] think" }], think: true, stream: true })) {
        parts.push(part);
      }
      expect(parts.map((part) => part.message.thinking ?? "").join("")).toBe("Let me think.");
      expect(parts.map((part) => part.message.content).join("")).toBe(reply("claude-sonnet-4.5"));
      expect(typeof (chatRequests()[0]?.json as { thinking_budget?: number }).thinking_budget).toBe("number");
    });

    test("generate with a system prompt, streamed and not", async () => {
      const response = await ollama.generate({ model: "gpt-4.1", prompt: "hi", system: "Be brief.", stream: false });
      expect(response.response).toBe(reply("gpt-4.1"));
      expect(response.done_reason).toBe("stop");
      expect((chatRequests()[0]?.json as { messages: unknown }).messages).toEqual([
        { role: "system", content: "Be brief." },
        { role: "user", content: "hi" },
      ]);
      let text = "";
      for await (const part of await ollama.generate({ model: "gpt-4.1", prompt: "hi", stream: true })) text += part.response;
      expect(text).toBe(reply("gpt-4.1"));
    });

    test("an upstream that breaks mid-stream ends with a final {error} line", async () => {
      for (const directive of ["[[midstream-error]]", "[[malformed]]"]) {
        const response = await fetch(`${base()}/api/chat`, { method: "POST", body: JSON.stringify({ model: "gpt-4.1", messages: [{ role: "user", content: directive }] }) });
        expect(response.headers.get("content-type")).toStartWith("application/x-ndjson");
        const lines = (await response.text()).split("\n").filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>);
        expect(lines.length).toBeGreaterThan(1);
        expect(Object.keys(lines.at(-1)!)).toEqual(["error"]);
      }
      const failing = ollama.chat({ model: "gpt-4.1", messages: [{ role: "user", content: "[[midstream-error]]" }], stream: true });
      await expect((async () => {
        for await (const _ of await failing);
      })()).rejects.toThrow();
    });

    test("a request without messages loads the model, as Ollama's clients expect, without an upstream call", async () => {
      const response = await fetch(`${base()}/api/chat`, { method: "POST", body: JSON.stringify({ model: "gpt-4.1", messages: [] }) });
      expect(await response.json()).toMatchObject({ model: "gpt-4.1", done: true, done_reason: "load" });
      const generate = await fetch(`${base()}/api/generate`, { method: "POST", body: JSON.stringify({ model: "gpt-4.1:latest" }) });
      expect(await generate.json()).toMatchObject({ done: true, done_reason: "load" });
      const unknown = await fetch(`${base()}/api/generate`, { method: "POST", body: JSON.stringify({ model: "llama9" }) });
      expect(unknown.status).toBe(404);
      expect(chatRequests()).toHaveLength(0);
    });

    test("bad bodies are 400s with {error}", async () => {
      for (const body of ["{", JSON.stringify({ messages: [] }), JSON.stringify({ model: "gpt-4.1", messages: "hi" })]) {
        const response = await fetch(`${base()}/api/chat`, { method: "POST", body });
        expect(response.status).toBe(400);
        expect(typeof ((await response.json()) as { error: unknown }).error).toBe("string");
      }
      expect(chatRequests()).toHaveLength(0);
    });
  });

  describe("Ollama embeddings and running models", () => {
    test("embed and the older embeddings API", async () => {
      const embedded = await ollama.embed({ model: "text-embedding-3-small", input: ["one", "two"] });
      expect(embedded.embeddings).toHaveLength(2);
      expect(embedded.embeddings[0]?.length).toBeGreaterThan(0);
      const legacy = await ollama.embeddings({ model: "text-embedding-3-small", prompt: "one" });
      expect(legacy.embedding.length).toBe(embedded.embeddings[0]!.length);
      expect(relay.fake.find("/copilot/embeddings")).toHaveLength(2);
    });

    test("ps lists the models used recently", async () => {
      await ollama.chat({ model: "gpt-4.1", messages: [{ role: "user", content: "hi" }], stream: false });
      const { models } = await ollama.ps();
      expect(models.map((model) => model.model)).toContainEqual(expect.stringMatching(/^gpt-4\.1/));
    });
  });
});
