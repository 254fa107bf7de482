/**
 * The client of the client credentials grant (RFC 6749 §4.4): a confidential service acting on its
 * own behalf. No person takes part; the client authenticates with its own secret and calls APIs
 * with the token it gets.
 */
import { and, assertEvent, assign, enqueueActions, setup } from "xstate";
import type { ClientMetadata } from "../world";
import type { Knowledge, RoleOutcome } from "../trace";
import type { DeliverEvent } from "./messages";
import { artifactsOf, formRequest, jsonBody, learn, wireSend } from "./messages";
import { apiRequest, carriesAccessToken, clientAuthentication, failureOutcome, pageFor } from "./client-kit";

export interface ApiCall {
  readonly method: string;
  readonly url: string;
}

export interface ClientCredentialsClientInput {
  /** The registration the service authenticates with (its secret as the service holds it). */
  readonly client: ClientMetadata;
  readonly tokenEndpoint: string;
  /** The scope it asks for; undefined asks for everything it registered (RFC 6749 §3.3). */
  readonly scope?: string;
  /** The API calls it makes with the token, in order; it stops at the first refusal. */
  readonly calls: readonly ApiCall[];
}

interface ClientCredentialsClientContext extends ClientCredentialsClientInput {
  readonly knows: Knowledge;
  readonly accessToken: string | undefined;
  /** Which of `calls` is under way. */
  readonly callIndex: number;
  readonly outcome: RoleOutcome | undefined;
}

export const clientCredentialsClientMachine = setup({
  types: {
    input: {} as ClientCredentialsClientInput,
    context: {} as ClientCredentialsClientContext,
    events: {} as DeliverEvent,
    output: {} as RoleOutcome,
  },
  actions: {
    rememberMessage: assign(({ context, event }) => {
      assertEvent(event, "DELIVER");
      return { knows: learn(context.knows, artifactsOf(event.message)) };
    }),
    /** RFC 6749 §4.4.2: grant_type=client_credentials, authenticated as registered (§2.3.1). */
    requestToken: enqueueActions(({ context, enqueue, system }) => {
      const auth = clientAuthentication(context.client);
      const fields: Record<string, string> = { grant_type: "client_credentials", ...(context.scope !== undefined ? { scope: context.scope } : {}), ...auth.fields };
      enqueue.sendTo(
        system.get("wire"),
        wireSend({ id: "client-credentials-request", from: "client", to: "authorizationServer", channel: "back", request: formRequest(context.tokenEndpoint, fields, auth.headers) }),
      );
    }),
    keepToken: assign(({ context, event }) => {
      assertEvent(event, "DELIVER");
      const token = jsonBody(event.message.response!).access_token;
      return { accessToken: typeof token === "string" ? token : undefined, knows: learn(context.knows, artifactsOf(event.message)) };
    }),
    moveToNextCall: assign(({ context }) => ({ callIndex: context.callIndex + 1 })),
    /** RFC 6750 §2.1: the token in the Authorization header. */
    callApi: enqueueActions(({ context, enqueue, system }) => {
      const call = context.calls[context.callIndex]!;
      const request = apiRequest(call, context.accessToken);
      enqueue.sendTo(system.get("wire"), wireSend({ id: "api-request", from: "client", to: "resourceServer", channel: "back", request }));
    }),
    concludeWithApiAnswer: assign(({ event }) => {
      assertEvent(event, "DELIVER");
      return { outcome: pageFor(event.message.response!).outcome };
    }),
    concludeWithFailure: assign(({ event }) => {
      assertEvent(event, "DELIVER");
      return { outcome: failureOutcome("client", event.message) };
    }),
  },
  guards: {
    isTokenIssued: ({ event }) => carriesAccessToken(event.message),
    isApiAnswered: ({ event }) => event.message.response?.status === 200,
    hasAnotherCall: ({ context }) => context.callIndex + 1 < context.calls.length,
  },
}).createMachine({
  id: "clientCredentialsClient",
  description: "A backend service that gets tokens for itself with its own credentials",
  context: ({ input }) => ({
    ...input,
    knows: input.client.client_secret ? { client_secret: [input.client.client_secret] } : {},
    accessToken: undefined,
    callIndex: 0,
    outcome: undefined,
  }),
  initial: "working",
  states: {
    working: {
      description: "Gets a token and calls the API; any answer not handled below ends it in failure",
      initial: "requestingToken",
      on: { DELIVER: { target: "failed", actions: ["rememberMessage", "concludeWithFailure"] } },
      states: {
        requestingToken: {
          description: "Waits for the token endpoint's answer",
          entry: "requestToken",
          on: { DELIVER: { guard: "isTokenIssued", target: "callingApi", actions: ["keepToken", "callApi"] } },
        },
        callingApi: {
          description: "Waits for the resource server's answer",
          on: {
            DELIVER: [
              { guard: and(["isApiAnswered", "hasAnotherCall"]), actions: ["rememberMessage", "moveToNextCall", "callApi"] },
              { guard: "isApiAnswered", target: "#clientCredentialsClient.finished", actions: ["rememberMessage", "concludeWithApiAnswer"] },
            ],
          },
        },
      },
    },
    finished: { type: "final", description: "Got what it asked the API for" },
    failed: { type: "final", description: "The token endpoint or the API refused" },
  },
  output: ({ context }) => context.outcome!,
});
