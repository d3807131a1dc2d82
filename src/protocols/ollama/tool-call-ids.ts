/** The ids of one answer's tool calls, in order; `upstreamId` is the one Ollama gave, when it gave one. */
export type ToolCallIds = (upstreamId: unknown) => string;

const randomSuffix = (): string => crypto.randomUUID().replaceAll("-", "").slice(0, 16);

/**
 * Older Ollama versions give tool calls no ids (newer ones send `call_…`, kept as they are), but clients answer a
 * call by its id. Each call without one gets `call_<n>_<suffix>`: n counts the answer's calls, the suffix is one
 * random string per answer, so ids never collide across the turns of a conversation. The suffix is injectable so
 * fixtures are stable.
 */
export function createToolCallIds(suffix: string = randomSuffix()): ToolCallIds {
  let count = 0;
  return (upstreamId) => {
    const index = count++;
    return typeof upstreamId === "string" && upstreamId !== "" ? upstreamId : `call_${index}_${suffix}`;
  };
}
