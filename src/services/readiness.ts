import { RelayError } from "../core/relay-error.ts";

export interface Readiness {
  ready(): boolean;
  /** Why the relay is not ready yet, for /readyz and 503s. */
  reason(): string;
  setReason(reason: string): void;
  markReady(): void;
  /** Resolves when ready; throws a 503 RelayError after timeoutMs. */
  wait(timeoutMs: number): Promise<void>;
}

export function createReadiness(): Readiness {
  let isReady = false;
  let why = "starting: fetching the Copilot token and the model list";
  let release: () => void = () => {};
  const whenReady = new Promise<void>((resolve) => {
    release = resolve;
  });
  return {
    ready: () => isReady,
    reason: () => (isReady ? "ready" : why),
    setReason(reason) {
      why = reason;
    },
    markReady() {
      isReady = true;
      release();
    },
    async wait(timeoutMs) {
      if (isReady) return;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new RelayError("unavailable", `copilot-relay is not ready: ${why}`, { code: "not_ready" })), timeoutMs);
      });
      try {
        await Promise.race([whenReady, timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
