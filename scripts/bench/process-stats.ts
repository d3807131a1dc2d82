import { readFileSync } from "node:fs";

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** CPU time (user + system) of a process in milliseconds, from /proc. */
export function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}

function statusField(pid: number, field: string): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const match = new RegExp(`${field}:\\s+(\\d+) kB`).exec(status);
  return match ? Number(match[1]) / 1024 : Number.NaN;
}

export const rssMb = (pid: number) => statusField(pid, "VmRSS");
export const peakRssMb = (pid: number) => statusField(pid, "VmHWM");

/** Resets VmHWM so the next peak reading covers only what follows (Linux ≥ 4.0). */
export function resetPeak(pid: number): void {
  try {
    Bun.write(`/proc/${pid}/clear_refs`, "5");
  } catch {
    // Not permitted: the peak then covers the whole process life.
  }
}
