export interface LoadResult {
  requests: number;
  errors: number;
  seconds: number;
  latenciesMs: number[];
  /** The first failure's status and body start, so a broken scenario says why. */
  firstError?: string;
}

/** Keeps `concurrency` requests in flight for `durationMs`; each request reads its whole body. */
export async function drive(url: string, body: string, concurrency: number, durationMs: number, headers: Record<string, string> = {}): Promise<LoadResult> {
  const latenciesMs: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  const started = performance.now();
  const deadline = started + durationMs;
  const worker = async () => {
    while (performance.now() < deadline) {
      const begin = performance.now();
      try {
        const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });
        const text = await response.text();
        if (!response.ok) {
          errors++;
          firstError ??= `${response.status} ${text.slice(0, 200)}`;
        } else latenciesMs.push(performance.now() - begin);
      } catch (error) {
        errors++;
        firstError ??= String(error);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { requests: latenciesMs.length, errors, seconds: (performance.now() - started) / 1000, latenciesMs, firstError };
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export function median(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Sends exactly `total` requests, `concurrency` at a time, cycling through the given requests. */
export async function driveCount(requests: { url: string; body: string; headers?: Record<string, string> }[], concurrency: number, total: number): Promise<{ errors: number; firstError?: string }> {
  let next = 0;
  let errors = 0;
  let firstError: string | undefined;
  const worker = async () => {
    while (next < total) {
      const request = requests[next++ % requests.length]!;
      try {
        const response = await fetch(request.url, { method: "POST", headers: { "content-type": "application/json", ...request.headers }, body: request.body });
        const text = await response.text();
        if (!response.ok) {
          errors++;
          firstError ??= `${response.status} ${text.slice(0, 200)}`;
        }
      } catch (error) {
        errors++;
        firstError ??= String(error);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { errors, firstError };
}
