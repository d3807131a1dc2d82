// Readiness, the Copilot token's expiry, queues and cooldowns, from GET /readyz.
import { byId, formatInteger, formatMs, formatRelative, formatTime, h, num } from "./dom.mjs";

const fact = (label, ...value) => [h("dt", { text: label }), h("dd", {}, ...value)];

function tokenFact(expiresAt) {
  if (typeof expiresAt !== "string") return h("span", { class: "warn", text: "not fetched yet" });
  const left = new Date(expiresAt).getTime() - Date.now();
  if (Number.isNaN(left)) return "unknown";
  // The relay refreshes a minute before refresh_in; a token past its expiry means refreshing has been failing.
  if (left <= 0) return h("span", { class: "bad", text: `expired ${formatRelative(left)}; the relay is retrying the refresh` });
  return h("span", { class: left < 120_000 ? "warn" : "ok", text: `valid, expires ${formatRelative(left)} (${formatTime(expiresAt)}); refreshed automatically` });
}

function cooldownFact(cooldowns) {
  if (cooldowns.length === 0) return "none";
  return h(
    "ul",
    { class: "plain" },
    cooldowns.map((entry) =>
      h("li", { class: "warn", text: `${String(entry.model)}: cooling for ${formatMs(num(entry.remainingMs))} (step ${formatInteger(entry.step)}, until ${formatTime(entry.until)})` }),
    ),
  );
}

/** The other providers: how many models each listed, or why its listing failed. */
function providerFact(providers) {
  return h(
    "ul",
    { class: "plain" },
    providers.map((entry) =>
      h(
        "li",
        entry.problem
          ? { class: "warn", text: String(entry.problem) }
          : { text: `${String(entry.provider)}: ${entry.models === undefined ? "not listed yet" : `${formatInteger(entry.models)} models${Array.isArray(entry.ids) && entry.ids.length > 0 ? ` (${entry.ids.join(", ")})` : ""}`}` },
      ),
    ),
  );
}

/** Renders /readyz (200 or 503 carry the same body); returns the pill state for the header. */
export function renderHealth(ready) {
  const body = ready ?? {};
  const upstream = body.upstream ?? {};
  const cooldowns = Array.isArray(body.cooldowns) ? body.cooldowns : [];
  const isReady = body.status === "ready";
  byId("health").replaceChildren(
    ...fact("Status", h("span", { class: isReady ? "ok" : "bad", text: isReady ? "ready" : `not ready: ${String(body.reason ?? "unknown")}` })),
    ...fact("Copilot token", tokenFact(body.copilotTokenExpiresAt)),
    ...fact("Models", formatInteger(body.models)),
    ...(Array.isArray(body.providers) && body.providers.length > 0 ? fact("Providers", providerFact(body.providers)) : []),
    ...fact("Upstream", `${formatInteger(upstream.inFlight)} in flight · ${formatInteger(upstream.queued)} queued · ${formatInteger(upstream.openStreams)} open streams`),
    ...fact("Rate-limit queue", `${formatInteger(body.rateLimit?.queued)} waiting`),
    ...fact("Manual approval", body.approvals ? `on, ${formatInteger(body.approvals.pending)} pending` : "off"),
    ...fact("Cooldowns", cooldownFact(cooldowns)),
  );
  byId("cooldowns-reset").hidden = cooldowns.length === 0;
  if (!isReady) return { state: "error", text: "Not ready" };
  if (cooldowns.length > 0) return { state: "warn", text: `Ready, ${cooldowns.length} cooling` };
  return { state: "ok", text: "Ready" };
}
