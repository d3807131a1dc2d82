// The dashboard's loop: poll the relay every few seconds, render each card, and sign in when it answers 401.
import { api, AuthRequired, errorMessage, saveKey, savedKey } from "./api.mjs";
import { renderApprovals } from "./approvals-panel.mjs";
import { byId, formatTime } from "./dom.mjs";
import { renderHealth } from "./health-panel.mjs";
import { renderQuota } from "./quota-panel.mjs";
import { renderRecent } from "./recent-panel.mjs";
import { redrawCharts, renderStats, STATS_DAYS } from "./stats-panels.mjs";
import { setupTheme } from "./theme.mjs";

const POLL_MS = 3000;
/** A background tab polls rarely; it catches up the moment it is shown again. */
const HIDDEN_POLL_MS = 30_000;
/** /usage asks GitHub (cached briefly by the relay): the quota moves slowly, once a minute is plenty. */
const QUOTA_EVERY_MS = 60_000;
const QUOTA_RETRY_MS = 15_000;

// manual: whether the last /readyz showed an approval queue (--manual); /admin/approvals is asked only then.
const state = { timer: undefined, running: undefined, again: false, quotaDueAt: 0, stats: undefined, chartWidth: 0, manual: true };

function setStatus(kind, text) {
  const pill = byId("status");
  pill.dataset.state = kind;
  pill.textContent = text;
}

function setNotice(text) {
  byId("notice").hidden = !text;
  byId("notice").textContent = text;
}

function showLogin() {
  const refused = savedKey() !== "";
  // A refused key is dropped so a rotated key does not loop through 401s.
  if (refused) saveKey("");
  clearTimeout(state.timer);
  byId("board").hidden = true;
  byId("forget").hidden = true;
  byId("login").hidden = false;
  byId("login-error").textContent = refused ? "That key was not accepted. Enter a valid API key." : "";
  setStatus("warn", "Sign-in needed");
  byId("api-key").focus();
}

async function load() {
  const wantQuota = Date.now() >= state.quotaDueAt;
  const [stats, ready, approvals, usage] = await Promise.all([
    api(`/admin/stats?days=${STATS_DAYS}`),
    api("/readyz"),
    state.manual ? api("/admin/approvals") : undefined,
    wantQuota ? api("/usage") : undefined,
  ]);
  byId("login").hidden = true;
  byId("board").hidden = false;
  byId("forget").hidden = savedKey() === "";
  if (usage) {
    state.quotaDueAt = Date.now() + (usage.ok ? QUOTA_EVERY_MS : QUOTA_RETRY_MS);
    renderQuota(usage.ok ? usage.body : undefined, usage.ok ? undefined : errorMessage(usage));
  }
  if (stats.ok && stats.body) {
    state.stats = stats.body;
    renderStats(stats.body);
    renderRecent(stats.body);
    const history = stats.body.history;
    // History off or its database unusable: the relay still serves, and says why the figures are empty.
    setNotice(history?.enabled === false ? `Request history is off${history.reason ? `: ${history.reason}` : ""}.` : "");
  } else {
    setNotice(`Request history is unavailable: ${errorMessage(stats)}`);
  }
  state.manual = ready.body?.approvals !== null;
  renderApprovals(approvals, decide);
  const pill = ready.body ? renderHealth(ready.body) : { state: "error", text: errorMessage(ready) };
  setStatus(pill.state, pill.text);
  // Outside the status region: a clock ticking in a live region would be read out on every poll.
  byId("updated").textContent = `Updated ${formatTime(Date.now())}`;
}

/** Loads now; a call while a load runs queues one more, so a button press is never lost nor doubled. */
async function refresh() {
  if (state.running) {
    state.again = true;
    return state.running;
  }
  clearTimeout(state.timer);
  state.running = load().then(
    () => true,
    (error) => {
      if (error instanceof AuthRequired) {
        showLogin();
        return false;
      }
      setStatus("error", "Relay unreachable, retrying…");
      return true;
    },
  );
  const keepPolling = await state.running;
  state.running = undefined;
  if (!keepPolling) return;
  if (state.again) {
    state.again = false;
    return refresh();
  }
  state.timer = setTimeout(refresh, document.hidden ? HIDDEN_POLL_MS : POLL_MS);
}

/** A POST to an admin endpoint from a button; its outcome goes to the message line. */
async function post(path, messageId, describe) {
  const message = byId(messageId);
  try {
    const result = await api(path, "POST");
    message.textContent = result.ok ? describe(result.body ?? {}) : `Failed: ${errorMessage(result)}`;
  } catch (error) {
    if (error instanceof AuthRequired) return showLogin();
    message.textContent = "Failed: the relay did not answer.";
  }
  await refresh();
}

const decide = (id, decision) => post(`/admin/approvals/${encodeURIComponent(id)}/${decision}`, "approvals-message", () => "");

function start() {
  setupTheme(byId("theme"), byId("theme-label"));
  byId("refresh").addEventListener("click", () => {
    state.quotaDueAt = 0;
    refresh();
  });
  byId("forget").addEventListener("click", () => {
    saveKey("");
    byId("forget").hidden = true;
    refresh();
  });
  byId("token-refresh").addEventListener("click", () =>
    post("/admin/token/refresh", "health-message", (body) => `Token refreshed; it expires at ${formatTime(body.expiresAt)}.`),
  );
  byId("cooldowns-reset").addEventListener("click", () =>
    post("/admin/cooldowns/reset", "health-message", (body) => `Cooldowns cleared${Array.isArray(body.cleared) && body.cleared.length ? `: ${body.cleared.join(", ")}` : ""}.`),
  );
  byId("login-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const input = byId("api-key");
    const key = input.value.trim();
    // Header values are visible ASCII; anything else would make fetch throw before the relay could answer.
    if (!/^[\x21-\x7e]+$/.test(key)) {
      byId("login-error").textContent = "An API key is printable ASCII without spaces.";
      return;
    }
    saveKey(key);
    input.value = "";
    state.quotaDueAt = 0;
    refresh();
  });
  document.addEventListener("visibilitychange", () => {
    if (!document.hidden) refresh();
  });
  // Charts are drawn in pixels: redraw them when the page's width changes.
  new ResizeObserver(([entry]) => {
    const width = Math.round(entry?.contentRect.width ?? 0);
    if (width === state.chartWidth) return;
    state.chartWidth = width;
    if (state.stats) requestAnimationFrame(() => redrawCharts(state.stats));
  }).observe(byId("main"));
  refresh();
}

start();
