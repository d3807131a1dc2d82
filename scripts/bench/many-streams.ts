/**
 * Opens `count` LLM-like streams at once (1 s to the first byte, then 20 chunks 100 ms apart) to the relay and reads them to the
 * end; prints one JSON line. Run with BUN_CONFIG_MAX_HTTP_REQUESTS above `count`, or this driver's own fetch would
 * queue them. Sockets are opened in batches so the listen backlog does not overflow.
 */
const [url = "", countText = "5000"] = process.argv.slice(2);
const count = Number(countText);
const body = JSON.stringify({ model: "gpt-4.1", messages: [{ role: "user", content: "[[wait:1000]] [[chunks:20]] [[pace:100]]" }], stream: true });
let errors = 0;
let firstError: string | undefined;
let complete = 0;
const started = performance.now();
const one = async () => {
  try {
    const authorization = process.env.BENCH_AUTHORIZATION;
    const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json", ...(authorization ? { authorization } : {}) }, body });
    const text = await response.text();
    if (!response.ok || !text.includes("[DONE]")) throw new Error(`${response.status} ${text.slice(0, 120)}`);
    complete++;
  } catch (error) {
    errors++;
    firstError ??= String(error);
  }
};
const all: Promise<void>[] = [];
for (let index = 0; index < count; index++) {
  all.push(one());
  if (index % 250 === 249) await Bun.sleep(5);
}
await Promise.all(all);
console.log(JSON.stringify({ count, complete, errors, firstError, seconds: (performance.now() - started) / 1000 }));
export {};
