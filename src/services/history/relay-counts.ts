import type { Database } from "bun:sqlite";
import { dayKeyOf } from "./day-key.ts";

/** One model's requests through this relay, today and this calendar month (local time). */
export interface ModelCounts {
  model: string;
  todayRequests: number;
  todayPremium: number;
  todayAgentRequests: number;
  monthRequests: number;
  monthPremium: number;
  /** Agent turns: sent as free, they cost no premium request. */
  monthAgentRequests: number;
  /** The premium requests those agent turns would have cost. */
  monthSaved: number;
}

export interface RelayCounts {
  /** The oldest day in the history, or null when it is empty. */
  since: string | null;
  models: ModelCounts[];
}

const round = (value: number) => Math.round(value * 100) / 100;

/** The `usage` command's figures from the history rollups. */
export function readRelayCounts(db: Database, now: number): RelayCounts {
  const today = dayKeyOf(now);
  const monthStart = `${today.slice(0, 8)}01`;
  const rows = db
    .query(
      `SELECT model,
         SUM(CASE WHEN day = ?1 THEN requests ELSE 0 END) AS todayRequests,
         SUM(CASE WHEN day = ?1 THEN premium ELSE 0 END) AS todayPremium,
         SUM(CASE WHEN day = ?1 THEN agent_requests ELSE 0 END) AS todayAgentRequests,
         SUM(requests) AS monthRequests, SUM(premium) AS monthPremium, SUM(agent_requests) AS monthAgentRequests, SUM(saved) AS monthSaved
       FROM daily_models WHERE day >= ?2 GROUP BY model ORDER BY monthRequests DESC, model`,
    )
    .all(today, monthStart) as ModelCounts[];
  const since = (db.query("SELECT MIN(day) AS day FROM daily_models").get() as { day: string | null } | null)?.day ?? null;
  return { since, models: rows.map((row) => ({ ...row, todayPremium: round(row.todayPremium), monthPremium: round(row.monthPremium), monthSaved: round(row.monthSaved) })) };
}
