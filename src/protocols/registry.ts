import { anthropicMessagesDialect } from "./anthropic-messages/index.ts";
import type { Dialect, DialectId } from "./dialect.ts";
import { ollamaChatDialect, ollamaGenerateDialect } from "./ollama/index.ts";
import { openAIChatDialect } from "./openai-chat/index.ts";
import { openAIResponsesDialect } from "./openai-responses/index.ts";

/** Every dialect the relay speaks, in one list: a new dialect is one line here. */
const dialects: Dialect[] = [openAIChatDialect, openAIResponsesDialect, anthropicMessagesDialect, ollamaChatDialect, ollamaGenerateDialect];

export const dialectRegistry = Object.fromEntries(dialects.map((dialect) => [dialect.id, dialect])) as Record<DialectId, Dialect>;
