/**
 * The client of the device authorization grant (RFC 8628): an app on a TV or in a terminal, with
 * no browser and no keyboard to speak of. It gets a device code and a user code, shows the person
 * the code and where to enter it, and polls the token endpoint until the person has decided.
 */
import { assertEvent, assign, enqueueActions, setup } from "xstate";
import type { ClientMetadata } from "../world";
import { DEVICE_CODE_GRANT } from "../world/demo-data";
import { escapeHtml } from "../world/http";
import type { Knowledge, RoleOutcome } from "../trace";
import type { ApiCall } from "./client-credentials-client";
import type { DeliverEvent } from "./messages";
import { artifactsOf, formRequest, htmlPage, jsonBody, learn, wireSend } from "./messages";
import { apiRequest, carriesAccessToken, clientAuthentication, failureOutcome, oauthErrorOf, pageFor } from "./client-kit";

export interface DeviceClientInput {
  readonly client: ClientMetadata;
  readonly deviceAuthorizationEndpoint: string;
  readonly tokenEndpoint: string;
  readonly scope: string;
  readonly api: ApiCall;
  /**
   * Seconds between polls when the device does not keep to the server's interval: fewer is a
   * device that polls too fast (until slow_down teaches it), more is one that polls lazily.
   */
  readonly pollEvery?: number;
}

/** RFC 8628 §3.2: what the device authorization response tells the device. */
interface DeviceAuthorization {
  readonly deviceCode: string;
  readonly userCode: string;
  readonly verificationUri: string;
  readonly verificationUriComplete: string | undefined;
  readonly expiresIn: number;
}

interface DeviceClientContext extends DeviceClientInput {
  readonly knows: Knowledge;
  readonly authorization: DeviceAuthorization | undefined;
  /** RFC 8628 §3.5: seconds the device waits between polls, 5 unless the server says otherwise. */
  readonly interval: number;
  readonly accessToken: string | undefined;
  readonly outcome: RoleOutcome | undefined;
}

function errorCode(event: DeliverEvent): string | undefined {
  return oauthErrorOf(event.message.response)?.code;
}

/** What the TV shows: where to go, the code to enter, and the link a QR code would carry (RFC 8628 §3.3.1). */
function deviceScreen(authorization: DeviceAuthorization): string {
  const qr = authorization.verificationUriComplete ? `<p><small>or scan the QR code: <code>${escapeHtml(authorization.verificationUriComplete)}</code></small></p>` : "";
  return `<!doctype html><title>Sign in on your phone</title><h1>Sign in on your phone</h1><p>Go to <strong>${escapeHtml(authorization.verificationUri)}</strong> and enter</p><p><strong>${escapeHtml(authorization.userCode)}</strong></p>${qr}`;
}

