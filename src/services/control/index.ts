export { type ApprovalPrompter, type ApprovalQueue, type ApprovalQueueOptions, type ApprovalRequest, createApprovalQueue, type PendingApproval } from "./approval-queue.ts";
export { type ApiKeyCheck, apiKeyName, createApiKeyCheck, presentedKey } from "./api-keys.ts";
export { cooldownName, type CooldownEntry, type Cooldowns, type CooldownsOptions, createCooldowns, DEFAULT_COOLDOWN_LADDER_MS } from "./cooldowns.ts";
export { createKeyRateLimiter, type KeyBudget, type KeyRateLimiter, type KeyRateLimiterOptions } from "./key-rate-limiter.ts";
export { createRateLimiter, type RateLimiter, type RateLimiterOptions } from "./rate-limiter.ts";
export { redactBody, redactHeaders } from "./redact.ts";
export { isRetryableStatus, type RetryDecision, type RetryPolicy, retryDelayMs, shouldRetry } from "./retry-policy.ts";
export { createSemaphore, type Semaphore, type SemaphoreOptions } from "./semaphore.ts";
export { approvalQuestion, type ConfirmPrompt, formatBytes, terminalPrompter, type TerminalPrompterOptions } from "./terminal-prompter.ts";
