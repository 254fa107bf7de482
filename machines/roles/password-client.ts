/**
 * The client of the resource owner password credentials grant (RFC 6749 §4.3): a "trusted" first
 * party app that shows its own sign-in form, so the person types their password into the client
 * and the client sends it on to the token endpoint. The client knows the password — that is the
 * lesson, and why RFC 9700 §2.4 says this grant MUST NOT be used and OAuth 2.1 drops it.
 *
 * Also here: the resource owner of this flow, who types the password into the client's form
 * instead of the authorization server's (a delta of the shared resource owner).
 */
import { and, assertEvent, assign, enqueueActions, sendTo, setup } from "xstate";
import type { ClientMetadata } from "../world";
import { escapeHtml } from "../world/http";
import type { Knowledge, RoleOutcome } from "../trace";
import { readForm, submitForm } from "./html-form";
import type { DeliverEvent, WireSendEvent } from "./messages";
import { artifactsOf, formRequest, htmlPage, jsonBody, learn, wireSend } from "./messages";
import { apiRequest, carriesAccessToken, clientAuthentication, describeFailure, errorPage, pageFor } from "./client-kit";
import { resourceOwnerMachine } from "./resource-owner";

export interface PasswordClientInput {
  readonly client: ClientMetadata;
  /** The app's own origin: its sign-in form lives at /login there. */
  readonly origin: string;
  readonly tokenEndpoint: string;
  readonly revocationEndpoint: string;
  /** The API call the client makes with the access token. */
  readonly api: { readonly method: string; readonly url: string };
  readonly scope: string;
}

interface PasswordClientContext extends PasswordClientInput {
  readonly knows: Knowledge;
  readonly accessToken: string | undefined;
  readonly refreshToken: string | undefined;
  readonly outcome: RoleOutcome | undefined;
}

/** The client's own sign-in page: no authorization server in sight, just a form asking for the password. */
function signInForm(client: ClientMetadata, action: string): ReturnType<typeof htmlPage> {
  const name = escapeHtml(client.client_name);
  return htmlPage(
    200,
    `<!doctype html><title>Sign in to ${name}</title><h1>Sign in to ${name}</h1><form method="post" action="${escapeHtml(action)}"><label>Username<input type="text" name="username" autocomplete="username"></label><label>Password<input type="password" name="password" autocomplete="current-password"></label><button type="submit">Sign in</button></form>`,
  );
}

