import { home } from "@/content/home";

import type { PreviewMessage } from "@/machines/preview";

/**
 * The home page's picture of what the simulator shows: a flow's messages as a small sequence
 * diagram, in the lanes' colours, front channel dashed and back channel solid. The messages come
 * from the flow's recorded trace (machines/preview.ts). Static and decorative (the caption says
 * what it shows); the real, animated one is one click away.
 */

const LANE_COLOURS = ["var(--role-owner)", "var(--role-client)", "var(--role-as)", "var(--role-rs)"] as const;

const WIDTH = 520;
const LANE_GAP = 130;
const LANE_X = (lane: number) => 65 + lane * LANE_GAP;
const TOP = 58;
const ROW = 38;
/** Width of a chip in the 11 px monospace font used for chips. */
const chipWidth = (text: string) => text.length * 6.6 + 12;

export function FlowPreview({ messages }: { messages: readonly PreviewMessage[] }) {
  const { preview } = home;
  const HEIGHT = TOP + messages.length * ROW + 14;
  return (
    <figure className="rounded-2xl border border-line bg-surface p-3 shadow-sm sm:p-4 max-lg:render-when-near">
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        className="block h-auto w-full"
        aria-hidden="true"
        focusable="false"
        fontFamily="var(--font-sans)"
      >
        <defs>
          {LANE_COLOURS.map((colour, lane) => (
            <marker
              key={lane}
              id={`preview-arrow-${lane}`}
              viewBox="0 0 10 10"
              refX="9"
              refY="5"
              markerWidth="7"
              markerHeight="7"
              orient="auto-start-reverse"
            >
              <path d="M0 0 10 5 0 10z" fill={colour} />
            </marker>
          ))}
        </defs>
        {preview.lanes.map((name, index) => {
          const lane = index;
          const x = LANE_X(lane);
          return (
            <g key={name}>
              <line x1={x} x2={x} y1={40} y2={HEIGHT - 6} stroke="var(--line)" strokeWidth={1.5} strokeDasharray="2 4" />
              <rect x={x - 58} y={6} width={116} height={30} rx={8} fill="var(--surface-raised)" stroke={LANE_COLOURS[lane]} strokeWidth={1.5} />
              <circle cx={x - 46} cy={21} r={4} fill={LANE_COLOURS[lane]} />
              <text x={x + 7} y={25.5} textAnchor="middle" fontSize={13} fontWeight={600} fill="var(--foreground)">
                {name}
              </text>
            </g>
          );
        })}
        {messages.map((message, index) => {
          const y = TOP + index * ROW + 20;
          const x1 = LANE_X(message.from);
          const x2 = LANE_X(message.to);
          const direction = Math.sign(x2 - x1);
          const colour = LANE_COLOURS[message.from as 0 | 1 | 2 | 3];
          const middle = (x1 + x2) / 2;
          const chips = message.chips;
          const labelWidth = message.label.length * 6.3;
          const chipsWidth = chips.reduce((sum, chip) => sum + chipWidth(chip) + 4, 0);
          let cursor = middle - (labelWidth + (chips.length ? 8 + chipsWidth : 0)) / 2;
          const labelX = cursor;
          cursor += labelWidth + 8;
          return (
            <g key={index}>
              <line
                x1={x1 + direction * 4}
                x2={x2 - direction * 4}
                y1={y}
                y2={y}
                stroke={colour}
                strokeWidth={2}
                strokeDasharray={message.channel === "back" ? undefined : "6 4"}
                markerEnd={`url(#preview-arrow-${message.from})`}
              />
              <text x={labelX} y={y - 7} fontSize={12} fill="var(--muted)">
                {message.label}
              </text>
              {chips.map((chip) => {
                const x = cursor;
                const width = chipWidth(chip);
                cursor += width + 4;
                return (
                  <g key={chip}>
                    <rect x={x} y={y - 20} width={width} height={16} rx={8} fill="var(--accent-soft)" stroke="var(--accent)" strokeOpacity={0.5} />
                    <text x={x + width / 2} y={y - 8.5} textAnchor="middle" fontSize={11} fontFamily="var(--font-mono)" fill="var(--foreground)">
                      {chip}
                    </text>
                  </g>
                );
              })}
            </g>
          );
        })}
      </svg>
      <figcaption className="mt-3 flex flex-col gap-2 border-t border-line pt-3 text-xs leading-5 text-muted">
        <span className="sr-only">{preview.caption}</span>
        <span aria-hidden="true" className="flex flex-wrap gap-x-5 gap-y-1">
          <span className="inline-flex items-center gap-2">
            <svg width="28" height="6" aria-hidden="true">
              <line x1="0" x2="28" y1="3" y2="3" stroke="currentColor" strokeWidth="2" strokeDasharray="6 4" />
            </svg>
            {preview.frontLegend}
          </span>
          <span className="inline-flex items-center gap-2">
            <svg width="28" height="6" aria-hidden="true">
              <line x1="0" x2="28" y1="3" y2="3" stroke="currentColor" strokeWidth="2" />
            </svg>
            {preview.backLegend}
          </span>
        </span>
      </figcaption>
    </figure>
  );
}
