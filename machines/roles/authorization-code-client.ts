/**
 * The client of the authorization code grant (RFC 6749 §4.1): a server-side web app with a secret,
 * or a public app proving possession with PKCE (RFC 7636). It holds the state and the
 * code_verifier, never the person's password.
 */
import { assertEvent, assign, enqueueActions, fromPromise, setup } from "xstate";
import type { ClientMetadata } from "../world";
import { computeCodeChallenge } from "../world/pkce";
import type { Random } from "../world/random";
import { base64url } from "../world/random";
import type { Check, Knowledge, RecordedRequest, RoleOutcome } from "../trace";
import type { DeliverEvent } from "./messages";
import { artifactsOf, formRequest, jsonBody, learn, redirectTo, urlParams, wireSend } from "./messages";
import { apiRequest, carriesAccessToken, clientAuthentication, describeFailure, errorPage, pageFor } from "./client-kit";

export interface AuthorizationCodeClientInput {
  readonly client: ClientMetadata;
  readonly issuer: string;
  readonly authorizationEndpoint: string;
  readonly tokenEndpoint: string;
  /** The API call the client makes with the access token. */
  readonly api: { readonly method: string; readonly url: string };
  readonly scope: string;
  /** "none": no PKCE (a confidential client relying on its secret and state alone). */
  readonly pkceMethod: "S256" | "plain" | "none";
  readonly random: Random;
  /** Seconds the client lets pass between receiving the code and redeeming it. */
  readonly exchangeDelay?: number;
}

interface PreparedRequest {
  readonly state: string;
  readonly codeVerifier: string | undefined;
  readonly codeChallenge: string | undefined;
}

interface AuthorizationCodeClientContext extends AuthorizationCodeClientInput {
  readonly knows: Knowledge;
  readonly state: string | undefined;
  readonly codeVerifier: string | undefined;
  readonly codeChallenge: string | undefined;
  readonly code: string | undefined;
  readonly accessToken: string | undefined;
  readonly tokenRequest: RecordedRequest | undefined;
  readonly checks: readonly Check[];
  readonly outcome: RoleOutcome | undefined;
}

