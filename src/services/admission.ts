import type { ApprovalQueue, ApprovalRequest, RateLimiter } from "./control/index.ts";

export interface Admission {
  /** Resolves when the request may go upstream; rejects with a 429 (rate limit) or 403 (rejected) RelayError. */
  admit(request: ApprovalRequest, signal: AbortSignal): Promise<void>;
}

/**
 * What a chat request passes once before its first upstream call: manual approval when --manual is on (a person
 * decides first, so a request waiting for them holds no rate-limit slot), then the --rate-limit spacing.
 */
export function createAdmission(rateLimiter: RateLimiter, approvals: ApprovalQueue | undefined): Admission {
  return {
    async admit(request, signal) {
      if (approvals) await approvals.request(request, signal);
      await rateLimiter.acquire(signal);
    },
  };
}
