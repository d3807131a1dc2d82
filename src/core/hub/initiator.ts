/**
 * Who started a turn (PROTOCOL.md §6): the person (`user`, a premium request) or an agent loop continuing on its
 * own (`agent`, free). Every dialect computes it from its own request; a provider decides what to do with it
 * (Copilot sends it as `x-initiator`).
 */
export type Initiator = "user" | "agent";
