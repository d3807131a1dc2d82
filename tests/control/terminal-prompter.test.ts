import { describe, expect, test } from "bun:test";
import { type ConfirmPrompt, type PendingApproval, terminalPrompter } from "../../src/services/control/index.ts";
import { settle } from "../support/manual-clock.ts";

const item = (model: string): PendingApproval => ({
  id: model,
  receivedAt: "2025-01-01T00:00:00.000Z",
  dialect: "anthropic-messages",
  model,
  initiator: "agent",
  bytes: 1536,
  client: "claude-cli/2.1",
  route: "/v1/messages",
});

describe("terminal prompter", () => {
  test("asks consola's confirm question naming dialect, model, initiator, size and client", async () => {
    const asked: { message: string; options: unknown }[] = [];
    const prompt: ConfirmPrompt = async (message, options) => {
      asked.push({ message, options });
      return true;
    };
    expect(await terminalPrompter({ prompt })(item("claude-sonnet-4.5"))).toBe(true);
    expect(asked).toEqual([
      {
        message: "Approve anthropic-messages request for claude-sonnet-4.5 (agent, 1.5 KiB, from claude-cli/2.1)?",
        options: { type: "confirm", initial: false, cancel: "undefined" },
      },
    ]);
  });

  test("a failed or cancelled prompt is no answer", async () => {
    expect(await terminalPrompter({ prompt: () => Promise.reject(new Error("no TTY")) })(item("a"))).toBeUndefined();
    expect(await terminalPrompter({ prompt: async () => undefined })(item("a"))).toBeUndefined();
  });

  test("runs one prompt at a time and skips items decided before their turn", async () => {
    const asked: string[] = [];
    const answers: ((value: boolean) => void)[] = [];
    const notes: string[] = [];
    const prompter = terminalPrompter({
      prompt: (message) => {
        asked.push(message);
        return new Promise((resolve) => answers.push(resolve));
      },
      note: (message) => notes.push(message),
    });
    const firstSignal = new AbortController();
    const secondSignal = new AbortController();
    const first = prompter(item("a"), firstSignal.signal);
    const second = prompter(item("b"), secondSignal.signal);
    const third = prompter(item("c"));
    await settle(1);
    expect(asked).toHaveLength(1);
    firstSignal.abort();
    expect(notes[0]).toContain("decided elsewhere");
    secondSignal.abort();
    answers[0]?.(true);
    expect(await first).toBe(true);
    expect(await second).toBeUndefined();
    await settle(1);
    expect(asked.map((message) => message.split(" ")[4])).toEqual(["a", "c"]);
    answers[1]?.(false);
    expect(await third).toBe(false);
  });

  test("loads consola only when a prompt is shown", async () => {
    const source = await Bun.file(new URL("../../src/services/control/terminal-prompter.ts", import.meta.url)).text();
    expect(source).not.toMatch(/^import[^;]*["']consola["']/m);
    expect(source).toContain('await import("consola")');
  });
});
