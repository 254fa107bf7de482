/**
 * The client of the implicit grant (RFC 6749 §4.2): a single-page app whose script runs in the
 * person's browser. There is no token request: the authorization server puts the access token in
 * the redirect URI's fragment, the browser keeps the fragment when it loads the page (RFC 3986
 * §3.5: a fragment is never sent to a server), and the page's script reads it from the address
 * bar. Anything else that can read the address bar — another script on the page, the browser
 * history — can read the token too; that is why OAuth 2.1 drops this grant (RFC 9700 §2.1.2).
 *
 * Also here: the third-party script that shares the page and steals the token from the URL.
 */
import type { AnyActorRef } from "xstate";
import { and, assertEvent, assign, enqueueActions, setup } from "xstate";
import type { ClientMetadata } from "../world";
import type { Random } from "../world/random";
import { base64url } from "../world/random";
import type { Check, Knowledge, RoleOutcome } from "../trace";
import type { DeliverEvent } from "./messages";
import { artifactsOf, formRequest, learn, redirectTo, urlParams, wireSend } from "./messages";
import { apiRequest, clientAuthentication, describeFailure, errorPage, pageFor } from "./client-kit";

export interface ImplicitClientInput {
  readonly client: ClientMetadata;
  readonly issuer: string;
  readonly authorizationEndpoint: string;
  readonly revocationEndpoint: string;
  /** The API call the page's script makes with the access token. */
  readonly api: { readonly method: string; readonly url: string };
  readonly scope: string;
  readonly random: Random;
  /** Another script the page loads (an ad, an analytics tag, an injected script) that works for an attacker. */
  readonly sharesPageWith?: "attacker";
}

interface ImplicitClientContext extends ImplicitClientInput {
  readonly knows: Knowledge;
  readonly state: string | undefined;
  /** The page's own URL as the script reads it (location.href): the fragment included. */
  readonly pageUrl: string | undefined;
  readonly accessToken: string | undefined;
  /** The error_description the authorization server sent with an error, if it did. */
  readonly errorDescription: string | undefined;
  readonly checks: readonly Check[];
  readonly outcome: RoleOutcome | undefined;
}

/**
 * What the browser's address bar shows: the page's script runs in the browser and reads
 * `location.href`, fragment included. Undefined when no browser is there to ask.
 */
function addressBarOf(system: { get(id: string): AnyActorRef | undefined }): string | undefined {
  const snapshot: unknown = system.get("resourceOwner")?.getSnapshot();
  const address = (snapshot as { context?: { address?: unknown } } | undefined)?.context?.address;
  return typeof address === "string" && address !== "about:blank" ? address : undefined;
}

/** The authorization response's parameters: in the fragment (RFC 6749 §4.2.2), or in the query when the server did not use the implicit grant. */
function responseParams(url: string): URLSearchParams {
  const { query, fragment } = urlParams(url);
  return fragment.has("access_token") || fragment.has("error") ? fragment : query;
}

