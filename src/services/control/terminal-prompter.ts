import type { ApprovalPrompter, PendingApproval } from "./approval-queue.ts";

/** consola.prompt's confirm form; tests pass a stub instead of a terminal. */
export type ConfirmPrompt = (message: string, options: { type: "confirm"; initial: boolean; cancel: "undefined" }) => Promise<unknown>;

export interface TerminalPrompterOptions {
  prompt?: ConfirmPrompt;
  /** Where the "decided elsewhere" note goes; consola.info by default. */
  note?: (message: string) => void;
}

export const formatBytes = (bytes: number): string => {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
};

export const approvalQuestion = (item: PendingApproval): string =>
  `Approve ${item.dialect} request for ${item.model} (${item.initiator}, ${formatBytes(item.bytes)}, from ${item.client})?`;

/**
 * The --manual prompt in the terminal. consola is imported here, on first use, so the server never loads its
 * interactive parts otherwise (AGENTS.md: the logger avoids them for memory). consola's prompt cannot be closed
 * from outside, so prompts run one after another: an item decided elsewhere while its prompt is open gets a note,
 * and items decided before their turn are never shown.
 */
export function terminalPrompter(options: TerminalPrompterOptions = {}): ApprovalPrompter {
  let previous: Promise<unknown> = Promise.resolve();

  const load = async (): Promise<{ prompt: ConfirmPrompt; note: (message: string) => void }> => {
    if (options.prompt) return { prompt: options.prompt, note: options.note ?? (() => {}) };
    const { consola } = await import("consola");
    return { prompt: (message, promptOptions) => consola.prompt(message, promptOptions), note: options.note ?? ((message) => consola.info(message)) };
  };

  return (item, signal) => {
    const turn = previous.then(async (): Promise<boolean | undefined> => {
      if (signal?.aborted) return undefined;
      try {
        const { prompt, note } = await load();
        const stop = () => note(`The request for ${item.model} was decided elsewhere; this answer will be ignored.`);
        signal?.addEventListener("abort", stop, { once: true });
        try {
          const answer = await prompt(approvalQuestion(item), { type: "confirm", initial: false, cancel: "undefined" });
          return typeof answer === "boolean" ? answer : undefined;
        } finally {
          signal?.removeEventListener("abort", stop);
        }
      } catch {
        // No terminal, or the prompt failed: leave the item to the API and the timeout.
        return undefined;
      }
    });
    previous = turn;
    return turn;
  };
}
