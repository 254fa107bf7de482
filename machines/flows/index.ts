/** Every flow by its id: the one registry the site, the CLI and the tests read. */
import { authorizationCodeFlow } from "./authorization-code";
import { authorizationCodePkceFlow } from "./authorization-code-pkce";
import { clientCredentialsFlow } from "./client-credentials";
import { deviceCodeFlow } from "./device-code";
import { implicitFlow } from "./implicit";
import { passwordFlow } from "./password";
import { refreshTokenFlow } from "./refresh-token";
import type { FlowDefinition, FlowId, Scenario } from "./types";

export type { FlowDefinition, FlowId, Scenario } from "./types";
export { FLOW_IDS } from "./types";

export const FLOWS: Record<FlowId, FlowDefinition<Scenario>> = {
  "authorization-code": authorizationCodeFlow as FlowDefinition<Scenario>,
  "authorization-code-pkce": authorizationCodePkceFlow as FlowDefinition<Scenario>,
  "client-credentials": clientCredentialsFlow as FlowDefinition<Scenario>,
  "refresh-token": refreshTokenFlow as FlowDefinition<Scenario>,
  "device-code": deviceCodeFlow as FlowDefinition<Scenario>,
  implicit: implicitFlow as FlowDefinition<Scenario>,
  password: passwordFlow as FlowDefinition<Scenario>,
};

export function findFlow(id: string): FlowDefinition<Scenario> | undefined {
  return (FLOWS as Record<string, FlowDefinition<Scenario> | undefined>)[id];
}
