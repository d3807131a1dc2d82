/**
 * The floor: the least a real Bun proxy can do — read the request body whole, forward it with the Copilot token,
 * stream the answer back. copilot-relay is measured against this in the same run.
 */
const upstream = process.env.FLOOR_UPSTREAM!;
const tokenReply = await fetch(`${process.env.FLOOR_GITHUB_API}/copilot_internal/v2/token`, {
  headers: { authorization: "token gho_fake_user_token" },
});
const { token } = (await tokenReply.json()) as { token: string };

/** Client paths → Copilot paths: OpenAI routes lose their /v1, Anthropic's native route keeps it. */
const upstreamPath = (path: string) => (path === "/v1/messages" ? path : path.replace(/^\/v1/, ""));

const server = Bun.serve({
  port: 0,
  hostname: "127.0.0.1",
  idleTimeout: 0,
  async fetch(request) {
    const url = new URL(request.url);
    const headers: Record<string, string> = { authorization: `Bearer ${token}`, "content-type": "application/json" };
    const version = request.headers.get("anthropic-version");
    if (version) headers["anthropic-version"] = version;
    const answer = await fetch(`${upstream}${upstreamPath(url.pathname)}`, {
      method: request.method,
      headers,
      body: await request.arrayBuffer(),
      signal: request.signal,
    });
    return new Response(answer.body, { status: answer.status, headers: { "content-type": answer.headers.get("content-type") ?? "application/json" } });
  },
});
console.log(JSON.stringify({ url: `http://127.0.0.1:${server.port}` }));
export {};
