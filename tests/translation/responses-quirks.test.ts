import { describe, expect, test } from "bun:test";
import { prepareCopilotResponses } from "../../src/providers/copilot/responses-quirks.ts";

describe("Copilot /responses quirks", () => {
  test("leaves a body that needs no edit untouched and says so", () => {
    const body = {
      model: "gpt-5.2-codex",
      store: false,
      input: [
        { role: "user", content: "hi" },
        { type: "reasoning", id: "rs_1", summary: [], encrypted_content: "enc" },
        { type: "function_call", call_id: "c", name: "f", arguments: "{}" },
        { type: "function_call_output", call_id: "c", output: "ok" },
      ],
      tools: [{ type: "function", name: "f", parameters: {} }],
      tool_choice: "auto",
    };
    const before = structuredClone(body);
    expect(prepareCopilotResponses(body)).toEqual([]);
    expect(body).toEqual(before);
  });

  test("turns store off and removes service_tier", () => {
    const body: Record<string, unknown> = { model: "m", input: "hi", store: true, service_tier: "priority" };
    expect(prepareCopilotResponses(body)).toEqual(["store: true → false", "service_tier removed"]);
    expect(body).toEqual({ model: "m", input: "hi", store: false });
  });

  test("sends custom tools as functions taking {input}, with their calls and outputs as function items", () => {
    const body: Record<string, unknown> = {
      model: "gpt-5-codex",
      tools: [
        { type: "function", name: "exec_command", parameters: { type: "object", properties: {} } },
        { type: "custom", name: "apply_patch", description: "Patch files", format: { type: "text" } },
      ],
      tool_choice: { type: "custom", name: "apply_patch" },
      input: [
        { type: "custom_tool_call", id: "ctc_1", call_id: "call_P", name: "apply_patch", input: "*** Begin Patch", status: "completed" },
        { type: "custom_tool_call_output", id: "ctco_1", call_id: "call_P", output: "Done" },
      ],
    };
    expect(prepareCopilotResponses(body)).toEqual([
      "custom tools sent as functions: apply_patch",
      "tool_choice custom → function",
      "2 custom tool call item(s) sent as function calls",
      "ids removed from 2 input item(s) (store: false)",
    ]);
    expect(body.tools).toEqual([
      { type: "function", name: "exec_command", parameters: { type: "object", properties: {} } },
      {
        type: "function",
        name: "apply_patch",
        description: "Patch files",
        parameters: {
          type: "object",
          properties: { input: { type: "string", description: "The raw text input for this tool." } },
          required: ["input"],
          additionalProperties: false,
        },
        strict: false,
      },
    ]);
    expect(body.tool_choice).toEqual({ type: "function", name: "apply_patch" });
    expect(body.input).toEqual([
      { type: "function_call", call_id: "call_P", name: "apply_patch", status: "completed", arguments: '{"input":"*** Begin Patch"}' },
      { type: "function_call_output", call_id: "call_P", output: "Done" },
    ]);
  });

  test("removes hosted tools, and with the last tool a tool_choice that needs one", () => {
    const body: Record<string, unknown> = {
      model: "gpt-5-codex",
      tools: [{ type: "image_generation" }, { type: "web_search" }, { type: "namespace", name: "apps", tools: [] }],
      tool_choice: "required",
      input: "draw",
    };
    expect(prepareCopilotResponses(body)).toEqual(["tools Copilot rejects removed: image_generation, web_search, namespace apps", "tool_choice removed with the last tool"]);
    expect(body).toEqual({ model: "gpt-5-codex", input: "draw" });

    const named: Record<string, unknown> = { model: "m", tools: [{ type: "function", name: "f" }, { type: "web_search_preview" }], tool_choice: { type: "web_search_preview" } };
    expect(prepareCopilotResponses(named)).toEqual(["tools Copilot rejects removed: web_search_preview", "tool_choice web_search_preview removed"]);
    expect(named).toEqual({ model: "m", tools: [{ type: "function", name: "f" }] });
  });

  test("removes ids Copilot did not store but keeps reasoning ids, and drops item references", () => {
    const body: Record<string, unknown> = {
      model: "gpt-5-codex",
      input: [
        { type: "message", id: "msg_1", role: "user", content: [{ type: "input_text", text: "hi" }] },
        { role: "assistant", id: "msg_2", content: "hello" },
        { type: "reasoning", id: "rs_1", summary: [], encrypted_content: "enc" },
        { type: "function_call", id: "fc_1", call_id: "c1", name: "f", arguments: "{}" },
        { type: "function_call_output", id: "fco_1", call_id: "c1", output: "ok" },
        { type: "item_reference", id: "msg_0" },
        { id: "rs_0" },
      ],
    };
    expect(prepareCopilotResponses(body)).toEqual(["2 item_reference item(s) dropped (nothing is stored)", "ids removed from 4 input item(s) (store: false)"]);
    expect(body.input).toEqual([
      { type: "message", role: "user", content: [{ type: "input_text", text: "hi" }] },
      { role: "assistant", content: "hello" },
      { type: "reasoning", id: "rs_1", summary: [], encrypted_content: "enc" },
      { type: "function_call", call_id: "c1", name: "f", arguments: "{}" },
      { type: "function_call_output", call_id: "c1", output: "ok" },
    ]);
  });
});
