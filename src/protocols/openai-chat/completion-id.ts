/**
 * Chat completion ids look like `chatcmpl-AbC123`. The upstream's id is kept behind the prefix (so logs line up
 * across dialects); a missing one gets a random id.
 */
export function completionId(upstreamId: string | undefined): string {
  if (upstreamId?.startsWith("chatcmpl-")) return upstreamId;
  const suffix = upstreamId ? upstreamId.replace(/[^A-Za-z0-9_-]/g, "") : "";
  return `chatcmpl-${suffix || crypto.randomUUID().replaceAll("-", "")}`;
}
