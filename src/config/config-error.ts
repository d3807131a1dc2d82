/**
 * A configuration problem: exit code 2. It carries every problem found (a file with three mistakes names all three),
 * each a whole sentence; the message is the one problem, or a count followed by one indented line each.
 */
export class ConfigError extends Error {
  override name = "ConfigError";
  readonly problems: readonly string[];

  /** `heading` (e.g. the file's path) starts the message: `config.yaml: 2 configuration problems:`. */
  constructor(problems: string | readonly string[], heading?: string) {
    const list = typeof problems === "string" ? [problems] : problems;
    const prefix = heading === undefined ? "" : `${heading}: `;
    super(list.length === 1 ? `${prefix}${list[0] ?? ""}` : `${prefix}${list.length} configuration problems:\n${list.map((problem) => `  ${problem}`).join("\n")}`);
    this.problems = list;
  }
}

/** A place in the config file: `providers.zai.baseUrl`, `models."glm-*".provider`, `providers.x.models[0]`. */
export function formatPath(segments: readonly (string | number)[]): string {
  let text = "";
  for (const segment of segments) {
    if (typeof segment === "number") text += `[${segment}]`;
    else if (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(segment)) text += text === "" ? segment : `.${segment}`;
    else text += `${text === "" ? "" : "."}${JSON.stringify(segment)}`;
  }
  return text;
}

/** One problem at a place in the file: `Invalid configuration at providers.zai.baseUrl: expected a URL`. */
export function problemAt(segments: readonly (string | number)[], problem: string): string {
  return `Invalid configuration at ${formatPath(segments)}: ${problem}`;
}

/** The first problem of each place: a value that is wrong once is not reported again by a later check. */
export function firstPerPlace(problems: readonly string[]): string[] {
  const seen = new Set<string>();
  return problems.filter((problem) => {
    const place = /^Invalid configuration at (.*?): /.exec(problem)?.[1];
    if (place === undefined) return true;
    if (seen.has(place)) return false;
    seen.add(place);
    return true;
  });
}
