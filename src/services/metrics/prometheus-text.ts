/**
 * The Prometheus text exposition format, version 0.0.4
 * (https://prometheus.io/docs/instrumenting/exposition_formats/#text-based-format): just what the relay's own
 * counters, gauges and histograms need.
 */
export const PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

export type MetricType = "counter" | "gauge" | "histogram";

/** Backslash, double quote and line feed are the only characters a label value escapes. */
export function escapeLabelValue(value: string): string {
  return /[\\"\n]/.test(value) ? value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n") : value;
}

/** `{route="/v1/messages",status="200"}`, or "" without labels. */
export function renderLabels(names: readonly string[], values: readonly string[]): string {
  if (names.length === 0) return "";
  let text = "{";
  for (let index = 0; index < names.length; index++) {
    if (index > 0) text += ",";
    text += `${names[index]}="${escapeLabelValue(values[index] ?? "")}"`;
  }
  return `${text}}`;
}

/** Numbers as Prometheus reads them: `+Inf`, `NaN`, and no exponent surprises for counts. */
export function formatValue(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (value === Number.POSITIVE_INFINITY) return "+Inf";
  if (value === Number.NEGATIVE_INFINITY) return "-Inf";
  return String(value);
}

/** The `# HELP` and `# TYPE` lines that open a metric family. */
export function familyHeader(name: string, help: string, type: MetricType): string {
  return `# HELP ${name} ${help.replace(/\\/g, "\\\\").replace(/\n/g, "\\n")}\n# TYPE ${name} ${type}\n`;
}

/** One gauge (or counter) family with a single unlabelled sample. */
export function singleSample(name: string, help: string, type: MetricType, value: number): string {
  return `${familyHeader(name, help, type)}${name} ${formatValue(value)}\n`;
}
