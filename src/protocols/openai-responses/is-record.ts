export { isRecord, stringField } from "../../core/is-record.ts";
