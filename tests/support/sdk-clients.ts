import Anthropic from "@anthropic-ai/sdk";
import { Ollama } from "ollama";
import OpenAI from "openai";

/** Sends `prompt` to `model` in one client dialect and returns the answer's text. */
export type Ask = (model: string, stream: boolean) => Promise<string>;

/** The real SDK clients pointed at a relay, and one `Ask` per client dialect (the matrix tests' rows). */
export function sdkClients(relayUrl: string, prompt = "hi") {
  const openai = new OpenAI({ baseURL: `${relayUrl}/v1`, apiKey: "unused", maxRetries: 0 });
  const anthropic = new Anthropic({ baseURL: relayUrl, apiKey: "unused", maxRetries: 0 });
  const ollama = new Ollama({ host: relayUrl });
  const asks: Record<string, Ask> = {
    "openai chat": async (model, stream) => {
      const messages = [{ role: "user" as const, content: prompt }];
      if (!stream) return (await openai.chat.completions.create({ model, messages })).choices[0]?.message.content ?? "";
      let text = "";
      for await (const chunk of await openai.chat.completions.create({ model, messages, stream: true })) text += chunk.choices[0]?.delta.content ?? "";
      return text;
    },
    "openai responses": async (model, stream) => {
      if (!stream) return (await openai.responses.create({ model, input: prompt })).output_text;
      return (await openai.responses.stream({ model, input: prompt }).finalResponse()).output_text;
    },
    "anthropic messages": async (model, stream) => {
      const body = { model, max_tokens: 512, messages: [{ role: "user" as const, content: prompt }] };
      const message = stream ? await anthropic.messages.stream(body).finalMessage() : await anthropic.messages.create(body);
      return message.content.map((block) => (block.type === "text" ? block.text : "")).join("");
    },
    "ollama chat": async (model, stream) => {
      const messages = [{ role: "user", content: prompt }];
      if (!stream) return (await ollama.chat({ model, messages, stream: false })).message.content;
      let text = "";
      for await (const part of await ollama.chat({ model, messages, stream: true })) text += part.message.content;
      return text;
    },
    "ollama generate": async (model, stream) => {
      if (!stream) return (await ollama.generate({ model, prompt, stream: false })).response ?? "";
      let text = "";
      for await (const part of await ollama.generate({ model, prompt, stream: true })) text += part.response;
      return text;
    },
  };
  return { openai, anthropic, ollama, asks };
}
