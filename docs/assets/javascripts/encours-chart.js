// Encours charts: a DSO trend drawn as inline SVG (no charting library, no CDN). Used by
// encours-batch.js once Python has computed the DSO of each imported month.
const NS = "http://www.w3.org/2000/svg";

function node(name, attributes = {}, text = "") {
  const element = document.createElementNS(NS, name);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, String(value));
  if (text) element.textContent = text;
  return element;
}

// A "nice" upper bound for the axis: 10, 20, 25, 50, 100… above the largest value.
export function niceMax(value) {
  if (!(value > 0)) return 10;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}

// months: [{month, simple, countback}] oldest first (values as strings, countback may be null);
// target: number or null; text: {title, simple, countback, target}; format: number → text.
export function dsoTrend(months, target, text, format) {
  const width = 640, height = 300, left = 48, right = 32, top = 36, bottom = 40;
  const values = months.flatMap((m) => [Number(m.simple), m.countback == null ? NaN : Number(m.countback)])
    .filter((v) => Number.isFinite(v));
  if (target != null) values.push(Number(target));
  const max = niceMax(Math.max(...values, 1));
  const x = (i) => left + (months.length === 1 ? (width - left - right) / 2
    : (i * (width - left - right)) / (months.length - 1));
  const y = (v) => top + (1 - v / max) * (height - top - bottom);
  const svg = node("svg", { viewBox: `0 0 ${width} ${height}`, role: "img", class: "encours-chart-svg",
    "aria-labelledby": "encours-chart-title encours-chart-desc" });
  svg.append(node("title", { id: "encours-chart-title" }, text.title));
  const summary = months.map((m) => `${m.month}: ${format(m.simple)} / ${m.countback == null ? "—" : format(m.countback)}`).join("; ");
  svg.append(node("desc", { id: "encours-chart-desc" }, `${text.simple} / ${text.countback}. ${summary}`));
  for (let i = 0; i <= 4; i++) {
    const value = (max * i) / 4;
    svg.append(node("line", { x1: left, x2: width - right, y1: y(value), y2: y(value), class: "grid" }));
    svg.append(node("text", { x: left - 6, y: y(value) + 4, "text-anchor": "end", class: "axis" }, format(value, 0)));
  }
  const every = Math.ceil(months.length / 12);
  months.forEach((m, i) => {
    if (i % every === 0 || i === months.length - 1) {
      svg.append(node("text", { x: x(i), y: height - bottom + 18, "text-anchor": "middle", class: "axis" }, m.month));
    }
  });
  if (target != null) {
    svg.append(node("line", { x1: left, x2: width - right, y1: y(target), y2: y(target), class: "target" }));
  }
  const series = [["simple", "simple"], ["countback", "countback"]];
  for (const [key, css] of series) {
    const path = [];
    let drawing = false; // a month without a value (countback history too short) breaks the line
    months.forEach((m, i) => {
      if (m[key] == null) { drawing = false; return; }
      path.push(`${drawing ? "L" : "M"}${x(i).toFixed(1)},${y(Number(m[key])).toFixed(1)}`);
      drawing = true;
    });
    if (path.length) svg.append(node("path", { d: path.join(" "), class: `line ${css}` }));
    months.forEach((m, i) => {
      if (m[key] != null) svg.append(node("circle", { cx: x(i), cy: y(Number(m[key])), r: 3, class: `point ${css}` }));
    });
  }
  // Legend along the top.
  const legend = [["simple", text.simple], ["countback", text.countback]];
  if (target != null) legend.push(["target", `${text.target} ${format(target, 0)}`]);
  let offset = left;
  for (const [css, label] of legend) {
    svg.append(node("line", { x1: offset, x2: offset + 22, y1: 14, y2: 14, class: css === "target" ? "target" : `line ${css}` }));
    svg.append(node("text", { x: offset + 28, y: 18, class: "legend" }, label));
    offset += 40 + label.length * 7;
  }
  return svg;
}
