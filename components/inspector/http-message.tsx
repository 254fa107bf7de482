import type { ReactNode } from "react";
import type { DecodedParameters } from "@/machines/curl";
import { bodyKind, prettyBody, requestLine, statusLine } from "@/machines/curl";
import type { RecordedRequest, RecordedResponse } from "@/machines/trace";
import { CodeBlock } from "./code-block";

type Message = { kind: "request"; message: RecordedRequest } | { kind: "response"; message: RecordedResponse };

/**
 * One HTTP message as recorded: start line, headers, a blank line, the body. JSON is indented;
 * HTML is shown as its source text, never rendered.
 */
export function HttpMessage({ title, meta, message, actions, parameters }: { title: string; meta?: ReactNode; message: Message; actions?: ReactNode; parameters: readonly DecodedParameters[] }) {
  const startLine = message.kind === "request" ? requestLine(message.message) : statusLine(message.message);
  const body = prettyBody(message.message);
  const isHtml = bodyKind(message.message) === "html";
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1">
        <h3 className="text-sm font-semibold text-foreground">{title}</h3>
        {meta ? <p className="text-xs text-muted">{meta}</p> : null}
      </div>
      <CodeBlock label={`${title}: raw HTTP`}>
        <span className="font-semibold">{startLine}</span>
        {message.message.headers.map(([name, value], i) => (
          <span key={`${name}-${i}`}>
            {"\n"}
            <span className="text-accent">{name}</span>: {value}
          </span>
        ))}
        {body !== undefined ? `\n\n${body}` : null}
      </CodeBlock>
      {isHtml ? <p className="text-xs text-muted">HTML shown as source text — the mock browser window renders it.</p> : null}
      {actions}
      {parameters.length > 0 ? <ParameterList parameters={parameters} /> : null}
    </div>
  );
}

function ParameterList({ parameters }: { parameters: readonly DecodedParameters[] }) {
  const count = parameters.reduce((sum, p) => sum + p.entries.length, 0);
  return (
    <details className="group rounded-lg border border-line bg-surface-raised">
      <summary className="cursor-pointer rounded-lg px-3 py-1.5 text-xs font-medium text-foreground select-none hover:bg-surface">
        Decoded parameters ({count})
      </summary>
      <div className="space-y-3 border-t border-line px-3 py-2">
        {parameters.map((group) => (
          <div key={group.source}>
            <p className="text-xs font-medium text-muted">{group.source}</p>
            <dl className="mt-1 grid grid-cols-[minmax(6rem,auto)_1fr] gap-x-3 gap-y-0.5 font-mono text-xs leading-5">
              {group.entries.map(([name, value], i) => (
                <div key={`${name}-${i}`} className="contents">
                  <dt className="text-accent">{name}</dt>
                  <dd className="break-all text-foreground">{value === "" ? <span className="text-muted italic">(empty)</span> : value}</dd>
                </div>
              ))}
            </dl>
          </div>
        ))}
      </div>
    </details>
  );
}
