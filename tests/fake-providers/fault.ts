/** An armed fault: the next POST requests get a status in the provider's error envelope instead of an answer. */
import type { FakeFault } from "./types";

export interface FaultSlot {
  arm(fault: FakeFault): void;
  /** Uses one request of the armed fault, if any: its status and extra headers. */
  take(): { status: number; headers: Record<string, string> } | undefined;
}

export function faultSlot(initial: FakeFault | undefined): FaultSlot {
  let armed: FakeFault | undefined;
  let left = 0;
  const slot: FaultSlot = {
    arm(fault) {
      armed = fault;
      left = fault.times ?? 1;
    },
    take() {
      if (armed === undefined || left <= 0) return undefined;
      left -= 1;
      const headers: Record<string, string> = armed.retryAfter === undefined ? {} : { "retry-after": String(armed.retryAfter) };
      return { status: armed.status, headers };
    },
  };
  if (initial !== undefined) slot.arm(initial);
  return slot;
}
