import type { HubTextPart } from "../../core/hub/index.ts";

/**
 * `/api/generate` with a `suffix` is fill-in-the-middle: the prompt is the text before a gap, the suffix the text
 * after it, and the answer is only what goes in the gap (code models do this natively with FIM tokens). Hosted
 * chat models have no FIM mode, so the task is stated in a short system instruction and the two sides are
 * delimited in the user message; the instruction forbids restating them, which chat models otherwise tend to do.
 */
export const fillInTheMiddleInstruction =
  "You fill a gap in a document. The user message gives the text before the gap inside <prefix> tags and the text " +
  "after it inside <suffix> tags. Reply with only the text that belongs in the gap, exactly as it should be " +
  "inserted: no explanation, no code fences, and no repetition of the prefix or the suffix.";

export function fillInTheMiddle(prefix: string, suffix: string): { system: HubTextPart; prompt: HubTextPart } {
  return {
    system: { type: "text", text: fillInTheMiddleInstruction },
    prompt: { type: "text", text: `<prefix>${prefix}</prefix>\n<suffix>${suffix}</suffix>` },
  };
}
