// Requests waiting for --manual approval, with approve and reject buttons. With --manual off there is no result
// (or GET /admin/approvals answered 404): the card stays hidden.
import { byId, formatBytes, formatRelative, h } from "./dom.mjs";

/**
 * Renders the queue from an api() result; decide(id, "approve" | "reject") is called on a button press and
 * returns a promise (the buttons stay disabled while it runs, so a double click sends one decision).
 */
export function renderApprovals(result, decide) {
  const card = byId("approvals-card");
  if (!result || result.status === 404) {
    card.hidden = true;
    return;
  }
  card.hidden = false;
  const pending = Array.isArray(result.body?.pending) ? result.body.pending : [];
  const list = byId("approvals");
  // Items are kept by id across polls so a focused button keeps its focus while the list refreshes.
  const existing = new Map([...list.querySelectorAll("li[data-id]")].map((element) => [element.dataset.id, element]));
  const items = pending.map((item) => {
    const id = String(item.id);
    const element = existing.get(id) ?? approvalItem(id, item, decide);
    element.querySelector(".arrived").textContent = arrival(item);
    return element;
  });
  if (items.length === 0) items.push(h("li", { class: "muted", text: "No request is waiting." }));
  // Only what changed moves: removing a focused button, even to re-insert it, would drop its focus.
  for (const child of [...list.children]) if (!items.includes(child)) child.remove();
  items.forEach((element, index) => {
    if (list.children[index] !== element) list.insertBefore(element, list.children[index] ?? null);
  });
}

const arrival = (item) => `${formatBytes(item.bytes)} from ${String(item.client || "unknown client")}, arrived ${formatRelative(Math.min(0, new Date(item.receivedAt).getTime() - Date.now()))}`;

function approvalItem(id, item, decide) {
  const summary = `${String(item.model)} via ${String(item.route)} (${String(item.dialect)}), ${String(item.initiator)} turn`;
  const buttons = [];
  const press = (decision) => async () => {
    for (const button of buttons) button.disabled = true;
    await decide(id, decision);
    // The decided item is gone: keep keyboard users in the card rather than at the top of the page.
    if (!document.activeElement || document.activeElement === document.body) byId("approvals-title").focus();
  };
  buttons.push(
    h("button", { type: "button", class: "approve", "aria-label": `Approve ${summary}`, onclick: press("approve"), text: "Approve" }),
    h("button", { type: "button", class: "reject", "aria-label": `Reject ${summary}`, onclick: press("reject"), text: "Reject" }),
  );
  return h(
    "li",
    { "data-id": id },
    h("p", {}, h("strong", { text: String(item.model) }), ` · ${String(item.route)} · ${String(item.initiator)}`),
    h("p", { class: "muted arrived" }),
    h("div", { class: "row" }, buttons),
  );
}
