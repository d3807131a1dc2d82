/**
 * Latencies are kept per day as a log-scaled histogram: bucket b holds values in (1.1^(b-1), 1.1^b] ms (bucket 0:
 * up to 1 ms), so a percentile read from it is within 5 % of the true one, in about 150 buckets up to 20 minutes.
 */
const GROWTH = 1.1;
const LOG_GROWTH = Math.log(GROWTH);

export function latencyBucket(ms: number): number {
  return ms <= 1 ? 0 : Math.ceil(Math.log(ms) / LOG_GROWTH);
}

/** A bucket's representative value: the geometric middle of its range, in ms. */
export const bucketValue = (bucket: number): number => (bucket === 0 ? 1 : GROWTH ** (bucket - 0.5));

/** The `quantile` (0..1) of a histogram given as [bucket, count] rows in ascending bucket order; 0 when empty. */
export function quantileOf(rows: readonly { bucket: number; count: number }[], quantile: number): number {
  const total = rows.reduce((sum, row) => sum + row.count, 0);
  if (total === 0) return 0;
  const rank = Math.max(1, Math.ceil(quantile * total));
  let seen = 0;
  for (const row of rows) {
    seen += row.count;
    if (seen >= rank) return Math.round(bucketValue(row.bucket) * 10) / 10;
  }
  return Math.round(bucketValue((rows[rows.length - 1] as { bucket: number }).bucket) * 10) / 10;
}