export const deviceClientMachine = setup({
  types: {
    input: {} as DeviceClientInput,
    context: {} as DeviceClientContext,
    events: {} as DeliverEvent,
    output: {} as RoleOutcome,
  },
  actions: {
    rememberMessage: assign(({ context, event }) => {
      assertEvent(event, "DELIVER");
      return { knows: learn(context.knows, artifactsOf(event.message)) };
    }),
    /** RFC 8628 §3.1: client_id (the device is a public client) and the scope it wants. */
    requestDeviceCode: enqueueActions(({ context, enqueue, system }) => {
      const auth = clientAuthentication(context.client);
      const request = formRequest(context.deviceAuthorizationEndpoint, { ...auth.fields, scope: context.scope }, auth.headers);
      enqueue.sendTo(system.get("wire"), wireSend({ id: "device-authorization-request", from: "client", to: "authorizationServer", channel: "back", request }));
    }),
    /** RFC 8628 §3.2: keep the codes, and the interval the server asks for. */
    keepDeviceAuthorization: assign(({ context, event }) => {
      assertEvent(event, "DELIVER");
      const body = jsonBody(event.message.response!);
      const authorization: DeviceAuthorization = {
        deviceCode: String(body.device_code),
        userCode: String(body.user_code),
        verificationUri: String(body.verification_uri),
        verificationUriComplete: typeof body.verification_uri_complete === "string" ? body.verification_uri_complete : undefined,
        expiresIn: Number(body.expires_in),
      };
      return {
        authorization,
        interval: typeof body.interval === "number" ? body.interval : context.interval,
        knows: learn(context.knows, artifactsOf(event.message)),
      };
    }),
    /** RFC 8628 §3.3: the device tells the person where to go and which code to enter. */
    showUserCode: enqueueActions(({ context, enqueue, system }) => {
      const authorization = context.authorization!;
      enqueue.sendTo(
        system.get("wire"),
        wireSend({
          id: "show-user-code",
          from: "client",
          to: "resourceOwner",
          channel: "front",
          response: htmlPage(200, deviceScreen(authorization)),
          link: authorization.verificationUriComplete ?? authorization.verificationUri,
        }),
      );
    }),
    /** RFC 8628 §3.4: poll with the device_code, waiting the interval first (§3.5). */
    pollTokenEndpoint: enqueueActions(({ context, enqueue, system }) => {
      const auth = clientAuthentication(context.client);
      const fields = { grant_type: DEVICE_CODE_GRANT, device_code: context.authorization!.deviceCode, ...auth.fields };
      const request = formRequest(context.tokenEndpoint, fields, auth.headers);
      const wait = context.pollEvery ?? context.interval;
      enqueue.sendTo(system.get("wire"), wireSend({ id: "device-token-request", from: "client", to: "authorizationServer", channel: "back", request, wait }));
    }),
    /** RFC 8628 §3.5: slow_down — add 5 seconds to the interval for this and every later poll. */
    slowDown: assign(({ context }) => ({ interval: context.interval + 5, pollEvery: undefined })),
    keepToken: assign(({ context, event }) => {
      assertEvent(event, "DELIVER");
      return { accessToken: String(jsonBody(event.message.response!).access_token), knows: learn(context.knows, artifactsOf(event.message)) };
    }),
    /** RFC 6750 §2.1: the token in the Authorization header. */
    callApi: enqueueActions(({ context, enqueue, system }) => {
      const request = apiRequest(context.api, context.accessToken);
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
    isDeviceAuthorized: ({ event }) => event.message.response?.status === 200 && typeof jsonBody(event.message.response).device_code === "string",
    isTokenIssued: ({ event }) => carriesAccessToken(event.message),
    /** RFC 8628 §3.5: the person has not decided yet; keep polling. */
    isAuthorizationPending: ({ event }) => errorCode(event) === "authorization_pending",
    /** RFC 8628 §3.5: still pending, and the device polls too often. */
    isSlowDown: ({ event }) => errorCode(event) === "slow_down",
    isApiAnswered: ({ event }) => event.message.response?.status === 200,
  },
}).createMachine({
  id: "deviceClient",
  description: "A TV or command-line app that lets the person sign in on another device",
  context: ({ input }) => ({ ...input, knows: {}, authorization: undefined, interval: 5, accessToken: undefined, outcome: undefined }),
  initial: "signingIn",
  states: {
    signingIn: {
      description: "Gets the person signed in from the TV; any answer not handled below ends it in failure",
      initial: "requestingCodes",
      on: { DELIVER: { target: "failed", actions: ["rememberMessage", "concludeWithFailure"] } },
      states: {
        requestingCodes: {
          description: "Waits for the device code and user code",
          entry: "requestDeviceCode",
          on: { DELIVER: { guard: "isDeviceAuthorized", target: "polling", actions: ["keepDeviceAuthorization", "showUserCode", "pollTokenEndpoint"] } },
        },
        polling: {
          description: "Shows the code and asks the token endpoint, every interval, whether the person has decided",
          on: {
            DELIVER: [
              { guard: "isTokenIssued", target: "callingApi", actions: ["keepToken", "callApi"] },
              { guard: "isAuthorizationPending", actions: ["rememberMessage", "pollTokenEndpoint"] },
              { guard: "isSlowDown", actions: ["rememberMessage", "slowDown", "pollTokenEndpoint"] },
            ],
          },
        },
        callingApi: {
          description: "Waits for the resource server's answer",
          on: { DELIVER: { guard: "isApiAnswered", target: "#deviceClient.finished", actions: ["rememberMessage", "concludeWithApiAnswer"] } },
        },
      },
    },
    finished: { type: "final", description: "Signed in: shows the person's data" },
    failed: { type: "final", description: "Denied, expired or refused: the TV shows an error" },
  },
  output: ({ context }) => context.outcome!,
});
