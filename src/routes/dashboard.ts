import { Elysia } from "elysia";
import { dashboardAssets } from "../web/dashboard-assets.ts";

/**
 * The page may run its own scripts and styles and call the relay, nothing else: no inline script, no other origin
 * (it works offline), no framing (clickjacking of the approve buttons), no form posting the key anywhere.
 */
const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

function serve(name: string): Response {
  const asset = dashboardAssets.get(name);
  if (!asset) return new Response("Not found", { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } });
  return new Response(asset.body, {
    headers: {
      "content-type": asset.contentType,
      // Revalidated on each load so an upgraded relay serves its own page, never a cached older one.
      "cache-control": "no-cache",
      "content-security-policy": CONTENT_SECURITY_POLICY,
      "x-content-type-options": "nosniff",
      "referrer-policy": "no-referrer",
    },
  });
}

/** A browser navigating to the relay's root asks for HTML; API clients and Ollama's probe do not. */
export function wantsDashboard(accept: string | null): boolean {
  return accept !== null && accept.includes("text/html");
}

/** The redirect a browser gets at `/`, to the dashboard. */
export const dashboardRedirect = (): Response => new Response(null, { status: 302, headers: { location: "/dashboard" } });

/**
 * The usage dashboard (issue 10): one page and its scripts, embedded in the binary. The request guard lets these
 * paths through without an API key so the login form can load; every data request the page makes carries the key.
 */
export function dashboardRoutes() {
  return new Elysia()
    .get("/dashboard", () => serve("index.html"))
    .get("/dashboard/", () => serve("index.html"))
    .get("/dashboard/:file", ({ params }) => serve(params.file));
}