export const authorizationCodeClientMachine = setup({
  types: {
    input: {} as AuthorizationCodeClientInput,
    context: {} as AuthorizationCodeClientContext,
    events: {} as DeliverEvent,
    output: {} as RoleOutcome,
  },
  actors: {
    /** RFC 6749 §10.12 state; RFC 7636 §4.1–§4.2 verifier and challenge, with WebCrypto SHA-256. */
    prepareAuthorizationRequest: fromPromise<PreparedRequest, { random: Random; pkceMethod: "S256" | "plain" | "none" }>(async ({ input }) => {
      const state = base64url(input.random.bytes(16));
      if (input.pkceMethod === "none") return { state, codeVerifier: undefined, codeChallenge: undefined };
      const codeVerifier = base64url(input.random.bytes(32));
      return { state, codeVerifier, codeChallenge: await computeCodeChallenge(codeVerifier, input.pkceMethod) };
    }),
  },
  actions: {
    rememberMessage: assign(({ context, event }) => {
      assertEvent(event, "DELIVER");
      return { knows: learn(context.knows, artifactsOf(event.message)) };
    }),
    keepPreparedRequest: assign(({ context }, prepared: PreparedRequest) => ({
      ...prepared,
      knows: learn(context.knows, [
        { kind: "state", value: prepared.state, where: "computed" },
        ...(prepared.codeVerifier ? [{ kind: "code_verifier" as const, value: prepared.codeVerifier, where: "computed" }] : []),
        ...(prepared.codeChallenge ? [{ kind: "code_challenge" as const, value: prepared.codeChallenge, where: "computed" }] : []),
      ]),
    })),
    announcePreparedRequest: enqueueActions(({ context, enqueue, system }) => {
      const computed = [
        { kind: "state" as const, value: context.state!, where: "computed" },
        ...(context.codeVerifier ? [{ kind: "code_verifier" as const, value: context.codeVerifier, where: "computed" }] : []),
        ...(context.codeChallenge ? [{ kind: "code_challenge" as const, value: context.codeChallenge, where: "computed" }] : []),
      ];
      enqueue.sendTo(system.get("wire"), wireSend({ id: context.codeVerifier ? "generate-pkce" : "generate-state", from: "client", to: "client", channel: "local", computed }));
    }),
    /** RFC 6749 §4.1.1: send the browser to the authorization endpoint with the request. */
    redirectToAuthorization: enqueueActions(({ context, enqueue, system }) => {
      const url = new URL(context.authorizationEndpoint);
      url.searchParams.set("response_type", "code");
      url.searchParams.set("client_id", context.client.client_id);
      url.searchParams.set("redirect_uri", context.client.redirect_uris[0]!);
      url.searchParams.set("scope", context.scope);
      url.searchParams.set("state", context.state!);
      if (context.codeChallenge) {
        url.searchParams.set("code_challenge", context.codeChallenge);
        url.searchParams.set("code_challenge_method", context.pkceMethod);
      }
      enqueue.sendTo(system.get("wire"), wireSend({ id: "redirect-to-authorization", from: "client", to: "resourceOwner", channel: "front", response: redirectTo(url.href) }));
    }),
    /** RFC 6749 §10.12, RFC 9207 §2.4: check state and iss before using the code. */
    checkAuthorizationResponse: enqueueActions(({ context, enqueue, system, event }) => {
      assertEvent(event, "DELIVER");
      const { query } = urlParams(event.message.request!.url);
      const checks: Check[] = [
        { id: "state-matches", by: "client", label: "state matches the one this browser session started with", passed: context.state !== undefined && query.get("state") === context.state, expected: context.state ?? "(no sign-in in progress)", actual: query.get("state") ?? "(none)" },
        { id: "issuer-matches", by: "client", label: "iss is the authorization server the request went to", passed: query.get("iss") === context.issuer, expected: context.issuer, actual: query.get("iss") ?? "(none)" },
        { id: "authorization-granted", by: "client", label: "the response carries a code, not an error", passed: query.has("code") && !query.has("error"), expected: "code", actual: query.get("error") ?? (query.has("code") ? "code" : "(nothing)") },
      ];
      enqueue.assign({ checks, code: query.get("code") ?? undefined });
      enqueue.sendTo(system.get("wire"), wireSend({ id: "verify-callback", from: "client", to: "client", channel: "local", checks }));
    }),
    /** RFC 6749 §4.1.3 (+ RFC 7636 §4.5): exchange the code, authenticating as registered. */
    exchangeCode: enqueueActions(({ context, enqueue, system }) => {
      const auth = clientAuthentication(context.client);
      const fields: Record<string, string> = {
        grant_type: "authorization_code",
        code: context.code!,
        redirect_uri: context.client.redirect_uris[0]!,
        ...auth.fields,
      };
      if (context.codeVerifier) fields.code_verifier = context.codeVerifier;
      const request = formRequest(context.tokenEndpoint, fields, auth.headers);
      enqueue.assign({ tokenRequest: request });
      enqueue.sendTo(system.get("wire"), wireSend({ id: "token-request", from: "client", to: "authorizationServer", channel: "back", request, ...(context.exchangeDelay ? { wait: context.exchangeDelay } : {}) }));
    }),
    /** The same token request again: a retry after a timeout, or a replay by someone who saw the code. */
    replayCode: enqueueActions(({ context, enqueue, system }) => {
      enqueue.sendTo(system.get("wire"), wireSend({ id: "token-replay", from: "client", to: "authorizationServer", channel: "back", request: context.tokenRequest! }));
    }),
    keepTokens: assign(({ context, event }) => {
      assertEvent(event, "DELIVER");
      const body = jsonBody(event.message.response!);
      return { accessToken: typeof body.access_token === "string" ? body.access_token : undefined, knows: learn(context.knows, artifactsOf(event.message)) };
    }),
    /** RFC 6750 §2.1: present the token in the Authorization header. */
    callApi: enqueueActions(({ context, enqueue, system }) => {
      enqueue.sendTo(system.get("wire"), wireSend({ id: "api-request", from: "client", to: "resourceServer", channel: "back", request: apiRequest(context.api, context.accessToken) }));
    }),
    concludeWithResource: enqueueActions(({ enqueue, system, event }) => {
      assertEvent(event, "DELIVER");
      const response = event.message.response!;
      const outcome = pageFor(response);
      enqueue.assign({ outcome: outcome.outcome });
      enqueue.sendTo(system.get("wire"), wireSend({ id: outcome.outcome.kind === "resource" ? "signed-in-page" : "error-page", from: "client", to: "resourceOwner", channel: "front", response: outcome.page }));
    }),
    concludeWithFailure: enqueueActions(({ context, enqueue, system, event }) => {
      assertEvent(event, "DELIVER");
      const failure = describeFailure(event.message, context.checks);
      enqueue.assign({ outcome: { role: "client", kind: "error", result: failure.code, summary: failure.summary } });
      enqueue.sendTo(system.get("wire"), wireSend({ id: "error-page", from: "client", to: "resourceOwner", channel: "front", response: errorPage(failure.code, failure.summary) }));
    }),
  },
  guards: {
    isSignInRequest: ({ event }) => new URL(event.message.request?.url ?? "about:blank").pathname === "/login",
    isCallbackRequest: ({ context, event }) => (event.message.request?.url ?? "").split("?")[0] === context.client.redirect_uris[0],
    /** RFC 6749 §10.12: every check on the authorization response passed. */
    isAuthorizationResponseValid: ({ context }) => context.checks.every((check) => check.passed),
    /** Off by default; the code-replay scenario turns it on. */
    replaysCode: () => false,
    isTokenIssued: ({ event }) => carriesAccessToken(event.message),
  },
}).createMachine({
  id: "authorizationCodeClient",
  description: "A web or native app that gets a code through the browser and trades it for tokens",
  context: ({ input }) => ({
    ...input,
    knows: input.client.client_secret ? { client_secret: [input.client.client_secret] } : {},
    state: undefined,
    codeVerifier: undefined,
    codeChallenge: undefined,
    code: undefined,
    accessToken: undefined,
    tokenRequest: undefined,
    checks: [],
    outcome: undefined,
  }),
  initial: "awaitingSignIn",
  states: {
    awaitingSignIn: {
      description: "Waits for the person to click Sign in (or for anything arriving at its callback)",
      on: {
        DELIVER: [
          { guard: "isSignInRequest", target: "preparingRequest", actions: "rememberMessage" },
          { guard: "isCallbackRequest", target: "checkingAuthorizationResponse", actions: ["rememberMessage", "checkAuthorizationResponse"] },
        ],
      },
    },
    preparingRequest: {
      description: "Generates state (and the PKCE pair)",
      invoke: {
        src: "prepareAuthorizationRequest",
        input: ({ context }) => ({ random: context.random, pkceMethod: context.pkceMethod }),
        onDone: { target: "announcingRequest", actions: [{ type: "keepPreparedRequest", params: ({ event }) => event.output }, "announcePreparedRequest"] },
      },
    },
    announcingRequest: {
      description: "The generated values are shown before the redirect",
      on: { DELIVER: { target: "awaitingCallback", actions: "redirectToAuthorization" } },
    },
    awaitingCallback: {
      description: "The browser is at the authorization server; waits for it to come back",
      on: { DELIVER: { guard: "isCallbackRequest", target: "checkingAuthorizationResponse", actions: ["rememberMessage", "checkAuthorizationResponse"] } },
    },
    checkingAuthorizationResponse: {
      description: "Checks state, iss and whether a code arrived",
      on: {
        DELIVER: [
          { guard: "isAuthorizationResponseValid", target: "exchangingCode", actions: "exchangeCode" },
          { target: "failed", actions: "concludeWithFailure" },
        ],
      },
    },
    exchangingCode: {
      description: "Waits for the token endpoint's answer",
      on: {
        DELIVER: [
          { guard: "replaysCode", target: "replayingCode", actions: ["keepTokens", "replayCode"] },
          { guard: "isTokenIssued", target: "callingApi", actions: ["keepTokens", "callApi"] },
          { target: "failed", actions: ["rememberMessage", "concludeWithFailure"] },
        ],
      },
    },
    replayingCode: {
      description: "The code goes to the token endpoint a second time",
      on: { DELIVER: { target: "callingApi", actions: ["rememberMessage", "callApi"] } },
    },
    callingApi: {
      description: "Waits for the resource server's answer",
      on: { DELIVER: { target: "finished", actions: ["rememberMessage", "concludeWithResource"] } },
    },
    finished: { type: "final", description: "Showed the person the result" },
    failed: { type: "final", description: "Showed the person an error" },
  },
  output: ({ context }) => context.outcome!,
});

/**
 * A client that forgets RFC 6749 §10.12: it accepts any authorization response that carries a
 * code, whatever its state. Scenarios provide it in place of the real check.
 */
export function ignoresState({ context }: { context: AuthorizationCodeClientContext }): boolean {
  return context.checks.filter((check) => check.id !== "state-matches").every((check) => check.passed);
}
