/**
 * The attacker some scenarios bring in. It has an ordinary account at the authorization server
 * (mallory) and no secret of anyone else's; what it can do is send links and replay what leaks.
 *
 * Plans: "lure" sends the victim a crafted link; "csrf" gets a code for its own account and lures
 * the victim's browser into delivering it to the client (RFC 6749 §10.12); "intercept" receives a
 * leaked redirect and tries to redeem the code itself (RFC 7636 §1).
 */
import { assertEvent, assign, enqueueActions, setup } from "xstate";
import type { ClientMetadata } from "../world";
import type { Knowledge, RoleOutcome } from "../trace";
import { apiRequest, carriesAccessToken, failureOutcome, pageFor } from "./client-kit";
import { readForm, submitForm } from "./html-form";
import type { DeliverEvent } from "./messages";
import { artifactsOf, formRequest, getRequest, header, jsonBody, learn, urlParams, wireSend } from "./messages";

export interface AttackerInput {
  readonly plan: "lure" | "csrf" | "intercept";
  /** The link the "lure" plan sends. */
  readonly link?: string;
  /** The client whose identity the attacker borrows (its client_id and redirect URI are public). */
  readonly client: ClientMetadata;
  readonly authorizationEndpoint: string;
  readonly tokenEndpoint: string;
  readonly account: { readonly username: string; readonly password: string };
  readonly api: { readonly method: string; readonly url: string };
}

interface AttackerContext extends AttackerInput {
  readonly knows: Knowledge;
  readonly code: string | undefined;
  readonly accessToken: string | undefined;
  readonly outcome: RoleOutcome | undefined;
}

export const attackerMachine = setup({
  types: {
    input: {} as AttackerInput,
    context: {} as AttackerContext,
    events: {} as DeliverEvent,
    output: {} as RoleOutcome,
  },
  actions: {
    rememberMessage: assign(({ context, event }) => {
      assertEvent(event, "DELIVER");
      return { knows: learn(context.knows, artifactsOf(event.message)) };
    }),
    sendLure: enqueueActions(({ context, enqueue, system }) => {
      enqueue.sendTo(system.get("wire"), wireSend({ id: "malicious-link", from: "attacker", to: "resourceOwner", channel: "front", link: context.link! }));
    }),
    /** The attacker starts an ordinary authorization request at the client's expense, for its own account. */
    startOwnAuthorization: enqueueActions(({ context, enqueue, system }) => {
      const url = new URL(context.authorizationEndpoint);
      url.searchParams.set("response_type", "code");
      url.searchParams.set("client_id", context.client.client_id);
      url.searchParams.set("redirect_uri", context.client.redirect_uris[0]!);
      url.searchParams.set("state", "attacker-chosen-state");
      enqueue.sendTo(system.get("wire"), wireSend({ id: "attacker-authorization-request", from: "attacker", to: "authorizationServer", channel: "front", request: getRequest(url.href) }));
    }),
    signInAsAttacker: enqueueActions(({ context, enqueue, system, event }) => {
      assertEvent(event, "DELIVER");
      const form = readForm(event.message.response?.body ?? "");
      // No sign-in page (an edited request got an error page): nothing to sign in to, the attack stalls.
      if (!form) return;
      const fields = submitForm(form, { username: context.account.username, password: context.account.password, decision: "allow" });
      enqueue.sendTo(system.get("wire"), wireSend({ id: "attacker-consent", from: "attacker", to: "authorizationServer", channel: "front", request: formRequest(form.action, fields) }));
    }),
    /** Instead of following the redirect, the attacker sends it to the victim. */
    lureWithOwnCode: enqueueActions(({ enqueue, system, event }) => {
      assertEvent(event, "DELIVER");
      const link = event.message.response ? header(event.message.response, "location") : undefined;
      // No redirect with a code (an edited request got an error page): nothing to lure the victim with.
      if (!link) return;
      enqueue.sendTo(system.get("wire"), wireSend({ id: "csrf-link", from: "attacker", to: "resourceOwner", channel: "front", link }));
    }),
    /** The attacker has the code but not the client's code_verifier or secret. */
    redeemInterceptedCode: enqueueActions(({ context, enqueue, system, event }) => {
      assertEvent(event, "DELIVER");
      const code = urlParams(event.message.link ?? "about:blank").query.get("code") ?? "";
      enqueue.assign({ code });
      const fields = { grant_type: "authorization_code", code, redirect_uri: context.client.redirect_uris[0]!, client_id: context.client.client_id };
      enqueue.sendTo(system.get("wire"), wireSend({ id: "attacker-token-request", from: "attacker", to: "authorizationServer", channel: "back", request: formRequest(context.tokenEndpoint, fields) }));
    }),
    callApiWithStolenToken: enqueueActions(({ context, enqueue, system, event }) => {
      assertEvent(event, "DELIVER");
      const token = String(jsonBody(event.message.response!).access_token);
      enqueue.assign({ accessToken: token });
      enqueue.sendTo(system.get("wire"), wireSend({ id: "attacker-api-request", from: "attacker", to: "resourceServer", channel: "back", request: apiRequest(context.api, token) }));
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
    plansLure: ({ context }) => context.plan === "lure",
    plansCsrf: ({ context }) => context.plan === "csrf",
    isTokenIssued: ({ event }) => carriesAccessToken(event.message),
  },
}).createMachine({
  id: "attacker",
  description: "Someone with an ordinary account and bad intentions",
  context: ({ input }) => ({ ...input, knows: { password: [input.account.password] }, code: undefined, accessToken: undefined, outcome: undefined }),
  initial: "choosingPlan",
  states: {
    choosingPlan: {
      always: [
        { guard: "plansLure", target: "lured", actions: "sendLure" },
        { guard: "plansCsrf", target: "gettingOwnCode", actions: "startOwnAuthorization" },
        { target: "watchingForRedirects" },
      ],
    },
    gettingOwnCode: {
      description: "Signs in with its own account to get a code for it",
      on: { DELIVER: { target: "signingIn", actions: ["rememberMessage", "signInAsAttacker"] } },
    },
    signingIn: {
      description: "Waits for the redirect that carries its own code",
      on: { DELIVER: { target: "lured", actions: ["rememberMessage", "lureWithOwnCode"] } },
    },
    lured: {
      description: "Has sent the victim a link and waits",
    },
    watchingForRedirects: {
      description: "A malicious app waiting for a redirect meant for the real client",
      on: { DELIVER: { target: "redeemingCode", actions: ["rememberMessage", "redeemInterceptedCode"] } },
    },
    redeemingCode: {
      description: "Tries to trade the stolen code for tokens",
      on: {
        DELIVER: [
          { guard: "isTokenIssued", target: "usingStolenToken", actions: ["rememberMessage", "callApiWithStolenToken"] },
          { target: "foiled", actions: ["rememberMessage", "concludeWithFailure"] },
        ],
      },
    },
    usingStolenToken: {
      description: "Calls the victim's API with the stolen token",
      on: { DELIVER: { target: "succeeded", actions: ["rememberMessage", "concludeWithApiAnswer"] } },
    },
    foiled: { type: "final", description: "The attack failed" },
    succeeded: { type: "final", description: "The attacker read the victim's data" },
  },
  output: ({ context }) => context.outcome!,
});
