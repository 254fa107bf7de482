/**
 * Refreshing an access token (RFC 6749 §6) with rotation and reuse detection (RFC 9700 §4.14.2),
 * and revoking it (RFC 7009). The single-page app `spa` first signs the person in with the
 * authorization code grant and PKCE; then the refreshing client takes over with the tokens it got.
 */
import type { AnyActorRef, SnapshotFrom } from "xstate";
import { assign, setup } from "xstate";
import { authorizationCodeClientMachine } from "../roles/authorization-code-client";
import type { TokenSession } from "../roles/refreshing-client";
import { refreshingClientMachine, refreshTokenThiefMachine, sessionOf } from "../roles/refreshing-client";
import { resourceOwnerMachine } from "../roles/resource-owner";
import type { World } from "../world";
import { ENDPOINTS } from "../world";
import { clientOf, endpointsOf } from "./authorization-code";
import { infrastructure, INFRASTRUCTURE_ACTORS } from "./compose";
import type { Scenario } from "./types";
import { defineFlow } from "./types";

export interface RefreshTokenScenario extends Scenario {
  /** Seconds the app is idle after sign-in before its next request (the access token lives 900). */
  readonly idle: number;
  /** The API calls the app makes after sign-in, as "METHOD /path"; GET /me when omitted. */
  readonly calls?: readonly string[];
  /** The app refreshes at once, asking for this narrower scope. */
  readonly narrowScope?: string;
  /** A script injected into the app's page sends the refresh token to an attacker. */
  readonly stolen?: boolean;
  /** The person signs out: the app revokes its refresh token. */
  readonly signsOut?: boolean;
}

const CLIENT_ID = "spa";
/** What the app asks for at sign-in. */
const SCOPE = "profile order";

function apiCalls(world: World, calls: readonly string[]) {
  return calls.map((call) => {
    const [method, path] = call.split(" ");
    return { method: method!, url: `${world.resourceServer}${path}` };
  });
}

export const refreshTokenFlow = defineFlow<RefreshTokenScenario>({
  id: "refresh-token",
  title: "Refresh token",
  deprecated: false,
  roles: ["resourceOwner", "client", "authorizationServer", "resourceServer", "attacker"],
  scenarios: [
    {
      id: "default",
      title: "The access token expires; the app refreshes it and tries again",
      idle: 901,
      expected: [{ role: "client", kind: "resource", result: "200" }],
    },
    {
      id: "refresh-token-replayed",
      title: "A stolen refresh token is used twice: the server revokes the whole family",
      idle: 901,
      stolen: true,
      expected: [
        { role: "client", kind: "error", result: "invalid_grant" },
        { role: "attacker", kind: "error", result: "invalid_token" },
      ],
    },
    {
      id: "rotation-off",
      title: "Without rotation, a stolen refresh token keeps working",
      world: { refreshTokenRotation: "off" },
      idle: 901,
      stolen: true,
      expected: [
        { role: "client", kind: "resource", result: "200" },
        { role: "attacker", kind: "resource", result: "200" },
      ],
    },
    {
      id: "scope-narrowed",
      title: "The app refreshes for a narrower scope; the dropped scope is refused",
      idle: 0,
      narrowScope: "profile",
      calls: ["GET /me", "GET /orders"],
      expected: [{ role: "client", kind: "error", result: "insufficient_scope" }],
    },
    {
      id: "token-revoked",
      title: "The app signs out and revokes its refresh token; the old access token stops working",
      idle: 60,
      signsOut: true,
      expected: [{ role: "client", kind: "error", result: "invalid_token" }],
    },
  ],
  createMachine({ world, random }, scenario) {
    const client = clientOf(world, CLIENT_ID);
    const clientOrigin = new URL(client.redirect_uris[0]!).origin;
    const { tokenEndpoint } = endpointsOf(world);
    const [signInCall] = apiCalls(world, ["GET /me"]);
    const refreshingLogic = refreshingClientMachine.provide({
      guards: {
        ...(scenario.stolen ? { runsInjectedScript: () => true } : {}),
        ...(scenario.signsOut ? { signsOut: () => true } : {}),
      },
    });
    return setup({
      types: { context: {} as { session: TokenSession | undefined } },
      actors: {
        ...INFRASTRUCTURE_ACTORS,
        resourceOwner: resourceOwnerMachine,
        signInClient: authorizationCodeClientMachine,
        refreshingClient: refreshingLogic,
        attacker: refreshTokenThiefMachine,
      },
      actions: {
        /** The sign-in client has finished; what it holds passes to the refreshing client. */
        takeOverSession: assign({
          session: ({ self }) => {
            const signIn = self.getSnapshot().children.signIn as AnyActorRef | undefined;
            return sessionOf(signIn?.getSnapshot() as SnapshotFrom<typeof authorizationCodeClientMachine> | undefined);
          },
        }),
      },
      guards: {
        hasSession: ({ context }) => context.session !== undefined,
      },
    }).createMachine({
      id: "refresh-token",
      description: "The person signs in to the app; the app then lives on its refresh token",
      context: { session: undefined },
      invoke: [
        ...infrastructure(world),
        ...(scenario.stolen ? [{ src: "attacker" as const, systemId: "attacker", input: { client, tokenEndpoint, api: signInCall! } }] : []),
        {
          src: "resourceOwner",
          systemId: "resourceOwner",
          input: { startUrl: `${clientOrigin}/login`, clientOrigin, issuer: world.issuer, account: { username: "alice", password: "wonderland" }, decision: "allow", ...(scenario.grantedScope ? { grantedScope: scenario.grantedScope } : {}) },
        },
      ],
      initial: "signingIn",
      states: {
        signingIn: {
          description: "The app signs the person in with the authorization code grant and PKCE",
          invoke: {
            id: "signIn",
            src: "signInClient",
            systemId: "client",
            input: { client, issuer: world.issuer, ...endpointsOf(world), api: signInCall!, scope: SCOPE, pkceMethod: "S256", random },
            onDone: { target: "takingOver", actions: "takeOverSession" },
          },
        },
        takingOver: {
          description: "The app keeps the tokens the sign-in gave it",
          always: [{ guard: "hasSession", target: "usingTokens" }, { target: "signInFailed" }],
        },
        usingTokens: {
          description: "The app calls the API, refreshing its access token when it must",
          invoke: {
            src: "refreshingClient",
            systemId: "client",
            input: ({ context }) => ({
              client,
              tokenEndpoint,
              revocationEndpoint: `${world.issuer}${ENDPOINTS.revocation}`,
              session: context.session!,
              calls: apiCalls(world, scenario.calls ?? ["GET /me"]),
              idle: scenario.idle,
              narrowScope: scenario.narrowScope,
            }),
          },
        },
        signInFailed: { type: "final", description: "The sign-in gave the app no tokens" },
      },
    });
  },
});
