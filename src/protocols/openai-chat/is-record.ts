export { isRecord } from "../../core/is-record.ts";
