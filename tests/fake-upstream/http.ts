/** Small response helpers shared by all handlers. */

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export const SSE_HEADERS = {
  "content-type": "text/event-stream; charset=utf-8",
  "cache-control": "no-cache",
};

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", ...headers },
  });
}

export function text(body: string, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(body, {
    status,
    headers: { "content-type": "text/plain; charset=utf-8", ...headers },
  });
}

/** GitHub-style 404, used for every unknown route. */
export function notFound(): Response {
  return json({ message: "Not Found", documentation_url: "https://docs.github.com/rest" }, 404);
}

/** GitHub REST 401. */
export function badCredentials(): Response {
  return json({ message: "Bad credentials", documentation_url: "https://docs.github.com/rest" }, 401);
}

/** Copilot-style error body: {error:{message, code, ...}}. */
export function copilotError(
  status: number,
  message: string,
  code: string,
  extra: Record<string, unknown> = {},
): Response {
  return json({ error: { message, code, ...extra } }, status);
}

/** Rough deterministic token count used for usage numbers. */
export function approxTokens(s: string): number {
  return Math.ceil(s.length / 4);
}

export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

/** Resolves after `ms`, or early when `signal` aborts. */
export function sleepUnlessAborted(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done);
  });
}
