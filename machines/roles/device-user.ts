/**
 * The resource owner of the device flow (RFC 8628 §3.3): the person in front of the TV, who reads
 * the code on its screen and signs in on their phone's browser. The password goes from the phone
 * to the authorization server and nowhere else; the device never sees it.
 */
import { assertEvent, assign, enqueueActions, setup } from "xstate";
import type { Knowledge, RoleOutcome } from "../trace";
import { pageAlert, pageHeading, readForm, submitForm } from "./html-form";
import type { DeliverEvent } from "./messages";
import { artifactsOf, formRequest, getRequest, learn, wireSend } from "./messages";

export interface DeviceUserInput {
  readonly account: { readonly username: string; readonly password: string };
  readonly decision: "allow" | "deny";
  /** The person never gets to it: the code on the TV goes unused. */
  readonly walksAway?: boolean;
  /** The scopes the person leaves ticked on the verification page; undefined: as the page offers them. */
  readonly grantedScope?: readonly string[];
}

interface DeviceUserContext extends DeviceUserInput {
  readonly knows: Knowledge;
  /** The code as the TV shows it, which the person types (or checks) on the phone. */
  readonly userCode: string | undefined;
  readonly page: { readonly status: number; readonly heading: string; readonly alert: string | undefined } | undefined;
}

export const deviceUserMachine = setup({
  types: {
    input: {} as DeviceUserInput,
    context: {} as DeviceUserContext,
    events: {} as DeliverEvent,
    output: {} as RoleOutcome,
  },
  actions: {
    rememberMessage: assign(({ context, event }) => {
      assertEvent(event, "DELIVER");
      return { knows: learn(context.knows, artifactsOf(event.message)) };
    }),
    readCodeFromScreen: assign(({ event }) => {
      assertEvent(event, "DELIVER");
      return { userCode: artifactsOf(event.message).find((artifact) => artifact.kind === "user_code")?.value };
    }),
    /** RFC 8628 §3.3.1: the phone opens verification_uri_complete (from the QR code), or verification_uri. */
    openVerificationPage: enqueueActions(({ enqueue, system, event }) => {
      assertEvent(event, "DELIVER");
      enqueue.sendTo(system.get("wire"), wireSend({ id: "open-verification-uri", from: "resourceOwner", to: "authorizationServer", channel: "front", request: getRequest(event.message.link!) }));
    }),
    /** RFC 8628 §3.3: the person checks the code against the TV, signs in and decides. */
    submitDecision: enqueueActions(({ context, enqueue, system, event }) => {
      assertEvent(event, "DELIVER");
      const form = readForm(event.message.response!.body!)!;
      const fields = submitForm(form, {
        user_code: context.userCode ?? "",
        username: context.account.username,
        password: context.account.password,
        decision: context.decision,
      }, context.grantedScope);
      enqueue.sendTo(system.get("wire"), wireSend({ id: "device-consent", from: "resourceOwner", to: "authorizationServer", channel: "front", request: formRequest(form.action, fields) }));
    }),
    showPage: assign(({ event }) => {
      assertEvent(event, "DELIVER");
      const response = event.message.response!;
      const html = response.body ?? "";
      return { page: { status: response.status, heading: pageHeading(html), alert: pageAlert(html) } };
    }),
  },
  guards: {
    walksAway: ({ context }) => context.walksAway === true,
    showsCode: ({ event }) => event.message.link !== undefined,
    /** The verification page with its sign-in and consent form. */
    isVerificationForm: ({ event }) => event.message.response?.status === 200 && readForm(event.message.response.body ?? "") !== undefined,
  },
}).createMachine({
  id: "deviceUser",
  description: "The person at the TV, with a phone and the password only they know",
  context: ({ input }) => ({ ...input, knows: { password: [input.account.password] }, userCode: undefined, page: undefined }),
  initial: "watchingTheDevice",
  states: {
    watchingTheDevice: {
      description: "Waits for the TV to show a code",
      on: {
        DELIVER: [
          { guard: "walksAway", target: "away", actions: "rememberMessage" },
          { guard: "showsCode", target: "onThePhone", actions: ["rememberMessage", "readCodeFromScreen", "openVerificationPage"] },
        ],
      },
    },
    away: {
      description: "The person has left; the code on the TV expires unused",
    },
    onThePhone: {
      description: "The person on their phone; any page other than the verification form is where they stop",
      initial: "openingVerificationPage",
      on: { DELIVER: { target: "sawPage", actions: ["rememberMessage", "showPage"] } },
      states: {
        openingVerificationPage: {
          description: "The phone loads the verification page",
          on: { DELIVER: { guard: "isVerificationForm", target: "deciding", actions: ["rememberMessage", "submitDecision"] } },
        },
        deciding: {
          description: "The phone has sent the code, the sign-in and the decision; waits for the answer",
        },
      },
    },
    sawPage: {
      type: "final",
      description: "The phone shows the result: return to the TV, or an error",
    },
  },
  output: ({ context }): RoleOutcome => {
    const page = context.page!;
    if (page.status >= 400) {
      return { role: "resourceOwner", kind: "error", result: String(page.status), summary: page.alert ?? page.heading };
    }
    return { role: "resourceOwner", kind: "resource", result: String(page.status), summary: page.heading };
  },
});
