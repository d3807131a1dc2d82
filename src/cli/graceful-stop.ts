import { RelayError } from "../core/relay-error.ts";
import type { Services } from "../services/create-services.ts";

interface Stoppable {
  stop(closeActiveConnections?: boolean): Promise<unknown>;
}

/**
 * SIGINT/SIGTERM (issue 8): stop accepting, let in-flight requests finish within the grace period, then end the open
 * streams with their dialect's error event (the stream watchdog holds them all) and close what is left; the token
 * refresher and the other timers stop with the services.
 */
export async function gracefulStop(input: { servers: (Stoppable | undefined)[]; services: Pick<Services, "watchdog" | "stop" | "logger">; graceMs: number }): Promise<void> {
  const servers = input.servers.filter((server): server is Stoppable => server !== undefined);
  const drained = Promise.all(servers.map((server) => server.stop(false)));
  const graceOver = new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), input.graceMs).unref?.());
  if ((await Promise.race([drained, graceOver])) === "timeout") {
    const open = input.services.watchdog.size();
    if (open > 0) input.services.logger.warn(`Grace period over: ending ${open} open stream(s) with an error event`);
    input.services.watchdog.endAll(new RelayError("unavailable", "copilot-relay is shutting down", { code: "shutting_down" }));
    // Let the error events go out, then close every connection still open.
    await new Promise((resolve) => setTimeout(resolve, 100));
    await Promise.all(servers.map((server) => server.stop(true)));
  }
  input.services.stop();
}
