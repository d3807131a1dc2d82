/** Public surface of the fake GitHub + GitHub Copilot upstream used by tests and the benchmark. */
export { startFakeUpstream } from "./server";
export { DEFAULT_MODELS } from "./models";
export { DEFAULT_GITHUB_TOKEN } from "./config";
export type {
  DeviceFlowOptions,
  DripFailure,
  FakeModel,
  FakeUpstream,
  FakeUpstreamOptions,
  FailureKind,
  HugeFailure,
  InjectedFailure,
  NoHeadersDelayFailure,
  RecordedRequest,
  ResetBeforeHeadersFailure,
  ResetMidStreamFailure,
  StallFailure,
  StatusFailure,
} from "./types";
export { ACCEPTED_BETAS } from "./messages-validate";
export { TOO_LONG_MESSAGE } from "./prompt-limit";
