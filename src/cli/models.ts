import { defineCommand } from "citty";
import type { CopilotModel } from "../providers/copilot/model.ts";
import { servicesFromArgs } from "./command-context.ts";
import { optionArgs } from "./option-args.ts";

export function formatModelTable(models: CopilotModel[]): string {
  const rows = models.map((model) => [
    model.id,
    model.vendor ?? "",
    (model.supported_endpoints ?? ["/chat/completions"]).join(","),
    String(model.capabilities?.limits?.max_context_window_tokens ?? ""),
    model.billing?.multiplier === undefined ? "" : `${model.billing.multiplier}x`,
  ]);
  const header = ["ID", "VENDOR", "ENDPOINTS", "CONTEXT", "PREMIUM"];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? "").length)));
  const line = (cells: string[]) => cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join("  ").trimEnd();
  return [line(header), ...rows.map(line)].join("\n");
}

export const modelsCommand = defineCommand({
  meta: { name: "models", description: "List the models this Copilot account offers" },
  args: optionArgs(),
  async run({ args, rawArgs }) {
    const services = await servicesFromArgs(args, rawArgs);
    await services.tokens.start();
    const models = await services.copilot.listModels();
    services.stop();
    process.stdout.write(`${formatModelTable(models)}\n`);
  },
});
