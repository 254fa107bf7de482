"use client";

import type { ReactNode } from "react";
import type { PkceExplanation, S256Computation } from "@/machines/pkce-explain";
import { computeS256, explainPkce } from "@/machines/pkce-explain";
import type { Trace } from "@/machines/trace";
import { CodeBlock } from "./code-block";
import { PanelNote } from "./panel-note";
import { StatusBadge } from "./status-badge";
import { useAsync } from "./use-async";

const MOMENT_TEXT: Readonly<Record<PkceExplanation["moment"], string>> = {
  generate: "The client draws a random code_verifier and derives the code_challenge from it. Only the challenge will travel through the browser.",
  "send-challenge": "Only the code_challenge travels here, through the browser. The code_verifier stays inside the client until the token request.",
  "send-verifier":
    "Now the client reveals the code_verifier, server to server. The authorization server recomputes the challenge and compares it with the one it stored with the code.",
};

/** The PKCE computation of the step, recomputed live with WebCrypto: verifier → SHA-256 → base64url challenge. */
export function PkcePanel({ trace, index }: { trace: Trace; index: number }) {
  const pkce = explainPkce(trace, index);
  if (!pkce) {
    return (
      <PanelNote>
        No code_verifier or code_challenge in this step. PKCE (RFC 7636) shows up where the client generates them, sends the challenge with the authorization
        request, and sends the verifier with the token request.
      </PanelNote>
    );
  }
  return (
    <div className="space-y-4">
      <p className="text-sm leading-6 text-foreground">{MOMENT_TEXT[pkce.moment]}</p>
      <p className="text-xs text-muted">
        Method: <code className="font-mono text-foreground">{pkce.method}</code>
        {pkce.methodStated ? " (code_challenge_method of the authorization request)" : " (no code_challenge_method was sent, so plain applies — RFC 7636 §4.3)"}
      </p>
      {pkce.verifier ? (
        pkce.method === "S256" ? (
          <S256Steps verifier={pkce.verifier} challenge={pkce.challenge} keptByClient={pkce.verifierKeptByClient} moment={pkce.moment} />
        ) : (
          <PlainSteps verifier={pkce.verifier} challenge={pkce.challenge} />
        )
      ) : (
        <PanelNote>The client&apos;s code_verifier is not known at this step.</PanelNote>
      )}
    </div>
  );
}

function Stage({ n, title, children }: { n: number; title: ReactNode; children: ReactNode }) {
  return (
    <li className="relative grid grid-cols-[1.75rem_1fr] gap-x-2">
      <span aria-hidden="true" className="flex size-6 items-center justify-center rounded-full bg-accent-soft text-xs font-semibold text-accent">
        {n}
      </span>
      <div className="min-w-0 space-y-1">
        <p className="text-sm font-medium text-foreground">{title}</p>
        {children}
      </div>
    </li>
  );
}

function Comparison({ computed, challenge, moment }: { computed: string; challenge: string | undefined; moment: PkceExplanation["moment"] }) {
  if (!challenge) return <PanelNote>No code_challenge to compare with.</PanelNote>;
  const matches = computed === challenge;
  const against = moment === "send-verifier" ? "the code_challenge the authorization server stored with the code" : "the code_challenge in this step";
  return (
    <div className="space-y-1">
      <div className="flex flex-wrap items-center gap-2">
        <StatusBadge ok={matches} okText="Matches" failText="Does not match" />
        <span className="text-sm text-foreground">compared with {against}:</span>
      </div>
      <CodeBlock label="The code_challenge compared with">{challenge}</CodeBlock>
      {!matches && moment === "send-verifier" ? (
        <p className="text-sm text-foreground">
          The verifier does not hash to the stored challenge, so the authorization server refuses the code with <code className="font-mono">invalid_grant</code>{" "}
          (RFC 7636 §4.6).
        </p>
      ) : null}
    </div>
  );
}

function S256Steps({ verifier, challenge, keptByClient, moment }: { verifier: string; challenge?: string; keptByClient: boolean; moment: PkceExplanation["moment"] }) {
  const result = useAsync<S256Computation>(`s256:${verifier}`, () => computeS256(verifier));
  return (
    <ol className="space-y-3">
      <Stage n={1} title={<>code_verifier ({verifier.length} characters){keptByClient ? " — held by the client, not in this message" : null}</>}>
        <CodeBlock label="code_verifier">{verifier}</CodeBlock>
      </Stage>
      <Stage n={2} title={<>SHA-256 of its {result.status === "done" ? result.value.octets : verifier.length} ASCII octets (hex)</>}>
        <CodeBlock label="SHA-256 digest in hex">{result.status === "done" ? result.value.digestHex : result.status === "error" ? `WebCrypto unavailable: ${result.message}` : "computing…"}</CodeBlock>
      </Stage>
      <Stage n={3} title="BASE64URL-encode the 32-byte digest, no padding: the code_challenge">
        <CodeBlock label="Computed code_challenge">{result.status === "done" ? result.value.challenge : "…"}</CodeBlock>
      </Stage>
      {result.status === "done" ? (
        <Stage n={4} title="Compare">
          <Comparison computed={result.value.challenge} challenge={challenge} moment={moment} />
        </Stage>
      ) : null}
    </ol>
  );
}

function PlainSteps({ verifier, challenge }: { verifier: string; challenge?: string }) {
  return (
    <div className="space-y-3">
      <p className="text-sm text-foreground">
        With <code className="font-mono">plain</code>, code_challenge = code_verifier: nothing is hashed.
      </p>
      <CodeBlock label="code_verifier, which is also the code_challenge">{verifier}</CodeBlock>
      {challenge !== undefined ? (
        <div className="flex flex-wrap items-center gap-2">
          <StatusBadge ok={challenge === verifier} okText="Identical" failText="Different" />
          <span className="text-sm text-foreground">challenge and verifier</span>
        </div>
      ) : null}
      <p className="rounded-lg border border-red-600/40 bg-red-50 px-3 py-2 text-sm leading-6 text-red-950 dark:bg-red-950/40 dark:text-red-100">
        <strong>Why plain is weak:</strong> the challenge crosses the browser in the authorization request, so whoever sees that URL (history, logs, a malicious
        app or extension) holds the verifier too and can redeem an intercepted code. S256 sends only a hash that cannot be reversed; OAuth 2.1 requires S256
        whenever the client can compute it.
      </p>
    </div>
  );
}
