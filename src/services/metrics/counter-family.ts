import { familyHeader, formatValue, renderLabels } from "./prometheus-text.ts";

/** One counter's value for one set of label values; callers keep it, so counting is one addition. */
export interface CounterCell {
  value: number;
}

export interface CounterFamily {
  /** The cell for these label values (in `labelNames` order), made on first use. */
  cell(values: readonly string[]): CounterCell;
  render(): string;
}

/** A counter with labels. Label values must come from a bounded set (routes, dialects, catalogue models, statuses). */
export function createCounterFamily(name: string, help: string, labelNames: readonly string[]): CounterFamily {
  const cells = new Map<string, CounterCell>();
  return {
    cell(values) {
      const labels = renderLabels(labelNames, values);
      let cell = cells.get(labels);
      if (!cell) {
        cell = { value: 0 };
        cells.set(labels, cell);
      }
      return cell;
    },
    render() {
      let text = familyHeader(name, help, "counter");
      for (const [labels, cell] of cells) text += `${name}${labels} ${formatValue(cell.value)}\n`;
      return text;
    },
  };
}
