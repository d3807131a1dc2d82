import { directives, lastUserText } from "./chat-script";
import { copilotError } from "./http";

export const TOO_LONG_MESSAGE = "prompt token count of 210000 exceeds the limit of 200000";

/** [[too-long]] in the last user message: Copilot's 400 for a prompt over the model's limit. */
export function promptTooLong(messages: unknown[]): Response | undefined {
  if (!directives(lastUserText(messages)).has("too-long")) return undefined;
  return copilotError(400, TOO_LONG_MESSAGE, "model_max_prompt_tokens_exceeded");
}
