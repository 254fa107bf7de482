import { Fragment, type ReactNode } from "react";
import type { Audience } from "@/content/home";

const icons: Record<Audience["id"], string> = {
  // An open book, a presentation screen, angle brackets.
  learners: "M4 5.5c2.5-1 5-1 8 1 3-2 5.5-2 8-1v13c-2.5-1-5-1-8 1-3-2-5.5-2-8-1zM12 6.5v13",
  teachers: "M3 4h18M4 4v10h16V4M12 14v3M8.5 20l3.5-3 3.5 3",
  developers: "M8 7l-5 5 5 5M16 7l5 5-5 5M13.5 5l-3 14",
};

/** A URL that may wrap before each `?` and `&` (not in the middle of a word). */
function breakable(text: string): ReactNode {
  const parts = text.split(/(?=[?&])/);
  return parts.map((part, index) => (
    <Fragment key={index}>
      {index > 0 ? <wbr /> : null}
      {part}
    </Fragment>
  ));
}

/** One audience's way into the site: who it is for, what to do here, and where to start. */
export function AudienceCard({ audience, soonLabel }: { audience: Audience; soonLabel: string }) {
  const headingId = `audience-${audience.id}`;
  return (
    <section
      aria-labelledby={headingId}
      data-audience={audience.id}
      className="flex h-full flex-col rounded-2xl border border-line bg-surface-raised p-5 shadow-sm sm:p-6"
    >
      <div className="flex items-center gap-3">
        <span className="inline-flex size-10 shrink-0 items-center justify-center rounded-xl bg-accent-soft text-accent">
          <svg
            width="22"
            height="22"
            viewBox="0 0 24 24"
            fill="none"
            stroke="currentColor"
            strokeWidth="1.8"
            strokeLinecap="round"
            strokeLinejoin="round"
            aria-hidden="true"
          >
            <path d={icons[audience.id]} />
          </svg>
        </span>
        <h3 id={headingId} className="text-lg font-semibold tracking-tight text-foreground">
          {audience.title}
        </h3>
      </div>
      <p className="mt-3 text-sm leading-6 text-muted">{audience.who}</p>
      <ul className="mt-4 flex flex-col gap-2.5 text-sm leading-6 text-foreground">
        {audience.points.map((point) => (
          <li key={point.text} className="flex gap-2.5">
            <span aria-hidden="true" className="mt-2.5 size-1.5 shrink-0 rounded-full bg-accent" />
            <span>
              {point.text}
              {point.soon ? (
                <span className="ml-2 inline-flex rounded-full border border-line px-2 py-px text-xs font-medium whitespace-nowrap text-muted">
                  {soonLabel}
                </span>
              ) : null}
            </span>
          </li>
        ))}
      </ul>
      <div className="mt-auto flex flex-col gap-3 pt-5">
        {audience.example ? (
          <p className="rounded-lg border border-dashed border-line bg-surface px-3 py-2 text-xs leading-5 text-muted">
            <a href={audience.example.href} className={`${audience.example.href === audience.example.label ? "font-mono" : "font-medium"} text-foreground underline decoration-line underline-offset-2 hover:decoration-accent`}>
              {breakable(audience.example.label)}
            </a>
            <span className="block">{audience.example.note}</span>
          </p>
        ) : null}
        <a
          href={audience.start.href}
          className="inline-flex w-fit items-center gap-1.5 rounded-lg bg-accent px-4 py-2 text-sm font-medium text-accent-foreground shadow-sm hover:opacity-90"
        >
          {audience.start.label}
          <span aria-hidden="true">→</span>
        </a>
      </div>
    </section>
  );
}
