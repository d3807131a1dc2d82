import type { ApprovalQueue, ApprovalRequest, RateLimiter } from "./control/index.ts";

export interface Admission {
  /**
   * Resolves when the request may go upstream; rejects with a 429 (rate limit) or 403 (rejected) RelayError.
   * Undefined when neither --manual nor --rate-limit is on: the hot path then does not await at all.
   */
  admit(request: ApprovalRequest, signal: AbortSignal): Promise<void> | undefined;
}

/**
 * What a chat request passes once before its first upstream call: manual approval when --manual is on (a person
 * decides first, so a request waiting for them holds no rate-limit slot), then the --rate-limit spacing.
 */
export function createAdmission(rateLimiter: RateLimiter, approvals: ApprovalQueue | undefined, rateLimited: boolean): Admission {
  if (!approvals && !rateLimited) return { admit: () => undefined };
  return {
    async admit(request, signal) {
      if (approvals) await approvals.request(request, signal);
      await rateLimiter.acquire(signal);
    },
  };
}
