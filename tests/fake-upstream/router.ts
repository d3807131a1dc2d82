import { handleChatCompletions } from "./chat-completions";
import { modelList } from "./config";
import { hasCopilotAuth, handleTokenExchange } from "./copilot-token";
import { handleAccessToken, handleDeviceCode } from "./device-flow";
import { handleEmbeddings } from "./embeddings";
import { takeFailure } from "./failures";
import { handleCopilotUser, handleUser } from "./github-user";
import { copilotError, json, notFound } from "./http";
import { handleMessages } from "./messages-api";
import { toCopilotModel } from "./model-objects";
import { handleResponses } from "./responses-api";
import type { FakeState } from "./state";
import type { RecordedRequest } from "./types";

const COPILOT_PREFIX = "/copilot/";

/** Copilot API routes (path relative to the Copilot base). Requires a live Copilot token. */
async function copilotRoute(state: FakeState, rec: RecordedRequest, req: Request, path: string): Promise<Response> {
  if (!hasCopilotAuth(state, rec)) {
    return copilotError(401, "unauthorized: token expired", "token_expired");
  }
  switch (`${rec.method} ${path}`) {
    case "GET /models":
      return json({ object: "list", data: modelList(state.options).map(toCopilotModel) });
    case "POST /chat/completions":
      return handleChatCompletions(state, rec, req);
    case "POST /embeddings":
      return handleEmbeddings(state, rec);
    case "POST /responses":
      return handleResponses(state, rec, req);
    case "POST /v1/messages":
      return handleMessages(state, rec, req);
    default:
      return notFound();
  }
}

/** Dispatches a recorded request: injected failure first, then the route. */
export async function route(state: FakeState, rec: RecordedRequest, req: Request): Promise<Response> {
  const injected = await takeFailure(state, rec, req);
  if (injected !== undefined) return injected;

  if (rec.path.startsWith(COPILOT_PREFIX)) {
    return copilotRoute(state, rec, req, rec.path.slice(COPILOT_PREFIX.length - 1));
  }
  switch (`${rec.method} ${rec.path}`) {
    case "POST /login/device/code":
      return handleDeviceCode(state);
    case "POST /login/oauth/access_token":
      return handleAccessToken(state, rec);
    case "GET /user":
      return handleUser(state, rec);
    case "GET /copilot_internal/v2/token":
      return handleTokenExchange(state, rec);
    case "GET /copilot_internal/user":
      return handleCopilotUser(state, rec);
    default:
      return notFound();
  }
}
