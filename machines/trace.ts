import type { RejectedEdit, RequestEdit } from "./tamper";

/**
 * The recording of one run of a flow: what the animation, the inspector, the diagram, the
 * narration, the CLI and the tests all read (DESIGN invariant 3). A trace is plain JSON.
 */

/** The four roles of RFC 6749 §1.1, plus the attacker some scenarios bring in. */
export type RoleId = "resourceOwner" | "client" | "authorizationServer" | "resourceServer" | "attacker";

export const ROLE_NAMES: Readonly<Record<RoleId, string>> = {
  resourceOwner: "Resource owner (browser)",
  client: "Client",
  authorizationServer: "Authorization server",
  resourceServer: "Resource server",
  attacker: "Attacker",
};

/**
 * front: through the resource owner's browser (redirects, pages, forms);
 * back: server to server, never through the browser;
 * local: a computation inside one role, nothing on the network.
 */
export type Channel = "front" | "back" | "local";

export interface RecordedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: readonly (readonly [string, string])[];
  readonly body?: string;
}

export interface RecordedResponse {
  readonly status: number;
  readonly headers: readonly (readonly [string, string])[];
  readonly body?: string;
}

export type ArtifactKind =
  | "state"
  | "code_verifier"
  | "code_challenge"
  | "code"
  | "access_token"
  | "refresh_token"
  | "device_code"
  | "user_code"
  | "client_secret"
  | "password"
  | "iss"
  | "error";

export interface Artifact {
  readonly kind: ArtifactKind;
  readonly value: string;
  /** Where in the message it travels: "query", "fragment", "form", "json", "header", "computed". */
  readonly where: string;
}

/** A check a role makes, with the values it compared. */
export interface Check {
  readonly id: string;
  readonly by: RoleId;
  readonly label: string;
  readonly passed: boolean;
  readonly expected?: string;
  readonly actual?: string;
}

export interface RfcReference {
  readonly rfc: string;
  readonly section: string;
}

/** What a role knows: artifact kind → values it has held. */
export type Knowledge = Readonly<Partial<Record<ArtifactKind, readonly string[]>>>;

export interface TraceStep {
  readonly index: number;
  /** Stable id, the key narration and content use. */
  readonly id: string;
  readonly title: string;
  readonly from: RoleId;
  readonly to: RoleId;
  readonly channel: Channel;
  readonly request?: RecordedRequest;
  readonly response?: RecordedResponse;
  /** A link handed over outside HTTP (a lure, an intercepted redirect). */
  readonly link?: string;
  readonly artifacts: readonly Artifact[];
  readonly checks: readonly Check[];
  /** What each role knows once this step has happened. */
  readonly knowledge: Readonly<Partial<Record<RoleId, Knowledge>>>;
  readonly reference: RfcReference;
  /** The simulated time when the step happens (epoch seconds). */
  readonly time: number;
  /** Simulated seconds that passed just before this step (a wait, a poll interval, a slow user). */
  readonly waited?: number;
  /** What a learner edited in this step's request before it was sent (tampering); absent when nothing was. */
  readonly edited?: readonly RequestEdit[];
}

/** How a role ended the run: with the resource, with an error, or having seen a page. */
export interface RoleOutcome {
  readonly role: RoleId;
  readonly kind: "resource" | "error";
  /** The OAuth error code or HTTP status that ended it, e.g. "invalid_grant", "access_denied", "200". */
  readonly result: string;
  readonly summary: string;
}

export interface Trace {
  readonly flow: string;
  readonly scenario: string;
  readonly seed: string;
  readonly roles: readonly RoleId[];
  readonly steps: readonly TraceStep[];
  /** Every role that reached an end, in role order. */
  readonly outcomes: readonly RoleOutcome[];
  /** Edits asked for that the run could not apply (present only when some were asked for and refused). */
  readonly rejectedEdits?: readonly RejectedEdit[];
  /** Indices of the steps that differ from the run without edits (present only on an edited run). */
  readonly changed?: readonly number[];
}
