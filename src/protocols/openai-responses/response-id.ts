/**
 * Response ids look like `resp_68a…`. The upstream's id (a Chat `chatcmpl-…`, an Anthropic `msg_…`) is kept behind
 * the prefix so logs line up; a missing one gets a random id. Item ids derive from it with their own prefix and
 * the item's output index, so one answer's ids are stable across its events and its final response object.
 */
export function responseId(upstreamId: string | undefined): string {
  if (upstreamId?.startsWith("resp_")) return upstreamId;
  const suffix = upstreamId ? upstreamId.replace(/[^A-Za-z0-9]/g, "").slice(0, 48) : "";
  return `resp_${suffix || crypto.randomUUID().replaceAll("-", "")}`;
}

export type ItemPrefix = "msg" | "fc" | "ctc" | "rs";

export function itemId(prefix: ItemPrefix, responseIdValue: string, outputIndex: number): string {
  return `${prefix}_${responseIdValue.replace(/^resp_/, "")}_${outputIndex}`;
}
