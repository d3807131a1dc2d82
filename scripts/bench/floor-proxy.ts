/**
 * The floor: the least a Bun proxy can do — forward the body with the Copilot token, stream the answer back.
 * copilot-relay is measured against this in the same run.
 */
const upstream = process.env.FLOOR_UPSTREAM!;
const tokenReply = await fetch(`${process.env.FLOOR_GITHUB_API}/copilot_internal/v2/token`, {
  headers: { authorization: "token gho_fake_user_token" },
});
const { token } = (await tokenReply.json()) as { token: string };

const server = Bun.serve({
  port: 0,
  hostname: "127.0.0.1",
  idleTimeout: 0,
  async fetch(request) {
    const url = new URL(request.url);
    const answer = await fetch(`${upstream}${url.pathname.replace(/^\/v1/, "")}`, {
      method: request.method,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: request.body,
      signal: request.signal,
    });
    return new Response(answer.body, { status: answer.status, headers: { "content-type": answer.headers.get("content-type") ?? "application/json" } });
  },
});
console.log(JSON.stringify({ url: `http://127.0.0.1:${server.port}` }));
export {};
