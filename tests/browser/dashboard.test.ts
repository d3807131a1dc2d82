import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { type RelayHarness, startRelay } from "../support/relay-harness.ts";

/** Debian's chromium (`apt-get install -y chromium`, which .ci/run does); playwright-core never downloads one. */
const CHROMIUM = "/usr/bin/chromium";
const KEY = "dash-key";
const haveChromium = existsSync(CHROMIUM);
const withKey = { authorization: `Bearer ${KEY}` };
if (!haveChromium) console.warn(`tests/browser: ${CHROMIUM} is missing (apt-get install -y chromium): skipping the dashboard browser tests.`);

const screenshots = join(import.meta.dir, "..", "..", ".tmp");
let relay: RelayHarness;
let browser: Browser;
let context: BrowserContext;
let page: Page;
beforeAll(async () => {
  if (!haveChromium) return;
  relay = await startRelay({ flags: { manual: true, apiKeys: [KEY] } });
  // playwright-core gives each launch a fresh temporary profile of its own.
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync",
    ],
  });
  context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "en-US", colorScheme: "light" });
  page = await context.newPage();
  page.setDefaultTimeout(8000);
  mkdirSync(screenshots, { recursive: true });
}, 30_000);

afterAll(async () => {
  await browser?.close();
  await relay?.stop();
});

/** Sends a chat request in the given dialect; it waits in the --manual queue until someone decides. */
function send(path: string, body: Record<string, unknown>): Promise<Response> {
  return fetch(`${relay.url}${path}`, { method: "POST", headers: { ...withKey, "content-type": "application/json" }, body: JSON.stringify(body) });
}

async function until(condition: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    if (await condition()) return;
    await Bun.sleep(25);
  }
  throw new Error(`timed out waiting until ${what}`);
}

const recentCount = async () => {
  const stats = (await (await fetch(`${relay.url}/admin/stats?days=30`, { headers: withKey })).json()) as { recent?: unknown[] };
  return stats.recent?.length ?? 0;
};

