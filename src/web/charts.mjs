// Bar charts drawn as plain SVG, sized in pixels to their container so text stays legible at 360 px wide.
import { h, num, s } from "./dom.mjs";

const HEIGHT = 170;
const MARGIN = { top: 10, right: 8, bottom: 22, left: 46 };

/**
 * A round axis maximum at or above the largest value, with a round half-way line: 1, 2, 4, 6 or 8 times a power
 * of ten. Counts (integer: true) start at 2 so the half-way line is a whole number.
 */
export function niceMax(value, integer = false) {
  const floor = integer ? 2 : 1;
  if (!(value > floor)) return floor;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 4, 6, 8, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}

const shortDay = (day) => {
  const date = new Date(`${day}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? day : date.toLocaleDateString(undefined, { month: "short", day: "numeric", timeZone: "UTC" });
};

/**
 * Stacked bars, one per day. series: [{ name, className, values }] with values aligned to days; format turns an
 * axis or tooltip value into text; integer marks counts (no fractional axis line). The SVG carries a summary for screen readers; each bar has a <title> tooltip.
 */
export function drawBarChart(host, { days, series, label, format, integer = false }) {
  const width = Math.max(240, Math.floor(host.clientWidth || 600));
  const plotWidth = width - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const totals = days.map((_, index) => series.reduce((sum, line) => sum + num(line.values[index]), 0));
  const max = niceMax(Math.max(0, ...totals), integer);
  const y = (value) => MARGIN.top + plotHeight - (value / max) * plotHeight;
  const sums = series.map((line) => line.values.reduce((sum, value) => sum + num(value), 0));
  const summary = `${label}: ${series.map((line, index) => `${format(sums[index])} ${line.name.toLowerCase()}`).join(", ")} over ${days.length} days.`;

  const chart = s("svg", { width, height: HEIGHT, viewBox: `0 0 ${width} ${HEIGHT}`, role: "img", "aria-label": summary });
  for (const fraction of [0, 0.5, 1]) {
    const value = max * fraction;
    chart.append(
      s("line", { class: "grid-line", x1: MARGIN.left, x2: width - MARGIN.right, y1: y(value), y2: y(value) }),
      s("text", { x: MARGIN.left - 6, y: y(value) + 4, "text-anchor": "end", text: format(value) }),
    );
  }
  const band = plotWidth / Math.max(1, days.length);
  const barWidth = Math.max(1, band * 0.72);
  days.forEach((day, index) => {
    let base = 0;
    const x = MARGIN.left + index * band + (band - barWidth) / 2;
    const tip = `${day}: ${series.map((line) => `${format(num(line.values[index]))} ${line.name.toLowerCase()}`).join(", ")}`;
    for (const line of series) {
      const value = num(line.values[index]);
      if (value <= 0) continue;
      chart.append(s("rect", { class: line.className, x, width: barWidth, y: y(base + value), height: Math.max(1, y(base) - y(base + value)) }, s("title", { text: tip })));
      base += value;
    }
  });
  const labelled = days.length <= 1 ? [0] : [0, Math.floor((days.length - 1) / 2), days.length - 1];
  for (const index of labelled) {
    if (days[index] === undefined) continue;
    const anchor = index === 0 ? "start" : index === days.length - 1 ? "end" : "middle";
    const x = anchor === "start" ? MARGIN.left : anchor === "end" ? width - MARGIN.right : MARGIN.left + (index + 0.5) * band;
    chart.append(s("text", { x, y: HEIGHT - 6, "text-anchor": anchor, text: shortDay(days[index]) }));
  }
  if (totals.every((total) => total === 0)) {
    chart.append(s("text", { class: "empty", x: MARGIN.left + plotWidth / 2, y: MARGIN.top + plotHeight / 2, "text-anchor": "middle", text: "Nothing yet" }));
  }
  host.replaceChildren(chart);
}

/** A ring gauge for one quota: the share remaining, with the figure in the middle. */
export function drawGauge({ title, remaining, entitlement, percent, unlimited, detail }) {
  const radius = 40;
  const circumference = 2 * Math.PI * radius;
  const share = unlimited ? 1 : Math.min(1, Math.max(0, num(percent) / 100));
  const level = unlimited || share > 0.2 ? "ok" : share > 0 ? "low" : "empty";
  const centre = unlimited ? "∞" : `${Math.round(share * 100)}%`;
  const figure = unlimited ? "Unlimited" : `${remaining} of ${entitlement} left`;
  const ring = s(
    "svg",
    { viewBox: "0 0 100 100", "aria-hidden": "true" },
    s("circle", { class: "track", cx: 50, cy: 50, r: radius, fill: "none", "stroke-width": 10 }),
    s("circle", {
      class: "value", cx: 50, cy: 50, r: radius, fill: "none", "stroke-width": 10, "stroke-linecap": "round",
      "stroke-dasharray": `${share * circumference} ${circumference}`, transform: "rotate(-90 50 50)",
    }),
    s("text", { x: 50, y: 55, "text-anchor": "middle", text: centre }),
  );
  return h(
    "figure",
    { class: "gauge", "data-level": level, role: "group", "aria-label": `${title}: ${figure}` },
    ring,
    h("figcaption", {}, h("span", { class: "figure", text: figure }), title, detail ? h("small", { class: "muted", text: ` · ${detail}` }) : null),
  );
}
