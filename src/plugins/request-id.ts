import { Elysia } from "elysia";

/** Every response carries `x-request-id`; the same id goes upstream and into the log line. */
export const requestIdPlugin = () =>
  new Elysia({ name: "request-id" }).derive({ as: "global" }, ({ set }) => {
    const requestId = crypto.randomUUID();
    set.headers["x-request-id"] = requestId;
    return { requestId };
  });
