import { DEFAULT_MODELS } from "./models";
import type { FakeModel, FakeUpstreamOptions } from "./types";

/** Defaults are resolved at request time because tests mutate `options` between steps. */

export const DEFAULT_GITHUB_TOKEN = "gho_fake_user_token";

export function tokenLifetimeSeconds(o: FakeUpstreamOptions): number {
  return o.tokenLifetimeSeconds ?? 1800;
}

export function refreshInSeconds(o: FakeUpstreamOptions): number {
  return o.refreshInSeconds ?? Math.max(1, Math.floor(tokenLifetimeSeconds(o)) - 300);
}

export function githubToken(o: FakeUpstreamOptions): string {
  return o.githubToken ?? DEFAULT_GITHUB_TOKEN;
}

export function modelList(o: FakeUpstreamOptions): FakeModel[] {
  return o.models ?? DEFAULT_MODELS;
}

export function findModel(o: FakeUpstreamOptions, id: unknown): FakeModel | undefined {
  return typeof id === "string" ? modelList(o).find((m) => m.id === id) : undefined;
}

export function frameDelayMs(o: FakeUpstreamOptions): number {
  return o.streamFrameDelayMs ?? 1;
}

export interface ResolvedDeviceFlow {
  pendingPolls: number;
  slowDownOnPoll: number | undefined;
  outcome: "approve" | "deny" | "expire";
  expiresIn: number;
  interval: number;
}

export function deviceFlow(o: FakeUpstreamOptions): ResolvedDeviceFlow {
  const d = o.deviceFlow ?? {};
  return {
    pendingPolls: d.pendingPolls ?? 1,
    slowDownOnPoll: d.slowDownOnPoll,
    outcome: d.outcome ?? "approve",
    expiresIn: d.expiresIn ?? 900,
    interval: d.interval ?? 0,
  };
}
