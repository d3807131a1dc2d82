import { blockText, isRecord } from "./is-record.ts";
import type { CountTokensRequest } from "./schema.ts";

/** The text blocks of a message's content (a string is one text block). */
export function messageTexts(content: string | readonly { type: string }[]): string[] {
  if (typeof content === "string") return [content];
  return content.filter(isRecord).flatMap((block) => {
    const text = blockText(block);
    return text === undefined ? [] : [text];
  });
}

/** The system prompt's texts: the `system` field plus any `role: "system"` messages. */
export function systemTexts(body: Pick<CountTokensRequest, "system" | "messages">): string[] {
  const fromField = body.system === undefined ? [] : messageTexts(body.system);
  const fromMessages = body.messages.filter((message) => message.role === "system").flatMap((message) => messageTexts(message.content));
  return [...fromField, ...fromMessages];
}
