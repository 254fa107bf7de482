/**
 * The resource owner at their browser. The browser follows redirects and shows pages; the person
 * reads the sign-in and consent page, types their password there (and only there) and decides.
 */
import { assertEvent, assign, enqueueActions, sendTo, setup } from "xstate";
import type { Knowledge, RecordedRequest, RecordedResponse, RoleOutcome } from "../trace";
import { pageAlert, pageHeading, readForm, submitForm } from "./html-form";
import type { DeliverEvent, WireMessage, WireSendEvent } from "./messages";
import { artifactsOf, formRequest, getRequest, header, learn, wireSend } from "./messages";

export interface ResourceOwnerInput {
  /** Where the person starts: the client's "Sign in" link; undefined when they follow a link someone sends. */
  readonly startUrl: string | undefined;
  /** The client's origin, so the browser knows a redirect back to the client. */
  readonly clientOrigin: string;
  /** A malicious app that also receives the redirect back to the client (code interception). */
  readonly leakRedirectsTo?: "attacker";
  readonly issuer: string;
  readonly account: { readonly username: string; readonly password: string };
  readonly decision: "allow" | "deny";
  /** The scopes left ticked on the consent page; undefined leaves the page as shown. */
  readonly grantedScope?: readonly string[];
}

interface ShownPage {
  readonly status: number;
  readonly heading: string;
  readonly alert: string | undefined;
}

interface ResourceOwnerContext extends ResourceOwnerInput {
  readonly knows: Knowledge;
  /** The browser's address bar. */
  readonly address: string;
  readonly page: ShownPage | undefined;
}

const STEP_FOR_NAVIGATION = (context: ResourceOwnerContext, url: string): string => {
  const target = new URL(url);
  if (target.origin === context.issuer) return target.pathname === "/authorize" ? "authorization-request" : "navigate";
  return target.origin === context.clientOrigin ? "callback" : "navigate";
};

function responseOf(event: DeliverEvent): RecordedResponse | undefined {
  return event.message.response;
}

export const resourceOwnerMachine = setup({
  types: {
    input: {} as ResourceOwnerInput,
    context: {} as ResourceOwnerContext,
    events: {} as DeliverEvent,
    output: {} as RoleOutcome,
  },
  actions: {
    rememberMessage: assign(({ context, event }) => {
      assertEvent(event, "DELIVER");
      return { knows: learn(context.knows, artifactsOf(event.message)) };
    }),
    clickSignIn: sendTo(
      ({ system }) => system.get("wire"),
      ({ context }): WireSendEvent => ({
        type: "WIRE.SEND",
        message: { id: "start-login", from: "resourceOwner", to: "client", channel: "front", request: getRequest(context.startUrl!) },
      }),
    ),
    /** Go where a redirect or a followed link points. */
    navigate: enqueueActions(({ context, event, enqueue, system }) => {
      assertEvent(event, "DELIVER");
      const target = event.message.link ?? new URL(header(event.message.response!, "location")!, event.message.request?.url).href;
      // A browser never sends the fragment to the server (RFC 3986 §3.5); it stays in the page.
      const url = target.replace(/#.*$/, "");
      const id = STEP_FOR_NAVIGATION(context, url);
      if (id === "callback" && context.leakRedirectsTo) {
        enqueue.sendTo(system.get("wire"), wireSend({ id: "code-intercepted", from: "resourceOwner", to: context.leakRedirectsTo, channel: "front", link: target }));
      }
      const to = new URL(url).origin === context.issuer ? "authorizationServer" : "client";
      const message: WireMessage = { id, from: "resourceOwner", to, channel: "front", request: getRequest(url) };
      enqueue.sendTo(system.get("wire"), wireSend(message));
    }),
    showPage: assign(({ event }) => {
      assertEvent(event, "DELIVER");
      const response = event.message.response!;
      const html = response.body ?? "";
      return { page: { status: response.status, heading: pageHeading(html), alert: pageAlert(html) } };
    }),
    showAddress: assign(({ event }) => {
      assertEvent(event, "DELIVER");
      return { address: event.message.link ?? header(event.message.response!, "location") ?? event.message.request?.url ?? "" };
    }),
    submitConsent: sendTo(
      ({ system }) => system.get("wire"),
      ({ context, event }): WireSendEvent => {
        assertEvent(event, "DELIVER");
        const form = readForm(event.message.response!.body!)!;
        const fields = submitForm(
          form,
          { username: context.account.username, password: context.account.password, decision: context.decision },
          context.grantedScope,
        );
        const request: RecordedRequest = formRequest(form.action, fields);
        return { type: "WIRE.SEND", message: { id: "consent", from: "resourceOwner", to: "authorizationServer", channel: "front", request } };
      },
    ),
  },
  guards: {
    startsAtTheClient: ({ context }) => context.startUrl !== undefined,
    isLink: ({ event }) => event.message.link !== undefined,
    isRedirect: ({ event }) => {
      const response = responseOf(event);
      return response !== undefined && response.status >= 300 && response.status < 400 && header(response, "location") !== undefined;
    },
    /** The sign-in and consent page, not yet answered. */
    isConsentPage: ({ event }) => {
      const response = responseOf(event);
      return response?.status === 200 && event.message.id === "login-page" && readForm(response.body ?? "") !== undefined;
    },
    isErrorPage: ({ event }) => (responseOf(event)?.status ?? 0) >= 400,
  },
}).createMachine({
  id: "resourceOwner",
  description: "The person at the browser, with the password only they know",
  context: ({ input }) => ({
    ...input,
    knows: { password: [input.account.password] },
    address: "about:blank",
    page: undefined,
  }),
  initial: "starting",
  states: {
    starting: {
      description: "The person either clicks Sign in at the client, or waits for a link",
      always: [{ guard: "startsAtTheClient", target: "browsing", actions: "clickSignIn" }, { target: "browsing" }],
    },
    browsing: {
      description: "The browser waits for the next page or redirect",
      on: {
        DELIVER: [
          { guard: "isLink", actions: ["rememberMessage", "showAddress", "navigate"] },
          { guard: "isRedirect", actions: ["rememberMessage", "showAddress", "navigate"] },
          { guard: "isConsentPage", actions: ["rememberMessage", "submitConsent"] },
          { guard: "isErrorPage", target: "sawError", actions: ["rememberMessage", "showPage"] },
          { target: "sawPage", actions: ["rememberMessage", "showPage"] },
        ],
      },
    },
    sawPage: {
      description: "The browser shows the client's page: the flow is over for the person",
      type: "final",
    },
    sawError: {
      description: "The browser shows an error page",
      type: "final",
    },
  },
  output: ({ context }): RoleOutcome => {
    const page = context.page!;
    if (page.status >= 400) {
      // The mock servers' error pages lead their alert with the error code: "invalid_redirect_uri: …".
      const code = /^([a-z_]+):/.exec(page.alert ?? "")?.[1] ?? String(page.status);
      return { role: "resourceOwner", kind: "error", result: code, summary: page.alert ?? page.heading };
    }
    return { role: "resourceOwner", kind: "resource", result: String(page.status), summary: page.heading };
  },
});
