import type { CopilotModel } from "../providers/copilot/model.ts";

/**
 * Turns the id a client sent into a Copilot model id. Anthropic clients send dashes and dates
 * (`claude-sonnet-4-5-20250929`) where Copilot uses dots (`claude-sonnet-4.5`, PROTOCOL.md §5). Only spellings of
 * the same version are matched: an unavailable version is never swapped for an older one.
 */
export function normaliseModelId(id: string): string {
  return id
    .trim()
    .toLowerCase()
    .replace(/^(anthropic|openai|github|copilot)\//, "")
    .replace(/[-@:](\d{8}|latest)$/, "")
    .replace(/-(\d+)-(\d+)(?=$|-)/g, "-$1.$2");
}

const FAMILY_ALIASES = new Set(["opus", "sonnet", "haiku"]);

/** Compares dotted version numbers inside ids, so claude-opus-4.10 sorts above claude-opus-4.9. */
function versionKey(id: string): number[] {
  return (id.match(/\d+(?:\.\d+)*/g) ?? []).flatMap((part) => part.split(".").map(Number));
}

function newer(a: string, b: string): number {
  const left = versionKey(a);
  const right = versionKey(b);
  for (let index = 0; index < Math.max(left.length, right.length); index++) {
    const difference = (right[index] ?? -1) - (left[index] ?? -1);
    if (difference !== 0) return difference;
  }
  return a.localeCompare(b);
}

export function resolveModel(requested: string, models: CopilotModel[], aliases: Record<string, string> = {}): CopilotModel | undefined {
  const target = aliases[requested] ?? requested;
  const exact = models.find((model) => model.id === target);
  if (exact) return exact;
  const normalised = normaliseModelId(target);
  const loose = models.find((model) => model.id.toLowerCase() === normalised || normaliseModelId(model.id) === normalised);
  if (loose) return loose;
  if (FAMILY_ALIASES.has(normalised)) {
    const family = models
      .filter((model) => model.id.startsWith("claude-") && model.id.includes(normalised) && model.capabilities?.type !== "embeddings")
      .sort((a, b) => newer(a.id, b.id));
    return family[0];
  }
  return undefined;
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const saved = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = saved;
    }
  }
  return row[b.length]!;
}

/** The ids closest to what was asked, for "did you mean" in not-found errors. */
export function closestModelIds(requested: string, ids: string[], count = 5): string[] {
  const normalised = normaliseModelId(requested);
  return ids
    .map((id) => ({ id, score: distance(normalised, id.toLowerCase()) - (id.includes(normalised) || normalised.includes(id) ? 10 : 0) }))
    .sort((a, b) => a.score - b.score || a.id.localeCompare(b.id))
    .slice(0, count)
    .map(({ id }) => id);
}
