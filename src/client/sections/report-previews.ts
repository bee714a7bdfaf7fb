/**
 * Small preview pictures of the report templates (inline SVG, built with DOM calls: no HTML strings). Each hints at
 * what the report looks like: a table with sparklines, lines, bars, stacked bars.
 */
const NS = 'http://www.w3.org/2000/svg';
const BLUE = '#1a73e8';
const COLORS = ['#1a73e8', '#e8710a', '#188038', '#d93025'];

function svg(children: SVGElement[]): SVGSVGElement {
  const root = document.createElementNS(NS, 'svg');
  root.setAttribute('viewBox', '0 0 56 36');
  root.setAttribute('width', '56');
  root.setAttribute('height', '36');
  root.setAttribute('aria-hidden', 'true');
  root.setAttribute('class', 'preview');
  const frame = shape('rect', { x: 0.5, y: 0.5, width: 55, height: 35, rx: 3, fill: '#fff', stroke: '#dadce0' });
  root.appendChild(frame);
  for (const c of children) root.appendChild(c);
  return root;
}

function shape(tag: string, attrs: Record<string, string | number>): SVGElement {
  const node = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  return node;
}

const line = (points: Array<[number, number]>, color: string) =>
  shape('polyline', { points: points.map((p) => p.join(',')).join(' '), fill: 'none', stroke: color, 'stroke-width': 1.5 });

function board(): SVGElement[] {
  const out: SVGElement[] = [shape('rect', { x: 4, y: 4, width: 48, height: 5, fill: '#e8f0fe' })];
  const scores = ['#e67c73', '#ffd666', '#57bb8a', '#57bb8a'];
  for (let i = 0; i < 4; i++) {
    const y = 12 + i * 6;
    out.push(shape('rect', { x: 4, y, width: 14, height: 4, fill: '#dadce0' }));
    out.push(shape('rect', { x: 20, y, width: 7, height: 4, fill: scores[i] }));
    out.push(line([[30, y + 3], [34, y + 1], [38, y + 2], [42, y], [46, y + 1]], BLUE));
  }
  return out;
}

function lines(): SVGElement[] {
  return [
    line([[5, 28], [15, 22], [25, 24], [35, 14], [50, 10]], COLORS[0]),
    line([[5, 20], [15, 24], [25, 18], [35, 20], [50, 16]], COLORS[1]),
    line([[5, 30], [15, 28], [25, 29], [35, 26], [50, 22]], COLORS[2]),
  ];
}

function bars(horizontal: boolean, stacked: boolean, pairs = false): SVGElement[] {
  const out: SVGElement[] = [];
  const values = [[10, 6, 3], [8, 5, 5], [6, 7, 2], [4, 3, 6]];
  values.forEach((parts, i) => {
    let offset = 0;
    const used = stacked ? parts : pairs ? parts.slice(0, 2) : parts.slice(0, 1);
    used.forEach((v, j) => {
      const length = (stacked ? v : v + 8) * (horizontal ? 2 : 1.3);
      const at = 5 + i * (horizontal ? 7.5 : 12) + (pairs ? j * 4 : 0);
      const thick = pairs ? 4 : horizontal ? 5 : 8;
      const attrs = horizontal
        ? { x: 5 + offset, y: at, width: length, height: thick }
        : { x: at, y: 32 - offset - length, width: thick, height: length };
      out.push(shape('rect', { ...attrs, fill: COLORS[j] }));
      if (stacked) offset += length;
    });
  });
  return out;
}

const PICTURES: Record<string, () => SVGElement[]> = {
  'account-health': board,
  'score-trend': lines,
  'account-scores': () => bars(true, false),
  'check-status': () => bars(true, true),
  'target-pacing': () => bars(false, false, true),
  'tasks-overview': () => bars(false, true),
};

export function templatePreview(key: string): SVGSVGElement {
  return svg((PICTURES[key] || (() => bars(false, false)))());
}
