// Small DOM and formatting helpers. Text always goes in through text nodes, never innerHTML: model names, routes
// and key names come from clients, so markup in them must stay text.

const SVG_NS = "http://www.w3.org/2000/svg";

function build(element, attributes, children) {
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name === "text") element.textContent = String(value);
    else if (name.startsWith("on") && typeof value === "function") element.addEventListener(name.slice(2), value);
    else element.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    element.append(typeof child === "string" || typeof child === "number" ? String(child) : child);
  }
  return element;
}

/** An HTML element: h("td", { class: "number" }, "12"). */
export const h = (tag, attributes, ...children) => build(document.createElement(tag), attributes, children);

/** An SVG element, same calling shape as h. */
export const s = (tag, attributes, ...children) => build(document.createElementNS(SVG_NS, tag), attributes, children);

export const byId = (id) => document.getElementById(id);

/** A finite number from an untrusted field, or the fallback. */
export const num = (value, fallback = 0) => (typeof value === "number" && Number.isFinite(value) ? value : fallback);

const integer = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });
const compact = new Intl.NumberFormat(undefined, { notation: "compact", maximumFractionDigits: 1 });

export const formatInteger = (value) => integer.format(num(value));
/** Premium requests are fractional (multipliers such as 0.33). */
export const formatDecimal = (value) => decimal.format(num(value));
export const formatCompact = (value) => (Math.abs(num(value)) < 10_000 ? integer.format(num(value)) : compact.format(num(value)));
export const formatPercent = (fraction) => `${decimal.format(num(fraction) * 100)}%`;

export function formatMs(value) {
  if (typeof value !== "number" || !Number.isFinite(value)) return "–";
  return value < 1000 ? `${Math.round(value)} ms` : `${decimal.format(value / 1000)} s`;
}

/** "in 24 min", "3 h ago": a span of time relative to now, for people. */
export function formatRelative(milliseconds) {
  const past = milliseconds < 0;
  const seconds = Math.round(Math.abs(milliseconds) / 1000);
  let text;
  if (seconds < 90) text = `${seconds} s`;
  else if (seconds < 90 * 60) text = `${Math.round(seconds / 60)} min`;
  else if (seconds < 48 * 3600) text = `${decimal.format(Math.round(seconds / 360) / 10)} h`;
  else text = `${Math.round(seconds / 86400)} days`;
  return past ? `${text} ago` : `in ${text}`;
}

export const formatTime = (value) => {
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? "–" : date.toLocaleTimeString();
};

export function formatBytes(bytes) {
  const value = num(bytes);
  if (value < 1024) return `${integer.format(value)} B`;
  if (value < 1024 * 1024) return `${decimal.format(value / 1024)} KB`;
  return `${decimal.format(value / 1024 / 1024)} MB`;
}

/** A table with a header row; rows are arrays of cells { text, class }; labels feed the narrow-screen layout. */
export function fillTable(table, columns, rows, emptyText) {
  const head = h("thead", {}, h("tr", {}, columns.map((column) => h("th", { scope: "col", class: column.number ? "number" : undefined, text: column.label }))));
  const body = h("tbody");
  if (rows.length === 0) body.append(h("tr", {}, h("td", { class: "empty", colspan: columns.length, text: emptyText })));
  for (const row of rows) {
    body.append(
      h("tr", {}, row.map((cell, index) =>
        h("td", { class: [columns[index]?.number ? "number" : "", cell.class ?? ""].join(" ").trim() || undefined, "data-label": columns[index]?.label, title: cell.title, text: cell.text }),
      )),
    );
  }
  table.replaceChildren(head, body);
}
