import { familyHeader, formatValue, renderLabels } from "./prometheus-text.ts";

/** One histogram series: observations per bucket (not cumulative; the exposition adds them up), sum and count. */
export interface HistogramCell {
  counts: Float64Array;
  sum: number;
  count: number;
}

export interface HistogramFamily {
  cell(values: readonly string[]): HistogramCell;
  observe(cell: HistogramCell, value: number): void;
  render(): string;
}

/** A histogram with labels and fixed upper bounds (ascending; `+Inf` is implied). */
export function createHistogramFamily(name: string, help: string, labelNames: readonly string[], bounds: readonly number[]): HistogramFamily {
  const cells = new Map<string, { labelValues: readonly string[]; cell: HistogramCell }>();
  const bucketLabelNames = [...labelNames, "le"];
  const boundTexts = [...bounds.map(formatValue), "+Inf"];
  return {
    cell(values) {
      const key = renderLabels(labelNames, values);
      let entry = cells.get(key);
      if (!entry) {
        entry = { labelValues: [...values], cell: { counts: new Float64Array(bounds.length + 1), sum: 0, count: 0 } };
        cells.set(key, entry);
      }
      return entry.cell;
    },
    observe(cell, value) {
      let index = 0;
      while (index < bounds.length && value > (bounds[index] as number)) index++;
      (cell.counts[index] as number) += 1;
      cell.sum += value;
      cell.count += 1;
    },
    render() {
      let text = familyHeader(name, help, "histogram");
      for (const [labels, { labelValues, cell }] of cells) {
        let cumulative = 0;
        for (let index = 0; index < boundTexts.length; index++) {
          cumulative += cell.counts[index] as number;
          text += `${name}_bucket${renderLabels(bucketLabelNames, [...labelValues, boundTexts[index] as string])} ${cumulative}\n`;
        }
        text += `${name}_sum${labels} ${formatValue(cell.sum)}\n${name}_count${labels} ${cell.count}\n`;
      }
      return text;
    },
  };
}
