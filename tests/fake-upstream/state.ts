import type { FakeUpstreamOptions, InjectedFailure, RecordedRequest } from "./types";

/** One device_code handed out by POST /login/device/code. */
export interface DeviceCode {
  code: string;
  polls: number;
  slowDowns: number;
  interval: number;
  createdAt: number;
  expiresIn: number;
}

export interface PendingFailure {
  failure: InjectedFailure;
  remaining: number;
}

/** Everything the fake server remembers; shared by all handlers. */
export interface FakeState {
  url: string;
  copilotUrl: string;
  options: FakeUpstreamOptions;
  requests: RecordedRequest[];
  failures: PendingFailure[];
  deviceCodes: Map<string, DeviceCode>;
  /** Copilot token → expiry (epoch ms). */
  issuedTokens: Map<string, number>;
  tokensIssued: number;
  cancelledStreams: number;
  /** Bytes the paced ("huge") streams have handed to the server so far. */
  pacedBytes: number;
  /** Premium requests consumed (user-initiated turns × model multiplier). */
  premiumUsed: number;
  /** Monotonic counters; never reset so ids stay unique. */
  serial: { token: number; device: number; response: number };
}

export function createState(options: FakeUpstreamOptions): FakeState {
  return {
    url: "",
    copilotUrl: "",
    options,
    requests: [],
    failures: [],
    deviceCodes: new Map(),
    issuedTokens: new Map(),
    tokensIssued: 0,
    cancelledStreams: 0,
    pacedBytes: 0,
    premiumUsed: 0,
    serial: { token: 0, device: 0, response: 0 },
  };
}

/** reset(): clear requests, failures and counters (issued tokens stay valid). */
export function resetState(state: FakeState): void {
  state.requests.length = 0;
  state.failures.length = 0;
  state.tokensIssued = 0;
  state.cancelledStreams = 0;
  state.pacedBytes = 0;
  state.premiumUsed = 0;
}
