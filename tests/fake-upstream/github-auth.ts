import { githubToken } from "./config";
import type { FakeState } from "./state";
import type { RecordedRequest } from "./types";

/** Token from `authorization: token X` or `authorization: Bearer X` (GitHub accepts both). */
export function authToken(rec: RecordedRequest): string | undefined {
  const m = /^(?:token|bearer)\s+(\S+)\s*$/i.exec(rec.headers.authorization ?? "");
  return m?.[1];
}

/** Classic (ghp_) or fine-grained (github_pat_) personal access token. */
export function isPersonalAccessToken(token: string | undefined): boolean {
  return token !== undefined && (token.startsWith("ghp_") || token.startsWith("github_pat_"));
}

/** True when the request carries the one GitHub token this fake accepts. */
export function hasGithubAuth(state: FakeState, rec: RecordedRequest): boolean {
  return authToken(rec) === githubToken(state.options);
}
