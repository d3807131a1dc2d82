import { singleSample } from "./prometheus-text.ts";

const startedAtSeconds = () => Math.round((performance.timeOrigin ?? Date.now() - performance.now()) / 10) / 100;

/**
 * The process's own figures, under the names Prometheus client libraries use (process_*, nodejs_*), so existing
 * dashboards read them: resident memory, JS heap, CPU time, start time, event-loop lag.
 */
export function renderProcessMetrics(eventLoopLagMs: number): string {
  const memory = process.memoryUsage();
  const cpu = process.cpuUsage();
  return (
    singleSample("process_cpu_user_seconds_total", "User CPU time spent, in seconds.", "counter", cpu.user / 1e6) +
    singleSample("process_cpu_system_seconds_total", "System CPU time spent, in seconds.", "counter", cpu.system / 1e6) +
    singleSample("process_cpu_seconds_total", "User and system CPU time spent, in seconds.", "counter", (cpu.user + cpu.system) / 1e6) +
    singleSample("process_resident_memory_bytes", "Resident memory size, in bytes.", "gauge", memory.rss) +
    singleSample("process_start_time_seconds", "Start time of the process since the Unix epoch, in seconds.", "gauge", startedAtSeconds()) +
    singleSample("nodejs_heap_size_total_bytes", "JavaScript heap size, in bytes.", "gauge", memory.heapTotal) +
    singleSample("nodejs_heap_size_used_bytes", "JavaScript heap in use, in bytes.", "gauge", memory.heapUsed) +
    singleSample("nodejs_external_memory_bytes", "Memory held outside the JavaScript heap (buffers), in bytes.", "gauge", memory.external) +
    singleSample("nodejs_eventloop_lag_seconds", "Event-loop lag at the latest sample (timer drift), in seconds.", "gauge", eventLoopLagMs / 1000)
  );
}
