import type { HubStreamPart } from "../core/hub/index.ts";
import type { StreamDecoder } from "./dialect.ts";

/** What a wire's stream decoder supplies; `guardedDecoder` adds the contract's never-throw and end-once rules. */
export interface DecoderSteps<Payload> {
  step(payload: Payload): HubStreamPart[];
  /** True once the message ended, failed, or never started: flush adds nothing. */
  finished(): boolean;
  /** The step threw: the stream is over. */
  fail(): void;
  /** Closes what is open and ends the message. */
  end(out: HubStreamPart[]): void;
}

/**
 * A stream decoder from its step function: a payload the step cannot read ends the stream with an error part
 * (never a throw through the relay), and flush ends a started message the upstream left open.
 */
export function guardedDecoder<Payload>(steps: DecoderSteps<Payload>): StreamDecoder {
  return {
    push(payload) {
      try {
        return steps.step(payload as Payload);
      } catch (error) {
        steps.fail();
        return [{ type: "error", error: { status: 500, type: "api_error", message: `Could not read the upstream stream: ${String(error)}` } }];
      }
    },
    flush() {
      if (steps.finished()) return [];
      const out: HubStreamPart[] = [];
      steps.end(out);
      return out;
    },
  };
}
