"use client";

import { useEffect, useState } from "react";
import { presentText } from "@/content/present";

interface Matrix {
  readonly text: string;
  readonly size: number;
  readonly dark: (row: number, column: number) => boolean;
}

type QrModule = typeof import("qrcode");

/** The qrcode library, loaded the first time a QR code is shown (it is not in any page's first load). */
async function loadQr(): Promise<QrModule["create"]> {
  const loaded = (await import("qrcode")) as QrModule & { default?: QrModule };
  return loaded.create ?? loaded.default!.create;
}

/** One path segment per run of dark modules in a row: a few dozen rects instead of hundreds. */
function runs(matrix: Matrix): { row: number; column: number; length: number }[] {
  const found: { row: number; column: number; length: number }[] = [];
  for (let row = 0; row < matrix.size; row++) {
    let column = 0;
    while (column < matrix.size) {
      if (!matrix.dark(row, column)) {
        column++;
        continue;
      }
      const start = column;
      while (column < matrix.size && matrix.dark(row, column)) column++;
      found.push({ row, column: start, length: column - start });
    }
  }
  return found;
}

const QUIET = 4;

/**
 * A QR code of `text`, drawn from the library's module matrix as SVG rects (no markup strings):
 * always dark on white with a quiet zone, whatever the theme, so phones can read it.
 */
export function QrCode({ text, className }: { text: string; className?: string }) {
  const [matrix, setMatrix] = useState<Matrix | "failed">();
  useEffect(() => {
    let live = true;
    loadQr()
      .then((create) => {
        const { modules } = create(text, { errorCorrectionLevel: "M" });
        if (live) setMatrix({ text, size: modules.size, dark: (row, column) => Boolean(modules.get(row, column)) });
      })
      .catch(() => {
        if (live) setMatrix("failed");
      });
    return () => {
      live = false;
    };
  }, [text]);

  if (matrix === "failed") return <p className="text-lg">{presentText.qrFailed}</p>;
  if (!matrix || matrix.text !== text) {
    return (
      <div className={className} data-qr="loading">
        <p className="sr-only">{presentText.qrLoading}</p>
      </div>
    );
  }
  const extent = matrix.size + QUIET * 2;
  return (
    <svg
      viewBox={`0 0 ${extent} ${extent}`}
      role="img"
      aria-label={presentText.qrAlt(text)}
      className={className}
      data-qr="ready"
      data-qr-text={text}
      shapeRendering="crispEdges"
    >
      <rect width={extent} height={extent} fill="#ffffff" />
      {runs(matrix).map(({ row, column, length }) => (
        <rect key={`${row}-${column}`} x={column + QUIET} y={row + QUIET} width={length} height={1} fill="#000000" />
      ))}
    </svg>
  );
}