export const passwordClientMachine = setup({
  types: {
    input: {} as PasswordClientInput,
    context: {} as PasswordClientContext,
    events: {} as DeliverEvent,
    output: {} as RoleOutcome,
  },
  actions: {
    rememberMessage: assign(({ context, event }) => {
      assertEvent(event, "DELIVER");
      return { knows: learn(context.knows, artifactsOf(event.message)) };
    }),
    /** RFC 6749 §4.3 (A): the client asks the resource owner for their credentials itself. */
    showSignInForm: enqueueActions(({ context, enqueue, system }) => {
      enqueue.sendTo(system.get("wire"), wireSend({ id: "client-login-page", from: "client", to: "resourceOwner", channel: "front", response: signInForm(context.client, `${context.origin}/login`) }));
    }),
    /** RFC 6749 §4.3.2: grant_type=password with the person's username and password, and the client's own authentication. */
    requestToken: enqueueActions(({ context, enqueue, system, event }) => {
      assertEvent(event, "DELIVER");
      const typed = new URLSearchParams(event.message.request?.body ?? "");
      const auth = clientAuthentication(context.client);
      const fields: Record<string, string> = {
        grant_type: "password",
        username: typed.get("username") ?? "",
        password: typed.get("password") ?? "",
        scope: context.scope,
        ...auth.fields,
      };
      enqueue.sendTo(system.get("wire"), wireSend({ id: "password-token-request", from: "client", to: "authorizationServer", channel: "back", request: formRequest(context.tokenEndpoint, fields, auth.headers) }));
    }),
    keepTokens: assign(({ context, event }) => {
      assertEvent(event, "DELIVER");
      const body = jsonBody(event.message.response!);
      return {
        accessToken: typeof body.access_token === "string" ? body.access_token : undefined,
        refreshToken: typeof body.refresh_token === "string" ? body.refresh_token : undefined,
        knows: learn(context.knows, artifactsOf(event.message)),
      };
    }),
    /**
     * RFC 7009 §2.1: on sign-out the app revokes its refresh token, which also invalidates the
     * access tokens of the same grant; it authenticates as it does at the token endpoint.
     */
    revokeToken: enqueueActions(({ context, enqueue, system }) => {
      const auth = clientAuthentication(context.client);
      const [token, hint] = context.refreshToken ? [context.refreshToken, "refresh_token"] : [context.accessToken!, "access_token"];
      const request = formRequest(context.revocationEndpoint, { token, token_type_hint: hint, ...auth.fields }, auth.headers);
      enqueue.sendTo(system.get("wire"), wireSend({ id: "revocation-request", from: "client", to: "authorizationServer", channel: "back", request }));
    }),
    /** RFC 6750 §2.1: present the token in the Authorization header. */
    callApi: enqueueActions(({ context, enqueue, system }) => {
      enqueue.sendTo(system.get("wire"), wireSend({ id: "api-request", from: "client", to: "resourceServer", channel: "back", request: apiRequest(context.api, context.accessToken) }));
    }),
    concludeWithResource: enqueueActions(({ enqueue, system, event }) => {
      assertEvent(event, "DELIVER");
      const outcome = pageFor(event.message.response!);
      enqueue.assign({ outcome: outcome.outcome });
      enqueue.sendTo(system.get("wire"), wireSend({ id: outcome.outcome.kind === "resource" ? "signed-in-page" : "error-page", from: "client", to: "resourceOwner", channel: "front", response: outcome.page }));
    }),
    concludeWithFailure: enqueueActions(({ enqueue, system, event }) => {
      assertEvent(event, "DELIVER");
      const failure = describeFailure(event.message, []);
      enqueue.assign({ outcome: { role: "client", kind: "error", result: failure.code, summary: failure.summary } });
      enqueue.sendTo(system.get("wire"), wireSend({ id: "error-page", from: "client", to: "resourceOwner", channel: "front", response: errorPage(failure.code, failure.summary) }));
    }),
  },
  guards: {
    isSignInRequest: ({ event }) => event.message.request?.method === "GET" && new URL(event.message.request.url).pathname === "/login",
    isCredentialsSubmission: ({ event }) => event.message.request?.method === "POST" && new URL(event.message.request.url).pathname === "/login",
    isTokenIssued: ({ event }) => carriesAccessToken(event.message),
    /** Off by default; the sign-out scenario revokes the tokens before the API call. */
    signsOutBeforeApiCall: () => false,
  },
}).createMachine({
  id: "passwordClient",
  description: "A first-party app that asks for the person's password and trades it for tokens",
  context: ({ input }) => ({
    ...input,
    knows: input.client.client_secret ? { client_secret: [input.client.client_secret] } : {},
    accessToken: undefined,
    refreshToken: undefined,
    outcome: undefined,
  }),
  initial: "awaitingSignIn",
  states: {
    awaitingSignIn: {
      description: "Waits for the person to click Sign in",
      on: { DELIVER: { guard: "isSignInRequest", target: "askingForPassword", actions: ["rememberMessage", "showSignInForm"] } },
    },
    askingForPassword: {
      description: "Shows its own form and waits for the username and password",
      on: { DELIVER: { guard: "isCredentialsSubmission", target: "requestingToken", actions: ["rememberMessage", "requestToken"] } },
    },
    requestingToken: {
      description: "Waits for the token endpoint's answer",
      on: {
        DELIVER: [
          { guard: and(["isTokenIssued", "signsOutBeforeApiCall"]), target: "revokingToken", actions: ["keepTokens", "revokeToken"] },
          { guard: "isTokenIssued", target: "callingApi", actions: ["keepTokens", "callApi"] },
          { target: "failed", actions: ["rememberMessage", "concludeWithFailure"] },
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

/**
 * The person of the password grant: the same browser and person as everywhere, except that the
 * sign-in form they fill in is the client's own (RFC 6749 §4.3 (A)), so the password goes to the client.
 */
export const resourceOwnerAtClientForm = resourceOwnerMachine.provide({
  guards: {
    isConsentPage: ({ event }) =>
      event.message.id === "client-login-page" && event.message.response?.status === 200 && readForm(event.message.response.body ?? "") !== undefined,
  },
  actions: {
    submitConsent: sendTo(
      ({ system }) => system.get("wire"),
      ({ context, event }): WireSendEvent => {
        assertEvent(event, "DELIVER");
        const form = readForm(event.message.response!.body!)!;
        const fields = submitForm(form, { username: context.account.username, password: context.account.password });
        return wireSend({ id: "enter-password", from: "resourceOwner", to: "client", channel: "front", request: formRequest(form.action, fields) });
      },
    ),
  },
});
