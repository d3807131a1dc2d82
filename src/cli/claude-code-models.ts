import { type CopilotModel, supportsEndpoint } from "../providers/copilot/model.ts";
import { closestModelIds, resolveModel } from "../services/model-resolver.ts";
import { CliUsageError } from "./cli-error.ts";

export interface ClaudeModelChoice {
  model: string;
  smallModel: string;
  /** Claude Code's "opus" tier: the main model when it is an Opus, else the newest Opus, else the main model. */
  opusModel: string;
  /** Claude Code's "sonnet" tier: the main model when it is a Sonnet, else the newest Sonnet, else the main model. */
  sonnetModel: string;
}

export interface ModelOption {
  label: string;
  value: string;
  hint?: string;
}

/** Asks the person to pick one option; the command passes consola.prompt, tests pass a stub. */
export type SelectModel = (message: string, options: ModelOption[], initial: string) => Promise<string>;

export interface ChooseClaudeModelsInput {
  model?: string;
  smallModel?: string;
  /** Whether a person can answer a prompt; otherwise missing choices take the defaults. */
  interactive: boolean;
  select?: SelectModel;
  /** Config model aliases, honoured like the relay honours them. */
  aliases?: Record<string, string>;
}

const isClaude = (model: CopilotModel): boolean => model.id.toLowerCase().startsWith("claude");

/** Models Claude Code can talk to through the relay: chat models served over Messages or Chat Completions. */
export function claudeCodeModels(models: CopilotModel[]): CopilotModel[] {
  const usable = models.filter(
    (model) => model.capabilities?.type !== "embeddings" && (supportsEndpoint(model, "/v1/messages") || supportsEndpoint(model, "/chat/completions")),
  );
  // Claude first (stable sort keeps the catalogue's order within each group).
  return [...usable.filter(isClaude), ...usable.filter((model) => !isClaude(model))];
}

/** The newest model of a Claude family ("sonnet", "opus", "haiku"), via the resolver's family aliases. */
const newestOf = (family: string, models: CopilotModel[]): CopilotModel | undefined => resolveModel(family, models.filter(isClaude));

export function defaultClaudeModels(models: CopilotModel[]): { model: string; smallModel: string } | undefined {
  const usable = claudeCodeModels(models);
  const main = newestOf("sonnet", usable) ?? newestOf("opus", usable) ?? usable[0];
  if (!main) return undefined;
  const small = newestOf("haiku", usable) ?? usable.find((model) => model.id === "gpt-5-mini") ?? main;
  return { model: main.id, smallModel: small.id };
}

function validated(requested: string, usable: CopilotModel[], aliases: Record<string, string> | undefined, flag: string): string {
  const found = resolveModel(requested, usable, aliases);
  if (found) return found.id;
  const ids = usable.map((model) => model.id);
  const closest = closestModelIds(requested, ids, 3);
  throw new CliUsageError(
    `Unknown model '${requested}' for ${flag}${closest.length ? ` (did you mean ${closest.join(", ")}?)` : ""}. Available: ${ids.join(", ")}`,
  );
}

function describe(model: CopilotModel): string | undefined {
  const multiplier = model.billing?.multiplier;
  const premium = multiplier === undefined ? undefined : multiplier === 0 ? "no premium requests" : `${multiplier}x premium`;
  return [model.vendor, premium].filter(Boolean).join(" · ") || undefined;
}

/**
 * Picks the main and small model: given ids are validated (dashes, dates and family names resolve like in requests),
 * missing ones are asked for when interactive, else defaulted: main = newest Sonnet (else Opus, else the first
 * usable model), small = newest Haiku, else gpt-5-mini, else the main model.
 */
export async function chooseClaudeModels(models: CopilotModel[], input: ChooseClaudeModelsInput): Promise<ClaudeModelChoice> {
  const usable = claudeCodeModels(models);
  const defaults = defaultClaudeModels(usable);
  if (!defaults) throw new CliUsageError("This Copilot account offers no chat models that Claude Code can use.");
  const options = usable.map((model) => ({ label: model.id, value: model.id, hint: describe(model) }));
  const ask = async (message: string, initial: string): Promise<string> => {
    if (!input.interactive || !input.select) return initial;
    return validated(await input.select(message, options, initial), usable, undefined, "the prompt");
  };

  const model = input.model ? validated(input.model, usable, input.aliases, "--model") : await ask("Main model for Claude Code", defaults.model);
  const smallDefault = defaults.smallModel === defaults.model ? model : defaults.smallModel;
  const smallModel = input.smallModel
    ? validated(input.smallModel, usable, input.aliases, "--small-model")
    : await ask("Small, fast model (background tasks, haiku tier)", smallDefault);

  const tier = (family: string): string => (model.includes(family) && isClaude({ id: model }) ? model : (newestOf(family, usable)?.id ?? model));
  return { model, smallModel, opusModel: tier("opus"), sonnetModel: tier("sonnet") };
}
