export type * from "./request.ts";
export type * from "./result.ts";
export type * from "./stream-part.ts";
export type * from "./initiator.ts";
