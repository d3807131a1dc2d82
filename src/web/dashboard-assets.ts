import approvalsPanel from "./approvals-panel.mjs" with { type: "text" };
import api from "./api.mjs" with { type: "text" };
import charts from "./charts.mjs" with { type: "text" };
import css from "./dashboard.css" with { type: "text" };
import page from "./dashboard.html" with { type: "text" };
import dom from "./dom.mjs" with { type: "text" };
import healthPanel from "./health-panel.mjs" with { type: "text" };
import main from "./main.mjs" with { type: "text" };
import quotaPanel from "./quota-panel.mjs" with { type: "text" };
import recentPanel from "./recent-panel.mjs" with { type: "text" };
import statsPanels from "./stats-panels.mjs" with { type: "text" };
import theme from "./theme.mjs" with { type: "text" };

export interface DashboardAsset {
  body: string;
  contentType: string;
}

const script = (body: string): DashboardAsset => ({ body, contentType: "text/javascript; charset=utf-8" });

/**
 * The dashboard's files by the name they are served under (/dashboard/<name>; the page itself at /dashboard), all
 * embedded in the binary as text imports: no file is read at run time and nothing is fetched from a CDN.
 */
export const dashboardAssets: ReadonlyMap<string, DashboardAsset> = new Map([
  // bun-types declare *.html as an HTML bundle; imported as text it is the file's contents.
  ["index.html", { body: String(page), contentType: "text/html; charset=utf-8" }],
  ["dashboard.css", { body: css, contentType: "text/css; charset=utf-8" }],
  ["main.mjs", script(main)],
  ["api.mjs", script(api)],
  ["dom.mjs", script(dom)],
  ["charts.mjs", script(charts)],
  ["theme.mjs", script(theme)],
  ["quota-panel.mjs", script(quotaPanel)],
  ["stats-panels.mjs", script(statsPanels)],
  ["recent-panel.mjs", script(recentPanel)],
  ["health-panel.mjs", script(healthPanel)],
  ["approvals-panel.mjs", script(approvalsPanel)],
]);
