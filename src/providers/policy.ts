import type { ProviderSettings } from "../config/provider-settings.ts";
import type { ProviderPolicy } from "./provider.ts";

/** A provider's (or a model route's) configured timeouts and retries, in the units dispatch works in. */
export const policyOf = (settings: Pick<ProviderSettings, "timeouts" | "retry">): ProviderPolicy => ({
  connectMs: settings.timeouts.connect * 1000,
  firstByteMs: settings.timeouts.firstByte * 1000,
  streamIdleMs: settings.timeouts.streamIdle * 1000,
  attempts: settings.retry.maxAttempts,
  totalMs: settings.retry.maxTotalSeconds * 1000,
});
