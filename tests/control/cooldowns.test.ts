import { describe, expect, test } from "bun:test";
import { createCooldowns } from "../../src/services/control/index.ts";
import { ManualClock } from "../support/manual-clock.ts";

describe("model cooldowns", () => {
  test("climb the 30 s, 1 min, 5 min ladder on consecutive 429s and stay on the last step", async () => {
    const clock = new ManualClock(0);
    const cooldowns = createCooldowns({ clock });
    const lengths: number[] = [];
    for (let round = 0; round < 4; round++) {
      const length = cooldowns.coolDown("gpt-4.1");
      lengths.push(length);
      expect(cooldowns.isCooling("gpt-4.1")).toBe(true);
      await clock.advance(length);
      expect(cooldowns.isCooling("gpt-4.1")).toBe(false);
    }
    expect(lengths).toEqual([30_000, 60_000, 300_000, 300_000]);
  });

  test("honour the upstream's retry-after", async () => {
    const clock = new ManualClock(0);
    const cooldowns = createCooldowns({ clock });
    expect(cooldowns.coolDown("gpt-4.1", 7)).toBe(7000);
    await clock.advance(2000);
    expect(cooldowns.remainingMs("gpt-4.1")).toBe(5000);
    await clock.advance(5000);
    // The second consecutive 429, without a retry-after this time: the ladder's second step.
    expect(cooldowns.coolDown("gpt-4.1", 0)).toBe(60_000);
    // The upstream's word replaces a ladder cooldown.
    expect(cooldowns.coolDown("gpt-4.1", 2)).toBe(2000);
  });

  test("429s from requests in flight together lengthen nothing and do not climb the ladder", async () => {
    const clock = new ManualClock(0);
    const cooldowns = createCooldowns({ clock });
    expect(cooldowns.coolDown("gpt-4.1")).toBe(30_000);
    await clock.advance(10);
    expect(cooldowns.coolDown("gpt-4.1")).toBe(30_000);
    expect(cooldowns.list()[0]?.step).toBe(1);
  });

  test("a success ends the cooldown and starts the ladder again", async () => {
    const clock = new ManualClock(0);
    const cooldowns = createCooldowns({ clock, ladderMs: [1000, 2000] });
    cooldowns.coolDown("gpt-4.1");
    await clock.advance(1000);
    expect(cooldowns.coolDown("gpt-4.1")).toBe(2000);
    cooldowns.clear("gpt-4.1");
    expect(cooldowns.isCooling("gpt-4.1")).toBe(false);
    expect(cooldowns.coolDown("gpt-4.1")).toBe(1000);
  });

  test("reset ends every cooldown", () => {
    const cooldowns = createCooldowns({ clock: new ManualClock(0) });
    cooldowns.coolDown("gpt-4.1");
    cooldowns.coolDown("claude-sonnet-4.5");
    cooldowns.reset();
    expect(cooldowns.list()).toEqual([]);
    expect(cooldowns.isCooling("gpt-4.1")).toBe(false);
    expect(cooldowns.coolDown("gpt-4.1")).toBe(30_000);
  });

  test("list shows only cooldowns still running, with their end, remaining time and step", async () => {
    const clock = new ManualClock(Date.parse("2025-01-01T00:00:00.000Z"));
    const cooldowns = createCooldowns({ clock });
    cooldowns.coolDown("gpt-4.1", 5);
    cooldowns.coolDown("claude-sonnet-4.5");
    await clock.advance(5000);
    expect(cooldowns.remainingMs("gpt-4.1")).toBe(0);
    expect(cooldowns.list()).toEqual([{ model: "claude-sonnet-4.5", until: "2025-01-01T00:00:30.000Z", remainingMs: 25_000, step: 1 }]);
  });
});
