/**
 * Anthropic message ids look like `msg_01XFDUDYJgAACzvnptvVoYEL`. The upstream's id is kept (so logs line up)
 * behind the prefix; a missing one gets a random id.
 */
export function messageId(upstreamId: string | undefined): string {
  if (upstreamId?.startsWith("msg_")) return upstreamId;
  const suffix = upstreamId ? upstreamId.replace(/[^A-Za-z0-9_-]/g, "") : "";
  return `msg_${suffix || crypto.randomUUID().replaceAll("-", "")}`;
}
