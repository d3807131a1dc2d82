import type { StreamWatchFactory } from "../../relay/relay-deps.ts";

/**
 * Wraps a stream's watchdog to note when the upstream's first bytes came (which the relay passes on at once): the
 * stream relays already call `touch()` on every chunk, so time to first byte costs no extra hook in them.
 */
export function firstByteWatch(watch: StreamWatchFactory | undefined): { watch: StreamWatchFactory; at(): number | undefined } {
  let firstAt: number | undefined;
  return {
    watch(onTimeout) {
      const inner = watch?.(onTimeout);
      return {
        touch() {
          firstAt ??= Date.now();
          inner?.touch();
        },
        stop: () => inner?.stop(),
      };
    },
    at: () => firstAt,
  };
}
