import { flagOf, type OptionSpec, optionKeys, optionSpecs, toEnvName } from "./options.ts";

/** A value as YAML: strings and lists in JSON's syntax, which YAML reads the same. */
const yamlValue = (value: OptionSpec["default"]): string => (value === undefined ? "" : ` ${typeof value === "string" || Array.isArray(value) ? JSON.stringify(value) : value}`);

function optionBlock(key: (typeof optionKeys)[number]): string {
  const spec: OptionSpec = optionSpecs[key];
  const values = spec.values ? ` (${spec.values.join(" | ")})` : "";
  return [`# ${spec.description}${values}`, `# flag --${flagOf(key)}, env ${toEnvName(key)}${spec.default === undefined ? ", no default" : ""}`, `# ${key}:${yamlValue(spec.default)}`].join("\n");
}

const PROVIDER_EXAMPLES = `# ---------------------------------------------------------------------------------------------------------------
# Providers besides the built-in "copilot". type: openai | anthropic | ollama, or a preset: zai, openrouter, deepseek,
# openai, anthropic, ollama (an entry named after a preset may be just "zai: {}"; explicit fields override the
# preset's). A preset's key comes from its environment variables (zai: ZAI_API_KEY, ZAI_CODING_API_KEY or GLM_API_KEY)
# and only ever goes to the preset's own server. Any string value may use \${VAR} or \${VAR:-default}.
# Per provider: baseUrl, apiKey, headers, transforms {request, response}, models (static list), responses (openai
# speaks the Responses API too), timeouts {connect, firstByte, streamIdle} (seconds), retry {maxAttempts,
# maxTotalSeconds}, tlsVerify (default true), proxy (URL), anthropicVersion.
#
# providers:
#   zai: {}
#   glm: { type: openai, baseUrl: https://api.z.ai/api/coding/paas/v4, apiKey: \${ZAI_API_KEY} }
#   local: { type: ollama, baseUrl: http://127.0.0.1:11434 }
#   claude: { type: anthropic, apiKey: \${ANTHROPIC_API_KEY} }
#   vllm:
#     type: openai
#     baseUrl: http://gpu-box:8000/v1
#     apiKey: \${VLLM_KEY:-}
#     models: [qwen3-coder]
#     timeouts: { firstByte: 600 }
#     retry: { maxAttempts: 2 }

# Which provider serves a model: an exact name or a pattern with * (an exact name first, then patterns in order).
# "model" is the upstream id when it differs (an alias). Per route: headers, transforms, timeouts, retry.
#
# models:
#   "glm-*": { provider: zai }
#   "qwen3:*": { provider: local }
#   fast: { provider: copilot, model: gpt-5-mini }

# Aliases of Copilot models, and models to try while one cools down or fails:
#
# modelAliases:
#   sonnet: claude-sonnet-4.5
# fallbacks:
#   claude-sonnet-4.5: [gpt-5-mini]
`;

/** The commented starter file of `config init`: every option with its flag, env name and default, then examples. */
export function starterConfig(): string {
  const header = [
    "# copilot-relay configuration. Precedence: command-line flag > environment variable > this file > default.",
    "# Every option is commented out at its default; keys may also be written kebab-case or snake_case.",
    "# Check it with `copilot-relay config validate`; see the effective values with `copilot-relay config show`.",
  ].join("\n");
  return `${header}\n\n${optionKeys.map(optionBlock).join("\n\n")}\n\n${PROVIDER_EXAMPLES}`;
}
