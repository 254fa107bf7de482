import { heroSequence } from "@/content/home";
import { cn } from "@/components/ui/cn";

const LANE_X = [60, 180, 300, 420] as const;
const LANE_STROKE = ["stroke-role-owner", "stroke-role-client", "stroke-role-as", "stroke-role-rs"] as const;
const LANE_FILL = ["fill-role-owner", "fill-role-client", "fill-role-as", "fill-role-rs"] as const;
const FIRST_Y = 92;
const STEP_Y = 40;
const HEIGHT = FIRST_Y + STEP_Y * (heroSequence.messages.length - 1) + 24;

/** A small sequence diagram of one flow, to show at a glance what the simulator animates. */
export function HeroSequence({ className }: { className?: string }) {
  const description = heroSequence.messages
    .map((m, i) => `${i + 1}. ${heroSequence.lanes[m.from]} to ${heroSequence.lanes[m.to]}: ${m.label}`)
    .join("; ");
  return (
    <figure className={cn("rounded-2xl border border-line bg-surface p-4 sm:p-5", className)}>
      <svg
        viewBox={`0 0 480 ${HEIGHT}`}
        role="img"
        aria-labelledby="hero-sequence-title hero-sequence-desc"
        className="h-auto w-full"
      >
        <title id="hero-sequence-title">{heroSequence.caption}</title>
        <desc id="hero-sequence-desc">{description}</desc>
        {heroSequence.lanes.map((lane, i) => {
          const x = LANE_X[i]!;
          const words = lane.split(" ");
          const lines = words.length > 1 ? [words[0]!, words.slice(1).join(" ")] : [lane];
          return (
            <g key={lane}>
              <text
                x={x}
                y={lines.length > 1 ? 18 : 26}
                textAnchor="middle"
                className="fill-foreground text-[13px] font-semibold"
              >
                {lines.map((line, j) => (
                  <tspan key={line} x={x} dy={j === 0 ? 0 : 16}>
                    {line}
                  </tspan>
                ))}
              </text>
              <rect x={x - 18} y={44} width={36} height={4} rx={2} className={LANE_FILL[i]} />
              <line
                x1={x}
                x2={x}
                y1={56}
                y2={HEIGHT - 8}
                className="stroke-line"
                strokeWidth={2}
              />
            </g>
          );
        })}
        {heroSequence.messages.map((message, i) => {
          const y = FIRST_Y + STEP_Y * i;
          const from = LANE_X[message.from]!;
          const to = LANE_X[message.to]!;
          const dir = Math.sign(to - from);
          const x1 = from + dir * 5;
          const x2 = to - dir * 5;
          const mid = Math.min(Math.max((from + to) / 2, 110), 370);
          return (
            <g key={`${i}-${message.label}`}>
              <line
                x1={x1}
                x2={x2 - dir * 7}
                y1={y}
                y2={y}
                strokeWidth={2}
                strokeDasharray={message.channel === "front" ? "5 4" : undefined}
                className={LANE_STROKE[message.from]}
              />
              <path
                d={`M ${x2} ${y} l ${-dir * 9} -5 v 10 z`}
                className={LANE_FILL[message.from]}
              />
              <text x={mid} y={y - 8} textAnchor="middle" className="fill-foreground text-[13px]">
                {message.label}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption className="mt-3 flex flex-wrap items-center justify-between gap-x-4 gap-y-1 text-xs text-muted">
        <span className="font-medium text-foreground">{heroSequence.caption}</span>
        <span className="flex items-center gap-3">
          <span className="flex items-center gap-1.5">
            <svg viewBox="0 0 24 4" aria-hidden="true" className="h-1 w-6">
              <line x1="0" x2="24" y1="2" y2="2" strokeWidth="2" strokeDasharray="5 4" className="stroke-muted" />
            </svg>
            {heroSequence.legendFront}
          </span>
          <span className="flex items-center gap-1.5">
            <svg viewBox="0 0 24 4" aria-hidden="true" className="h-1 w-6">
              <line x1="0" x2="24" y1="2" y2="2" strokeWidth="2" className="stroke-muted" />
            </svg>
            {heroSequence.legendBack}
          </span>
        </span>
      </figcaption>
    </figure>
  );
}
