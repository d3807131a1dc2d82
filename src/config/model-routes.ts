import { problemAt } from "./config-error.ts";
import type { ModelRouteSettings } from "./provider-settings.ts";
import { COPILOT } from "./resolve-providers.ts";
import type { Config } from "./schema.ts";

/** Routes naming a provider that is not configured; `copilot` always is. */
export function modelRouteProblems(models: unknown, providers: unknown): string[] {
  if (models === null || typeof models !== "object") return [];
  const known = [COPILOT, ...Object.keys(providers !== null && typeof providers === "object" ? providers : {}).filter((name) => name !== COPILOT)];
  const problems: string[] = [];
  for (const [pattern, route] of Object.entries(models)) {
    if (pattern.trim() === "") problems.push(problemAt(["models", pattern], "a model name or pattern must not be empty"));
    const provider: unknown = route !== null && typeof route === "object" ? (route as Record<string, unknown>).provider : undefined;
    if (typeof provider === "string" && provider !== "" && !known.includes(provider)) {
      problems.push(problemAt(["models", pattern, "provider"], `unknown provider ${JSON.stringify(provider)} (known: ${known.join(", ")})`));
    }
  }
  return problems;
}

/** The `models:` entries in file order (YAML keys that look like integers come first: a JavaScript object's order). */
export function resolveModelRoutes(config: Pick<Config, "models">): ModelRouteSettings[] {
  return Object.entries(config.models ?? {}).map(([pattern, route]) => ({ pattern, ...route }));
}

/** `*` matches any run of characters (none included); everything else literally, case-sensitively. */
export function patternMatches(pattern: string, id: string): boolean {
  if (!pattern.includes("*")) return pattern === id;
  const [first = "", ...rest] = pattern.split("*");
  const last = rest.pop() ?? "";
  if (!id.startsWith(first) || !id.endsWith(last) || id.length < first.length + last.length) return false;
  let at = first.length;
  const end = id.length - last.length;
  for (const part of rest) {
    const found = id.indexOf(part, at);
    if (found < 0 || found + part.length > end) return false;
    at = found + part.length;
  }
  return true;
}
