"use client";

import { lazyPart } from "@/components/ui/lazy-part";
import { useState } from "react";
import { useTampering } from "@/components/flow/tampering";
import { describeEdit } from "@/machines/tamper";
import { requestAnsweredBy, requestParameters, responseParameters, responseTo } from "@/machines/curl";
import type { Trace, TraceStep } from "@/machines/trace";
import { CopyCurl } from "./copy-curl";
import { HttpMessage } from "./http-message";
import { CodeBlock } from "./code-block";
import { PanelNote } from "./panel-note";
import { roleName } from "./role-names";

function direction(step: TraceStep): string {
  return `${roleName(step.from)} → ${roleName(step.to)}`;
}

const loadRequestEditor = () => import("./request-editor");

/** The request editor is fetched when a learner first opens it. */
const RequestEditor = lazyPart(() => loadRequestEditor().then((module) => module.RequestEditor), <p className="text-sm text-muted">Loading the editor…</p>);

/** "Edit before sending" and, once open, the editor of this step's request (only on the flow page). */
function EditBeforeSending({ step }: { step: TraceStep }) {
  const tampering = useTampering();
  const [open, setOpen] = useState<number | undefined>(undefined);
  if (!tampering || !step.request) return null;
  if (open === step.index) return <RequestEditor key={`${step.index}:${step.request.url}`} step={step} tampering={tampering} onClose={() => setOpen(undefined)} />;
  return (
    <button
      type="button"
      onClick={() => setOpen(step.index)}
      data-edit-before-sending
      className="inline-flex h-9 items-center gap-1.5 rounded-lg border border-accent px-3 text-sm font-semibold text-accent hover:bg-accent-soft"
    >
      Edit before sending
    </button>
  );
}

/** The raw HTTP of a step: its request (with copy as curl), its response and the request that response answers. */
export function HttpPanel({ trace, step }: { trace: Trace; step: TraceStep }) {
  const answered = requestAnsweredBy(trace, step.index);
  const hasHttp = Boolean(step.request || step.response);
  const answer = step.request && !step.response ? responseTo(trace, step.index) : undefined;
  return (
    <div className="space-y-5">
      {!hasHttp && step.channel === "local" ? (
        <PanelNote>
          Nothing goes over the network in this step: it happens inside the {roleName(step.from).toLowerCase()}. See the Checks and PKCE tabs for what it computes and compares.
        </PanelNote>
      ) : null}
      {step.link ? (
        <div className="space-y-2">
          <h3 className="text-sm font-semibold text-foreground">Link handed over outside HTTP</h3>
          <p className="text-xs text-muted">{direction(step)} — not a request the servers see, but a URL that changes hands (a lure, a copied redirect, a script reading the address bar).</p>
          <CodeBlock label="The link handed over">{step.link}</CodeBlock>
        </div>
      ) : null}
      {step.edited ? (
        <div data-edited-by-you className="rounded-lg border border-dashed border-accent bg-accent-soft px-3 py-2 text-sm text-foreground">
          <p className="font-semibold">Edited by you before sending:</p>
          <ul className="list-disc pl-5">
            {step.edited.map((edit, at) => (
              <li key={at} className="break-words">
                {describeEdit(edit, 120)}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <EditBeforeSending step={step} />
      {step.request ? (
        <HttpMessage
          title="Request"
          meta={direction(step)}
          message={{ kind: "request", message: step.request }}
          parameters={requestParameters(step.request)}
          actions={<CopyCurl request={step.request} />}
        />
      ) : null}
      {step.response ? (
        <HttpMessage
          title="Response"
          meta={direction(step)}
          message={{ kind: "response", message: step.response }}
          parameters={responseParameters(step.response)}
        />
      ) : null}
      {!step.request && answered?.request ? (
        <details className="rounded-lg border border-line">
          <summary className="cursor-pointer rounded-lg px-3 py-2 text-sm font-semibold text-foreground select-none hover:bg-surface">
            The request it answers (step {answered.index + 1})
          </summary>
          <div className="border-t border-line p-3">
            <HttpMessage
              title={`Request of step ${answered.index + 1}`}
              meta={direction(answered)}
              message={{ kind: "request", message: answered.request }}
              parameters={requestParameters(answered.request)}
              actions={<CopyCurl request={answered.request} />}
            />
          </div>
        </details>
      ) : null}
      {step.request && !step.response ? (
        <PanelNote>
          {answer
            ? answer.index === step.index + 1
              ? "Its response is the next step."
              : `Its response comes in step ${answer.index + 1}, after the steps it triggers.`
            : "No response to this request is recorded in this run."}
        </PanelNote>
      ) : null}
      {!hasHttp && step.channel !== "local" && !step.link ? <PanelNote>This step carries no HTTP message.</PanelNote> : null}
    </div>
  );
}
