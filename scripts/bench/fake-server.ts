/** The project's fake Copilot as its own process, so the benchmark's upstream does not share a core with the driver. */
import { startFakeUpstream } from "../../tests/fake-upstream/index.ts";
import { BENCH_PROVIDER_KEY } from "./scenarios.ts";

// Frames back to back: the proxies then pay for their per-event work, not for one read per chunk.
// `providerKeys`: the same fake also stands for an OpenAI-compatible provider (the chat-provider scenario).
const fake = await startFakeUpstream({ streamFrameDelayMs: -1, keepBodies: false, providerKeys: [BENCH_PROVIDER_KEY] });
// Beside it, what the benchmark asks about the requests the fake received: how many reached a path, and when.
const stats = Bun.serve({
  port: 0,
  hostname: "127.0.0.1",
  fetch(request) {
    const url = new URL(request.url);
    if (url.pathname === "/reset") {
      fake.reset();
      return new Response("ok");
    }
    const arrivals = fake.find(url.searchParams.get("path") ?? "/copilot/").map((entry) => entry.at);
    return Response.json({ count: arrivals.length, first: Math.min(...arrivals), last: Math.max(...arrivals), times: arrivals });
  },
});
console.log(JSON.stringify({ url: fake.url, copilotUrl: fake.copilotUrl, statsUrl: `http://127.0.0.1:${stats.port}` }));
process.on("SIGTERM", () => void fake.stop().then(() => process.exit(0)));
