/** The four roles of OAuth 2.0 (RFC 6749 §1.1), as the home page introduces them. */
export type RoleId = "resource-owner" | "client" | "authorization-server" | "resource-server";

export interface Role {
  id: RoleId;
  name: string;
  /** Who plays this role in the simulator. */
  example: string;
  /** One sentence: what the role does. */
  description: string;
}

export const roles: readonly Role[] = [
  {
    id: "resource-owner",
    name: "Resource owner",
    example: "You, at a browser",
    description: "Owns the data and decides whether an app may use it.",
  },
  {
    id: "client",
    name: "Client",
    example: "The app",
    description: "Wants access on the owner’s behalf — and should never need the owner’s password.",
  },
  {
    id: "authorization-server",
    name: "Authorization server",
    example: "The login and consent service",
    description: "Signs the owner in, asks for consent, and issues tokens.",
  },
  {
    id: "resource-server",
    name: "Resource server",
    example: "The API",
    description: "Holds the data and checks every access token and its scopes.",
  },
];
