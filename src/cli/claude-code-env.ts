/**
 * The environment that points Claude Code at the relay, and how to print it for each shell. Pure: no I/O.
 * Variable names: https://docs.anthropic.com/en/docs/claude-code/settings#environment-variables
 */
export interface ClaudeCodeEnvOptions {
  /** The relay's bind address; wildcard addresses become loopback in the URL. */
  host: string;
  port: number;
  /** Main model (ANTHROPIC_MODEL), a Copilot model id. */
  model: string;
  /** Background and quick tasks (haiku tier). */
  smallModel: string;
  /** What Claude Code's "opus" tier maps to; defaults to `model`. */
  opusModel?: string;
  /** What Claude Code's "sonnet" tier maps to; defaults to `model`. */
  sonnetModel?: string;
  /** Sent as ANTHROPIC_AUTH_TOKEN (Authorization: Bearer); the relay ignores it unless it checks an API key. */
  authToken?: string;
}

export type ClaudeCodeEnv = Record<string, string>;

/** The URL a client on this machine uses to reach a relay bound to `host`. */
export function clientBaseUrl(host: string, port: number): string {
  const trimmed = host.trim().replace(/^\[(.*)\]$/, "$1");
  const reachable = trimmed === "" || trimmed === "0.0.0.0" ? "127.0.0.1" : trimmed === "::" ? "::1" : trimmed;
  return `http://${reachable.includes(":") ? `[${reachable}]` : reachable}:${port}`;
}

/**
 * CLAUDE_CODE_SUBAGENT_MODEL is deliberately not set: it would force every subagent onto one model and override the
 * `model:` each agent declares. Subagents asking for haiku / sonnet / opus already land on the tiers mapped here,
 * and "inherit" gets the main model.
 */
export function claudeCodeEnv(options: ClaudeCodeEnvOptions): ClaudeCodeEnv {
  return {
    ANTHROPIC_BASE_URL: clientBaseUrl(options.host, options.port),
    ANTHROPIC_AUTH_TOKEN: options.authToken || "dummy",
    ANTHROPIC_MODEL: options.model,
    ANTHROPIC_DEFAULT_OPUS_MODEL: options.opusModel ?? options.model,
    ANTHROPIC_DEFAULT_SONNET_MODEL: options.sonnetModel ?? options.model,
    ANTHROPIC_DEFAULT_HAIKU_MODEL: options.smallModel,
    // The deprecated name of the haiku-tier variable, for older Claude Code versions.
    ANTHROPIC_SMALL_FAST_MODEL: options.smallModel,
    DISABLE_NON_ESSENTIAL_MODEL_CALLS: "1",
    // Also turns off telemetry, error reporting and the auto-updater (PROTOCOL.md §8).
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: "1",
  };
}

export const SHELLS = ["bash", "zsh", "fish", "powershell", "cmd"] as const;
export type Shell = (typeof SHELLS)[number];

export const isShell = (value: unknown): value is Shell => SHELLS.includes(value as Shell);

/** From $SHELL on Unix-likes (anything unknown gets POSIX syntax); PowerShell on Windows unless $SHELL says otherwise. */
export function detectShell(env: Record<string, string | undefined>, platform: string = process.platform): Shell {
  const name = (env.SHELL ?? "").split(/[\\/]/).pop()?.replace(/\.exe$/i, "").toLowerCase() ?? "";
  if (name === "fish" || name === "zsh" || name === "bash") return name;
  if (name === "pwsh" || name === "powershell") return "powershell";
  if (platform === "win32") return "powershell";
  return "bash";
}

const posixQuote = (value: string): string => `'${value.replaceAll("'", `'\\''`)}'`;
/** Inside fish single quotes only backslash and the quote itself are special. */
const fishQuote = (value: string): string => `'${value.replace(/[\\']/g, (character) => `\\${character}`)}'`;
/** PowerShell also treats the typographic single quotes as quote characters; doubling escapes each of them. */
const powershellQuote = (value: string): string => `'${value.replace(/['\u2018\u2019\u201a\u201b]/g, (character) => character + character)}'`;

function cmdLine(key: string, value: string): string {
  // `set "K=v"` keeps & | < > ^ and quotes literal (the last quote on the line closes); cmd has no way to write
  // a newline, and %NAME% would expand in an interactive prompt.
  if (/[\r\n]/.test(value)) throw new Error(`${key} contains a line break, which cmd cannot set`);
  if (/%[^%\s]+%/.test(value)) throw new Error(`${key} contains %…%, which cmd would expand; use PowerShell`);
  return `set "${key}=${value}"`;
}

const lineFor: Record<Shell, (key: string, value: string) => string> = {
  bash: (key, value) => `export ${key}=${posixQuote(value)}`,
  zsh: (key, value) => `export ${key}=${posixQuote(value)}`,
  fish: (key, value) => `set -gx ${key} ${fishQuote(value)}`,
  powershell: (key, value) => `$env:${key} = ${powershellQuote(value)}`,
  cmd: cmdLine,
};

export const CLAUDE_HINT = "Then run: claude";

/** One assignment per variable in the shell's syntax, then a comment saying to run `claude`. */
export function formatShellEnv(env: Record<string, string>, shell: Shell): string {
  const lines = Object.entries(env).map(([key, value]) => {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) throw new Error(`Invalid environment variable name: ${JSON.stringify(key)}`);
    return lineFor[shell](key, value);
  });
  lines.push(`${shell === "cmd" ? "rem" : "#"} ${CLAUDE_HINT}`);
  return `${lines.join("\n")}\n`;
}