export const implicitClientMachine = setup({
  types: {
    input: {} as ImplicitClientInput,
    context: {} as ImplicitClientContext,
    events: {} as DeliverEvent,
    output: {} as RoleOutcome,
  },
  actions: {
    rememberMessage: assign(({ context, event }) => {
      assertEvent(event, "DELIVER");
      return { knows: learn(context.knows, artifactsOf(event.message)) };
    }),
    /** RFC 6749 §4.2.1, §10.12: state binds the response to this browser session. */
    generateState: enqueueActions(({ context, enqueue, system }) => {
      const state = base64url(context.random.bytes(16));
      const computed = [{ kind: "state" as const, value: state, where: "computed" }];
      enqueue.assign({ state, knows: learn(context.knows, computed) });
      enqueue.sendTo(system.get("wire"), wireSend({ id: "generate-state", from: "client", to: "client", channel: "local", computed }));
    }),
    /** RFC 6749 §4.2.1: response_type=token asks for the access token itself, not a code. */
    redirectToAuthorization: enqueueActions(({ context, enqueue, system }) => {
      const url = new URL(context.authorizationEndpoint);
      url.searchParams.set("response_type", "token");
      url.searchParams.set("client_id", context.client.client_id);
      url.searchParams.set("redirect_uri", context.client.redirect_uris[0]!);
      url.searchParams.set("scope", context.scope);
      url.searchParams.set("state", context.state!);
      enqueue.sendTo(system.get("wire"), wireSend({ id: "redirect-to-authorization", from: "client", to: "resourceOwner", channel: "front", response: redirectTo(url.href) }));
    }),
    /**
     * RFC 6749 §4.2 (D)–(F): the browser loads the page without the fragment, keeps the fragment,
     * and the page's script reads it from the address bar.
     */
    runPageScript: enqueueActions(({ enqueue, system, event }) => {
      assertEvent(event, "DELIVER");
      const pageUrl = addressBarOf(system) ?? event.message.request!.url;
      enqueue.assign({ pageUrl });
      enqueue.sendTo(system.get("wire"), wireSend({ id: "read-fragment", from: "resourceOwner", to: "client", channel: "front", link: pageUrl }));
    }),
    /** RFC 6749 §4.2.2, §10.12; RFC 9207 §2.4: check state and iss before using the token. */
    checkAuthorizationResponse: enqueueActions(({ context, enqueue, system, event }) => {
      assertEvent(event, "DELIVER");
      const params = responseParams(event.message.link!);
      const checks: Check[] = [
        { id: "state-matches", by: "client", label: "state matches the one this browser session started with", passed: context.state !== undefined && params.get("state") === context.state, expected: context.state ?? "(no sign-in in progress)", actual: params.get("state") ?? "(none)" },
        { id: "issuer-matches", by: "client", label: "iss is the authorization server the request went to", passed: params.get("iss") === context.issuer, expected: context.issuer, actual: params.get("iss") ?? "(none)" },
        { id: "authorization-granted", by: "client", label: "the response carries an access token, not an error", passed: params.has("access_token") && !params.has("error"), expected: "access_token", actual: params.get("error") ?? (params.has("access_token") ? "access_token" : "(nothing)") },
      ];
      enqueue.assign({ checks, accessToken: params.get("access_token") ?? undefined, errorDescription: params.get("error_description") ?? undefined });
      enqueue.sendTo(system.get("wire"), wireSend({ id: "verify-callback", from: "client", to: "client", channel: "local", checks }));
    }),
    /** RFC 7009 §2.1: a public client identifies itself with its client_id alone. */
    revokeToken: enqueueActions(({ context, enqueue, system }) => {
      const auth = clientAuthentication(context.client);
      const request = formRequest(context.revocationEndpoint, { token: context.accessToken!, token_type_hint: "access_token", ...auth.fields }, auth.headers);
      enqueue.sendTo(system.get("wire"), wireSend({ id: "revocation-request", from: "client", to: "authorizationServer", channel: "back", request }));
    }),
    /** RFC 6750 §2.1: present the token in the Authorization header. */
    callApi: enqueueActions(({ context, enqueue, system }) => {
      enqueue.sendTo(system.get("wire"), wireSend({ id: "api-request", from: "client", to: "resourceServer", channel: "back", request: apiRequest(context.api, context.accessToken) }));
    }),
    concludeWithResource: enqueueActions(({ context, enqueue, system, event }) => {
      assertEvent(event, "DELIVER");
      const outcome = pageFor(event.message.response!);
      enqueue.assign({ outcome: outcome.outcome });
      enqueue.sendTo(system.get("wire"), wireSend({ id: outcome.outcome.kind === "resource" ? "signed-in-page" : "error-page", from: "client", to: "resourceOwner", channel: "front", response: outcome.page }));
      // RFC 9700 §4.3.2: the token is still in the address bar and the history for any script on the page.
      if (context.sharesPageWith && context.pageUrl) {
        enqueue.sendTo(system.get("wire"), wireSend({ id: "script-reads-fragment", from: "resourceOwner", to: context.sharesPageWith, channel: "front", link: context.pageUrl }));
      }
    }),
    concludeWithFailure: enqueueActions(({ context, enqueue, system, event }) => {
      assertEvent(event, "DELIVER");
      const failure = describeFailure(event.message, context.checks);
      // The server's own words say more than "an error instead of a token" (RFC 6749 §4.2.2.1).
      const refused = context.checks.find((check) => !check.passed)?.id === "authorization-granted";
      const summary = refused && context.errorDescription ? context.errorDescription : failure.summary;
      enqueue.assign({ outcome: { role: "client", kind: "error", result: failure.code, summary } });
      enqueue.sendTo(system.get("wire"), wireSend({ id: "error-page", from: "client", to: "resourceOwner", channel: "front", response: errorPage(failure.code, summary) }));
    }),
  },
  guards: {
    isSignInRequest: ({ event }) => new URL(event.message.request?.url ?? "about:blank").pathname === "/login",
    isCallbackRequest: ({ context, event }) => (event.message.request?.url ?? "").split(/[?#]/)[0] === context.client.redirect_uris[0],
    /** RFC 6749 §10.12: every check on the authorization response passed. */
    isAuthorizationResponseValid: ({ context }) => context.checks.every((check) => check.passed),
    /** Off by default; the sign-out scenario revokes the token before the API call. */
    signsOutBeforeApiCall: () => false,
  },
}).createMachine({
  id: "implicitClient",
  description: "A single-page app whose script takes the access token from the URL fragment",
  context: ({ input }) => ({ ...input, knows: {}, state: undefined, pageUrl: undefined, accessToken: undefined, errorDescription: undefined, checks: [], outcome: undefined }),
  initial: "awaitingSignIn",
  states: {
    awaitingSignIn: {
      description: "Waits for the person to click Sign in",
      on: { DELIVER: { guard: "isSignInRequest", target: "announcingRequest", actions: ["rememberMessage", "generateState"] } },
    },
    announcingRequest: {
      description: "The generated state is shown before the redirect",
      on: { DELIVER: { target: "awaitingCallback", actions: "redirectToAuthorization" } },
    },
    awaitingCallback: {
      description: "The browser is at the authorization server; waits for it to load the callback page",
      on: { DELIVER: { guard: "isCallbackRequest", target: "readingFragment", actions: ["rememberMessage", "runPageScript"] } },
    },
    readingFragment: {
      description: "The page's script reads the response from the address bar",
      on: { DELIVER: { target: "checkingAuthorizationResponse", actions: ["rememberMessage", "checkAuthorizationResponse"] } },
    },
    checkingAuthorizationResponse: {
      description: "Checks state, iss and whether a token arrived",
      on: {
        DELIVER: [
          { guard: and(["isAuthorizationResponseValid", "signsOutBeforeApiCall"]), target: "revokingToken", actions: "revokeToken" },
          { guard: "isAuthorizationResponseValid", target: "callingApi", actions: "callApi" },
          { target: "failed", actions: "concludeWithFailure" },
        ],
      },
    },
    revokingToken: {
      description: "The person signed out: waits for the revocation endpoint's answer",
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

export interface PageScriptAttackerInput {
  /** The API the stolen token is tried against. */
  readonly api: { readonly method: string; readonly url: string };
}

interface PageScriptAttackerContext extends PageScriptAttackerInput {
  readonly knows: Knowledge;
  readonly outcome: RoleOutcome | undefined;
}

/**
 * A script that shares the page with the client (a compromised ad or analytics tag, an XSS
 * payload). It has no account and no secret: it reads the address bar and uses what it finds.
 */
export const pageScriptAttackerMachine = setup({
  types: {
    input: {} as PageScriptAttackerInput,
    context: {} as PageScriptAttackerContext,
    events: {} as DeliverEvent,
    output: {} as RoleOutcome,
  },
  actions: {
    rememberMessage: assign(({ context, event }) => {
      assertEvent(event, "DELIVER");
      return { knows: learn(context.knows, artifactsOf(event.message)) };
    }),
    /** RFC 6750 §5.3: a bearer token works for whoever holds it. */
    callApiWithStolenToken: enqueueActions(({ context, enqueue, system, event }) => {
      assertEvent(event, "DELIVER");
      const token = urlParams(event.message.link ?? "about:blank").fragment.get("access_token") ?? "";
      enqueue.sendTo(system.get("wire"), wireSend({ id: "attacker-api-request", from: "attacker", to: "resourceServer", channel: "back", request: apiRequest(context.api, token) }));
    }),
    concludeWithApiAnswer: assign(({ event }) => {
      assertEvent(event, "DELIVER");
      return { outcome: pageFor(event.message.response!, "attacker").outcome };
    }),
  },
  guards: {
    isApiAnswerOk: ({ event }) => event.message.response?.status === 200,
  },
}).createMachine({
  id: "pageScriptAttacker",
  description: "Another script on the client's page, working for an attacker",
  context: ({ input }) => ({ ...input, knows: {}, outcome: undefined }),
  initial: "watchingThePage",
  states: {
    watchingThePage: {
      description: "Runs on the page and waits for something worth reading in the URL",
      on: { DELIVER: { target: "usingStolenToken", actions: ["rememberMessage", "callApiWithStolenToken"] } },
    },
    usingStolenToken: {
      description: "Calls the API with the token it read from the URL",
      on: {
        DELIVER: [
          { guard: "isApiAnswerOk", target: "succeeded", actions: ["rememberMessage", "concludeWithApiAnswer"] },
          { target: "foiled", actions: ["rememberMessage", "concludeWithApiAnswer"] },
        ],
      },
    },
    succeeded: { type: "final", description: "The attacker read the victim's data" },
    foiled: { type: "final", description: "The stolen token no longer worked" },
  },
  output: ({ context }) => context.outcome!,
});
