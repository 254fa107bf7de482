import type { RoleId } from "@/machines/trace";
import { ROLE_NAMES } from "@/machines/trace";

export function roleName(role: RoleId): string {
  return ROLE_NAMES[role] ?? role;
}

/** The lane colour of each role (the stage uses the same ones); the attacker in red. */
export const ROLE_DOT: Readonly<Record<RoleId, string>> = {
  resourceOwner: "bg-role-owner",
  client: "bg-role-client",
  authorizationServer: "bg-role-as",
  resourceServer: "bg-role-rs",
  attacker: "bg-red-600 dark:bg-red-400",
};

export const CHANNEL_NAMES = {
  front: "front channel, through the browser",
  back: "back channel, server to server",
  local: "local, no network",
} as const;
