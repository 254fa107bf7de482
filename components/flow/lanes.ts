/** How each role appears on the flow page: its lane name, a short name for narrow screens, its colour. */
import type { RoleId } from "@/machines/trace";

export interface LaneStyle {
  readonly name: string;
  /** Who plays the role here, under its name in the lane's header. */
  readonly hint: string;
  /** For a 390-px phone, where a lane is about 80 px wide. */
  readonly short: string;
  /** The role's colour, from app/globals.css (the attacker's from flow.css). */
  readonly color: string;
}

export const LANES: Readonly<Record<RoleId, LaneStyle>> = {
  resourceOwner: { name: "Resource owner", hint: "a person, in a browser", short: "Browser", color: "var(--role-owner)" },
  client: { name: "Client", hint: "the app", short: "Client", color: "var(--role-client)" },
  authorizationServer: { name: "Authorization server", hint: "sign-in and tokens", short: "Auth server", color: "var(--role-as)" },
  resourceServer: { name: "Resource server", hint: "the API", short: "API", color: "var(--role-rs)" },
  attacker: { name: "Attacker", hint: "someone else", short: "Attacker", color: "var(--role-attacker)" },
};

/** The role's name in running text ("the authorization server"). */
export const ROLE_PHRASES: Readonly<Record<RoleId, string>> = {
  resourceOwner: "the resource owner",
  client: "the client",
  authorizationServer: "the authorization server",
  resourceServer: "the resource server",
  attacker: "the attacker",
};

/** Names of the values that travel, as the chips label them. */
export const ARTIFACT_LABELS: Readonly<Record<string, string>> = {
  state: "state",
  code_verifier: "code_verifier",
  code_challenge: "code_challenge",
  code: "code",
  access_token: "access_token",
  refresh_token: "refresh_token",
  device_code: "device_code",
  user_code: "user_code",
  client_secret: "client_secret",
  password: "password",
  iss: "iss",
  error: "error",
};
