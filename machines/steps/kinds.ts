import type { RfcReference } from "../trace";

export interface StepKind {
  readonly title: string;
  readonly reference: RfcReference;
}

/** Which step a server's answer becomes: on success, on an error status, on a redirect. */
export interface Replies {
  readonly ok: string;
  readonly error: string;
  readonly redirect?: string;
}

export const rfc = (number: string, section: string): RfcReference => ({ rfc: number, section });
