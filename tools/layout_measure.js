// node tools/layout_measure.js DATA.json LIBDIR LAYOUT.js [LAYOUTS] [MAX_UNITS] (run by layout_measure.py)
// Layout time and quality of the viewer's own layout, dagre and ELK on the viewer's box graphs.
const fs = require("fs"), vm = require("vm");
const D = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const ops = D.nodes;
function load(file, name) {
  const ctx = {structuredClone, console}; vm.createContext(ctx);
  vm.runInContext(fs.readFileSync(file, "utf8") + ";this.X=" + name + ";", ctx); return ctx.X;
}
const LIB = process.argv[3], dagre = load(LIB + "/dagre/package/dist/dagre.min.js", "dagre");
const ELK = require(LIB + "/elkjs/package/lib/elk.bundled.js");
const hand = load(process.argv[4], "flowgradLayout");
function producer(t) { const c = t.lastIndexOf(":"); return c > 0 ? t.slice(0, c) : t; }
function unitsGraph(depth) {  // depth: scopes deeper than this collapsed (Infinity = all expanded)
  const unit = {}, order = [], seen = {}, edges = {};
  ops.forEach(o => { const p = o.name.split("/"); const u = p.length - 1 > depth ? "s:" + p.slice(0, depth + 1).join("/") : "o:" + o.name;
    unit[o.name] = u; if (!seen[u]) { seen[u] = 1; order.push(u); } });
  ops.forEach(o => { const b = unit[o.name];
    o.inputs.map(producer).concat(o.control_inputs).forEach(s => { const a = unit[s];
      if (a === undefined || a === b) return; edges[a + "|" + b] = {a, b}; }); });
  return {order, edges: Object.values(edges)};
}
function quality(g, xy) {   // straight segments between box centres: crossings, total length
  const segs = g.edges.map(e => [xy[e.a][0], xy[e.a][1], xy[e.b][0], xy[e.b][1], e.a, e.b]);
  let len = 0; segs.forEach(s => len += Math.hypot(s[2] - s[0], s[3] - s[1]));
  // sort by min y for a sweep
  segs.forEach(s => { s.ylo = Math.min(s[1], s[3]); s.yhi = Math.max(s[1], s[3]); });
  segs.sort((p, q) => p.ylo - q.ylo);
  function ccw(ax, ay, bx, by, cx, cy) { return (cy - ay) * (bx - ax) - (by - ay) * (cx - ax); }
  let cross = 0;
  for (let i = 0; i < segs.length; i++) { const s = segs[i];
    for (let j = i + 1; j < segs.length && segs[j].ylo < s.yhi; j++) { const t = segs[j];
      if (s[4] === t[4] || s[4] === t[5] || s[5] === t[4] || s[5] === t[5]) continue;
      const d1 = ccw(s[0], s[1], s[2], s[3], t[0], t[1]), d2 = ccw(s[0], s[1], s[2], s[3], t[2], t[3]);
      const d3 = ccw(t[0], t[1], t[2], t[3], s[0], s[1]), d4 = ccw(t[0], t[1], t[2], t[3], s[2], s[3]);
      if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) cross++; } }
  return {crossings: cross, length_k: Math.round(len / 1000)};
}
function runHand(g) { const L = hand(g); const xy = {}; for (const u in L.xy) xy[u] = [L.xy[u][0] + 75, L.xy[u][1] + 15]; return xy; }
function runDagre(g) {
  const G = new dagre.graphlib.Graph(); G.setGraph({rankdir: "TB", nodesep: 20, ranksep: 34}); G.setDefaultEdgeLabel(() => ({}));
  g.order.forEach(u => G.setNode(u, {width: 150, height: 30})); g.edges.forEach(e => G.setEdge(e.a, e.b));
  dagre.layout(G); const xy = {}; g.order.forEach(u => { const n = G.node(u); xy[u] = [n.x, n.y]; }); return xy;
}
async function runElk(g) {
  const elk = new ELK();
  const r = await elk.layout({id: "root", layoutOptions: {"elk.algorithm": "layered", "elk.direction": "DOWN"},
    children: g.order.map(u => ({id: u, width: 150, height: 30})), edges: g.edges.map((e, k) => ({id: "e" + k, sources: [e.a], targets: [e.b]}))});
  const xy = {}; r.children.forEach(c => xy[c.id] = [c.x + 75, c.y + 15]); return xy;
}
(async () => {
  const which = (process.argv[5] || "hand,dagre,elk").split(",");
  for (const [label, depth] of [["top scopes collapsed", 0], ["two levels", 1], ["all expanded", Infinity]]) {
    const g = unitsGraph(depth);
    for (const name of which) {
      if (name !== "hand" && g.order.length > +(process.argv[6] || 1e9)) continue;
      const t0 = performance.now();
      const xy = name === "hand" ? runHand(g) : name === "dagre" ? runDagre(g) : await runElk(g);
      const ms = performance.now() - t0;
      console.log(JSON.stringify({view: label, units: g.order.length, edges: g.edges.length, layout: name, ms: Math.round(ms), ...quality(g, xy)}));
    }
  }
})();
