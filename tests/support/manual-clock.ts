import type { Clock } from "../../src/core/clock.ts";

interface Timer {
  at: number;
  callback: () => void;
  id: number;
}

/** A clock that only moves when the test says so; `advance` runs every timer that falls due, in order. */
export class ManualClock implements Clock {
  private timers: Timer[] = [];
  private nextId = 1;
  constructor(private current = Date.now()) {}

  now(): number {
    return this.current;
  }

  setTimeout(callback: () => void, ms: number): unknown {
    const timer = { at: this.current + Math.max(0, ms), callback, id: this.nextId++ };
    this.timers.push(timer);
    return timer.id;
  }

  clearTimeout(handle: unknown): void {
    this.timers = this.timers.filter((timer) => timer.id !== handle);
  }

  random(): number {
    return 0.5;
  }

  pending(): number[] {
    return this.timers.map((timer) => timer.at - this.current).sort((a, b) => a - b);
  }

  /** Moves time forward, firing due timers; awaits between them so async callbacks can settle. */
  async advance(ms: number): Promise<void> {
    const target = this.current + ms;
    for (;;) {
      const due = this.timers.filter((timer) => timer.at <= target).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.timers = this.timers.filter((timer) => timer !== due);
      this.current = Math.max(this.current, due.at);
      due.callback();
      await settle();
    }
    this.current = target;
    await settle();
  }
}

/** Lets pending promise chains and loopback HTTP round trips finish. */
export async function settle(rounds = 5): Promise<void> {
  for (let index = 0; index < rounds; index++) await Bun.sleep(5);
}

/** A clock whose timers fire at once while time jumps ahead: device-flow polling without waiting. */
export class FastClock extends ManualClock {
  override setTimeout(callback: () => void, ms: number): unknown {
    const id = super.setTimeout(() => {}, ms);
    queueMicrotask(() => {
      void this.advance(ms).then(callback);
    });
    return id;
  }
}
