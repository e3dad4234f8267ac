/**
 * A line chart as hand-written SVG (no plotting dependency): categories
 * along x, a log-scale y, one line per series, dashed verticals at marked
 * categories, dotted horizontals for reference values, and a legend.
 *
 * @module
 */

/** One line of the chart. */
export interface Series {
  name: string;
  color: string;
  /** One value per category; null leaves a gap. */
  values: (number | null)[];
}

/** What to draw. */
export interface LineChart {
  title: string;
  subtitle?: string;
  xTitle: string;
  yTitle: string;
  categories: string[];
  series: Series[];
  /** Dashed verticals at these category indexes, labelled. */
  marks: { index: number; label: string }[];
  /** Dotted horizontals, labelled at the right. */
  references: { value: number; label: string; color: string }[];
}

const W = 900;
const H = 560;
const PAD = { left: 90, right: 40, top: 70, bottom: 80 };
const LEGEND_W = 250;

function esc(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(
    />/g,
    "&gt;",
  );
}

/** `1k`, `10k`, `1M` for a power of ten. */
function tickLabel(v: number): string {
  if (v >= 1e6) return `${v / 1e6}M`;
  if (v >= 1e3) return `${v / 1e3}k`;
  return String(v);
}

/** The chart as an SVG document. */
export function lineChartSvg(chart: LineChart): string {
  const values = [
    ...chart.series.flatMap((s) => s.values),
    ...chart.references.map((r) => r.value),
  ].filter((v): v is number => v !== null && v > 0);
  const lo = Math.floor(Math.log10(Math.min(...values)));
  const hi = Math.ceil(Math.log10(Math.max(...values)));
  const plotW = W - PAD.left - PAD.right - LEGEND_W;
  const plotH = H - PAD.top - PAD.bottom;
  const n = chart.categories.length;
  const x = (i: number) => PAD.left + (i + 0.5) * plotW / n;
  const y = (v: number) =>
    PAD.top + plotH - (Math.log10(v) - lo) / (hi - lo) * plotH;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="13">`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
    `<text x="${
      W / 2
    }" y="28" text-anchor="middle" font-size="18" font-weight="bold">${
      esc(chart.title)
    }</text>`,
  ];
  if (chart.subtitle) {
    out.push(
      `<text x="${W / 2}" y="48" text-anchor="middle" fill="#555">${
        esc(chart.subtitle)
      }</text>`,
    );
  }
  // grid and y ticks: each power of ten, and 2x, 5x in light grey
  for (let p = lo; p <= hi; p++) {
    for (const m of [1, 2, 5]) {
      const v = m * 10 ** p;
      if (Math.log10(v) > hi + 1e-9) continue;
      const yy = y(v).toFixed(1);
      out.push(
        `<line x1="${PAD.left}" x2="${
          PAD.left + plotW
        }" y1="${yy}" y2="${yy}" stroke="${m === 1 ? "#ccc" : "#eee"}"/>`,
        `<text x="${PAD.left - 8}" y="${yy}" dy="4" text-anchor="end" fill="${
          m === 1 ? "#000" : "#888"
        }">${tickLabel(v)}</text>`,
      );
    }
  }
  chart.categories.forEach((c, i) => {
    out.push(
      `<text x="${x(i)}" y="${PAD.top + plotH + 20}" text-anchor="middle">${
        esc(c)
      }</text>`,
    );
  });
  chart.marks.forEach((mark, i) => {
    // labels alternate left and right of their line, so neighbours do not collide
    const xx = x(mark.index);
    const [dx, anchor] = i % 2 ? [4, "start"] : [-4, "end"];
    out.push(
      `<line x1="${xx}" x2="${xx}" y1="${PAD.top}" y2="${
        PAD.top + plotH
      }" stroke="#444" stroke-dasharray="6 4"/>`,
      `<text x="${xx + dx}" y="${
        PAD.top - 6
      }" text-anchor="${anchor}" font-size="12" fill="#444">${
        esc(mark.label)
      }</text>`,
    );
  });
  for (const ref of chart.references) {
    const yy = y(ref.value);
    out.push(
      `<line x1="${PAD.left}" x2="${
        PAD.left + plotW
      }" y1="${yy}" y2="${yy}" stroke="${ref.color}" stroke-dasharray="2 3" stroke-width="1.5"/>`,
    );
  }
  for (const s of chart.series) {
    let d = "";
    s.values.forEach((v, i) => {
      if (v === null || v <= 0) return;
      const prev = i > 0 ? s.values[i - 1] : null;
      d += `${prev ? "L" : "M"}${x(i).toFixed(1)},${y(v).toFixed(1)} `;
    });
    out.push(
      `<path d="${d.trim()}" fill="none" stroke="${s.color}" stroke-width="2.5"/>`,
    );
    s.values.forEach((v, i) => {
      if (v !== null && v > 0) {
        out.push(
          `<circle cx="${x(i).toFixed(1)}" cy="${
            y(v).toFixed(1)
          }" r="4" fill="${s.color}"/>`,
        );
      }
    });
  }
  // axes and their titles
  out.push(
    `<rect x="${PAD.left}" y="${PAD.top}" width="${plotW}" height="${plotH}" fill="none" stroke="#000"/>`,
    `<text x="${PAD.left + plotW / 2}" y="${
      H - 25
    }" text-anchor="middle" font-size="14">${esc(chart.xTitle)}</text>`,
    `<text transform="translate(22 ${
      PAD.top + plotH / 2
    }) rotate(-90)" text-anchor="middle" font-size="14">${
      esc(chart.yTitle)
    }</text>`,
  );
  // legend: the series, then the reference lines
  const lx = W - PAD.right - LEGEND_W + 20;
  const entry = (i: number, color: string, label: string, dash: string) => {
    const ly = PAD.top + 10 + i * 24;
    out.push(
      `<line x1="${lx}" x2="${
        lx + 28
      }" y1="${ly}" y2="${ly}" stroke="${color}" stroke-width="2.5"${dash}/>`,
      `<text x="${lx + 36}" y="${ly + 4}">${esc(label)}</text>`,
    );
  };
  chart.series.forEach((s, i) => {
    entry(i, s.color, s.name, "");
    out.push(
      `<circle cx="${lx + 14}" cy="${
        PAD.top + 10 + i * 24
      }" r="4" fill="${s.color}"/>`,
    );
  });
  chart.references.forEach((r, i) =>
    entry(chart.series.length + i, r.color, r.label, ' stroke-dasharray="2 3"')
  );
  out.push("</svg>", "");
  return out.join("\n");
}