describe.skipIf(!haveChromium)("the dashboard in headless Chromium", () => {
  test("a browser at / is sent to the dashboard, asks for the key and shows the quota from the fake upstream", async () => {
    expect(await (await fetch(`${relay.url}/`)).text()).toBe("Ollama is running");
    expect((await fetch(`${relay.url}/readyz`)).status).toBe(401);
    // The page and its scripts load without a key (the login form must), from the relay itself and nowhere else.
    const html = await fetch(`${relay.url}/dashboard`);
    expect(html.status).toBe(200);
    expect(html.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect((await fetch(`${relay.url}/dashboard/main.mjs`)).headers.get("content-type")).toStartWith("text/javascript");
    expect((await fetch(`${relay.url}/dashboard/missing.mjs`)).status).toBe(404);

    const outside: string[] = [];
    page.on("request", (request) => {
      if (!request.url().startsWith(relay.url) && !request.url().startsWith("data:")) outside.push(request.url());
    });
    await page.goto(`${relay.url}/`);
    expect(new URL(page.url()).pathname).toBe("/dashboard");
    await page.getByLabel("API key").fill("wrong-key");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByText("That key was not accepted").waitFor();

    await page.getByLabel("API key").fill(KEY);
    await page.getByRole("button", { name: "Sign in" }).click();
    const premium = page.getByRole("group", { name: /^Premium interactions/ });
    await premium.waitFor();
    expect(await premium.getAttribute("aria-label")).toBe("Premium interactions: 300 of 300 left");
    expect(await page.getByRole("group", { name: /^Chat/ }).textContent()).toContain("Unlimited");
    expect(await page.locator("#quota-meta").textContent()).toMatch(/Plan: individual · Resets \d{4}-\d{2}-01/);
    await page.locator("#health").getByText("ready", { exact: true }).waitFor();
    expect(await page.locator("#health").textContent()).toContain("expires in");
    // The key stays in the browser's storage, not in the address; nothing was fetched from another origin.
    expect(await page.evaluate(() => localStorage.getItem("copilot-relay.apiKey"))).toBe(KEY);
    expect(page.url()).not.toContain(KEY);
    expect(outside).toEqual([]);
  }, 20_000);

  test("approves and rejects waiting requests from the page, then lists them among the recent requests", async () => {
    const answers = [
      send("/v1/chat/completions", { model: "gpt-4.1", messages: [{ role: "user", content: "first" }] }),
      send("/v1/messages", { model: "claude-sonnet-4.5", max_tokens: 20, messages: [{ role: "user", content: "second" }] }),
      send("/api/chat", { model: "gpt-4.1", stream: false, messages: [{ role: "user", content: "third" }] }),
      send("/v1/chat/completions", { model: "gpt-4.1", messages: [{ role: "user", content: "fourth, to be rejected" }] }),
    ];
    // Should the test fail first, the relay's shutdown resets these; that is not a second failure.
    for (const answer of answers) answer.catch(() => {});
    await until(() => relay.services.approvals?.pending().length === 4, "four requests wait for approval");
    await page.getByRole("button", { name: "Refresh", exact: true }).click();
    const approve = page.getByRole("button", { name: /^Approve / });
    await until(async () => (await approve.count()) === 4, "the page lists four approvals");
    expect(relay.fake.find("/copilot/").filter((request) => request.method === "POST")).toHaveLength(0);

    // Oldest first: approve the first three, reject the last.
    for (let left = 4; left > 1; left--) {
      await approve.first().click();
      await until(async () => (await approve.count()) === left - 1, `${left - 1} approvals are left on the page`);
    }
    await page.getByRole("button", { name: /^Reject / }).click();
    await page.getByText("No request is waiting.").waitFor();
    const statuses = await Promise.all(answers.map(async (answer) => (await answer).status));
    expect(statuses).toEqual([200, 200, 200, 403]);

    await until(async () => (await recentCount()) >= 3, "the relay's stats list the requests");
    await page.getByRole("button", { name: "Refresh", exact: true }).click();
    const rows = page.locator("#recent tbody tr");
    await until(async () => (await rows.count()) >= 3 && !(await rows.first().textContent())?.includes("No requests"), "the rows are shown");
    const table = (await page.locator("#recent").textContent()) ?? "";
    for (const route of ["/v1/chat/completions", "/v1/messages", "/api/chat"]) expect(table).toContain(route);
    expect(table).toContain("200");
    expect(await page.locator("#models").textContent()).toContain("claude-sonnet-4.5");
    await page.screenshot({ path: join(screenshots, "dashboard.png"), fullPage: true });
  }, 20_000);

  test("fits 360 px without horizontal scrolling, follows the system's dark mode, and forgets the key", async () => {
    await page.setViewportSize({ width: 360, height: 780 });
    await page.emulateMedia({ colorScheme: "dark" });
    // Expressions run in the page (this project's types have no DOM): two frames let the layout settle.
    await page.evaluate("new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))");
    const overflow = await page.evaluate<number>("document.documentElement.scrollWidth - document.documentElement.clientWidth");
    expect(overflow).toBeLessThanOrEqual(0);
    const background = () => page.evaluate<string>("getComputedStyle(document.body).backgroundColor");
    const lightness = (color: string) => {
      const [red = 0, green = 0, blue = 0] = (color.match(/\d+(\.\d+)?/g) ?? []).map(Number);
      return (0.2126 * red + 0.7152 * green + 0.0722 * blue) / 255;
    };
    expect(lightness(await background())).toBeLessThan(0.2);
    await page.screenshot({ path: join(screenshots, "dashboard-dark-360.png"), fullPage: true });

    // The toggle pins a theme over the system's: system → light → dark.
    const toggle = page.getByRole("button", { name: /^Theme/ });
    await toggle.click();
    expect(await toggle.textContent()).toContain("Theme: light");
    expect(lightness(await background())).toBeGreaterThan(0.8);
    await toggle.click();
    expect(lightness(await background())).toBeLessThan(0.2);

    await page.getByRole("button", { name: "Forget key" }).click();
    await page.getByLabel("API key").waitFor();
    expect(await page.evaluate(() => localStorage.getItem("copilot-relay.apiKey"))).toBeNull();
  }, 20_000);
});
