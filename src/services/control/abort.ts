/** What a wait rejects with when its signal aborts: the signal's own reason, as fetch does. */
export const abortReason = (signal: AbortSignal | undefined): unknown => signal?.reason ?? new DOMException("The operation was aborted.", "AbortError");

/** Runs `callback` once when the signal aborts; returns the function that stops listening. */
export function onAbort(signal: AbortSignal | undefined, callback: () => void): () => void {
  if (!signal) return () => {};
  signal.addEventListener("abort", callback, { once: true });
  return () => signal.removeEventListener("abort", callback);
}
