/**
 * The PKCE computation of a step, laid out for a learner (RFC 7636 §4.1–§4.6): which code_verifier,
 * which code_challenge travelled, with which method, and the S256 transformation computed step by
 * step with WebCrypto — ASCII(verifier) → SHA-256 → BASE64URL.
 */
import type { Trace, TraceStep } from "./trace";
import { base64url } from "./world/random";

export type PkceMethod = "S256" | "plain";

/** What the step does with PKCE. */
export type PkceMoment =
  /** The client draws a verifier and derives the challenge (RFC 7636 §4.1, §4.2). */
  | "generate"
  /** The challenge travels to the authorization server, through the browser (§4.3). */
  | "send-challenge"
  /** The verifier travels to the token endpoint, server to server, and is checked (§4.5, §4.6). */
  | "send-verifier";

export interface PkceExplanation {
  readonly moment: PkceMoment;
  /** The verifier in play: the one this step carries, or the one the client holds. */
  readonly verifier?: string;
  /** True when the verifier is not in this step's message but only in the client's memory. */
  readonly verifierKeptByClient: boolean;
  /** The challenge to compare with: the one this step carries, or the one the authorization server holds. */
  readonly challenge?: string;
  /** code_challenge_method as the authorization request names it; RFC 7636 §4.3: absent means plain. */
  readonly method: PkceMethod;
  readonly methodStated: boolean;
}

function lastValue(values: readonly string[] | undefined): string | undefined {
  return values?.at(-1);
}

function artifact(step: TraceStep, kind: "code_verifier" | "code_challenge"): string | undefined {
  return step.artifacts.find((a) => a.kind === kind)?.value;
}

/** code_challenge_method from a step's URL, form body or Location header. */
function methodIn(step: TraceStep): string | undefined {
  const sources: string[] = [];
  if (step.request) {
    sources.push(step.request.url);
    if (step.request.body) sources.push(`https://body.invalid/?${step.request.body}`);
  }
  const location = step.response?.headers.find(([name]) => name.toLowerCase() === "location")?.[1];
  if (location) sources.push(location);
  if (step.link) sources.push(step.link);
  for (const source of sources) {
    try {
      const found = new URL(source).searchParams.get("code_challenge_method");
      if (found) return found;
    } catch {
      // not a URL: nothing to read
    }
  }
  return undefined;
}

/**
 * The method of this run's authorization request: the latest one named at or before the step,
 * else the first one named after it (the generating step comes before the request that names it).
 */
function methodOf(trace: Trace, index: number): string | undefined {
  for (let i = index; i >= 0; i--) {
    const found = trace.steps[i] && methodIn(trace.steps[i]!);
    if (found) return found;
  }
  for (let i = index + 1; i < trace.steps.length; i++) {
    const found = methodIn(trace.steps[i]!);
    if (found) return found;
  }
  return undefined;
}

/** The PKCE side of step `index`, or undefined when the step carries no verifier and no challenge. */
export function explainPkce(trace: Trace, index: number): PkceExplanation | undefined {
  const step = trace.steps[index];
  if (!step) return undefined;
  const sentVerifier = artifact(step, "code_verifier");
  const sentChallenge = artifact(step, "code_challenge");
  if (!sentVerifier && !sentChallenge) return undefined;

  const moment: PkceMoment = sentVerifier && sentChallenge ? "generate" : sentVerifier ? "send-verifier" : "send-challenge";
  const verifier = sentVerifier ?? lastValue(step.knowledge.client?.code_verifier);
  const challenge =
    moment === "send-verifier" ? lastValue(step.knowledge.authorizationServer?.code_challenge) ?? latestChallenge(trace, index) : sentChallenge;
  const stated = methodOf(trace, index);
  return {
    moment,
    ...(verifier ? { verifier } : {}),
    verifierKeptByClient: !sentVerifier,
    ...(challenge ? { challenge } : {}),
    method: stated === "S256" ? "S256" : "plain",
    methodStated: stated !== undefined,
  };
}

function latestChallenge(trace: Trace, index: number): string | undefined {
  for (let i = index; i >= 0; i--) {
    const found = trace.steps[i] && artifact(trace.steps[i]!, "code_challenge");
    if (found) return found;
  }
  return undefined;
}

export interface S256Computation {
  /** ASCII(code_verifier): the octets hashed. */
  readonly octets: number;
  /** SHA-256 of those octets, as 64 lowercase hex digits. */
  readonly digestHex: string;
  /** BASE64URL-ENCODE(digest) without padding: the code_challenge. */
  readonly challenge: string;
}

/** RFC 7636 §4.2, S256, one stage at a time, with the platform's WebCrypto. */
export async function computeS256(verifier: string): Promise<S256Computation> {
  const octets = new TextEncoder().encode(verifier);
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", octets));
  return {
    octets: octets.length,
    digestHex: [...digest].map((byte) => byte.toString(16).padStart(2, "0")).join(""),
    challenge: base64url(digest),
  };
}
