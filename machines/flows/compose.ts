/**
 * What every flow composes the same way: the wire, and the authorization and resource servers
 * answering through the world's fetch. A flow adds its own people and apps beside them.
 */
import { serverMachine } from "../roles/server";
import { wireMachine } from "../roles/wire";
import type { World } from "../world";

export const INFRASTRUCTURE_ACTORS = {
  wire: wireMachine,
  authorizationServer: serverMachine,
  resourceServer: serverMachine,
} as const;

export function infrastructure(world: World) {
  return [
    { src: "wire", systemId: "wire" },
    { src: "authorizationServer", systemId: "authorizationServer", input: { role: "authorizationServer", fetch: world.fetch } },
    { src: "resourceServer", systemId: "resourceServer", input: { role: "resourceServer", fetch: world.fetch } },
  ] as const;
}
