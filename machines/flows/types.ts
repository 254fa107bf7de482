/**
 * What a flow file defines: its roles, its scenarios, and how to compose the role machines into
 * one running system for a scenario in a world.
 */
import type { AnyStateMachine } from "xstate";
import type { RfcReference, RoleId, RoleOutcome } from "../trace";
import type { World, WorldOptions } from "../world";
import type { Random } from "../world/random";

export const FLOW_IDS = [
  "authorization-code",
  "authorization-code-pkce",
  "client-credentials",
  "refresh-token",
  "device-code",
  "implicit",
  "password",
] as const;

export type FlowId = (typeof FLOW_IDS)[number];

export interface Scenario {
  readonly id: string;
  readonly title: string;
  /** Server policy this scenario changes (RFC switches: PKCE off, OAuth 2.1 mode, …). */
  readonly world?: Omit<WorldOptions, "seed">;
  /**
   * The scopes the person leaves ticked on the consent page (flows with one); undefined leaves
   * the page as shown. The simulator sets it when a learner unticks a box.
   */
  readonly grantedScope?: readonly string[];
  /** How the roles this scenario is about end, as a test and the UI expect them. */
  readonly expected: readonly Pick<RoleOutcome, "role" | "kind" | "result">[];
}

export interface RunContext {
  readonly world: World;
  /** Random values the roles themselves draw (a client's state and verifier), seeded per run. */
  readonly random: Random;
}

export interface FlowDefinition<S extends Scenario = Scenario> {
  readonly id: FlowId;
  readonly title: string;
  /** Deprecated by OAuth 2.1 / RFC 9700. */
  readonly deprecated: boolean;
  readonly roles: readonly RoleId[];
  /** The first scenario is the default path: it ends with a successful API call. */
  readonly scenarios: readonly S[];
  /**
   * The section a shared step illustrates in this flow, where it differs from the step's own
   * (machines/steps): the implicit grant's authorization request is RFC 6749 §4.2.1, not §4.1.1.
   */
  readonly references?: Readonly<Record<string, RfcReference>>;
  createMachine(run: RunContext, scenario: S): AnyStateMachine;
}

export function defineFlow<S extends Scenario>(flow: FlowDefinition<S>): FlowDefinition<S> {
  return flow;
}
