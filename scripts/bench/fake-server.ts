/** The project's fake Copilot as its own process, so the benchmark's upstream does not share a core with the driver. */
import { startFakeUpstream } from "../../tests/fake-upstream/index.ts";

// Frames back to back: the proxies then pay for their per-event work, not for one read per chunk.
const fake = await startFakeUpstream({ streamFrameDelayMs: -1 });
console.log(JSON.stringify({ url: fake.url, copilotUrl: fake.copilotUrl }));
process.on("SIGTERM", () => void fake.stop().then(() => process.exit(0)));
