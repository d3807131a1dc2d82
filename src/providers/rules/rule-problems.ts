import { ConfigError, problemAt } from "../../config/config-error.ts";

/** Where a rule sits in the config file: `["providers", "zai", "transforms", "request", 1, "regex"]`. */
export type RulePath = readonly (string | number)[];

/** Collects every problem of one block, so a config with three mistakes names all three in one ConfigError. */
export interface RuleProblems {
  add(at: RulePath, problem: string): void;
  /** Throws the ConfigError when a problem was added. */
  throwIfAny(): void;
}

export function ruleProblems(): RuleProblems {
  const problems: string[] = [];
  return {
    add: (at, problem) => problems.push(problemAt(at, problem)),
    throwIfAny() {
      if (problems.length > 0) throw new ConfigError(problems);
    },
  };
}
