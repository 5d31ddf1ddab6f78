// flowgrad graph viewer's layout: longest-path layers, barycentre ordering (two sweeps),
// boxes in index order along each row. Chosen by measurement against dagre and ELK:
// tools/layout_measure.py (docs/tools.md, "Graph viewer layout"). Shared by the page
// (viewer.js) and the measurement, so both run this exact code.
// g: {order: [unit ids], edges: [{a, b}]} -> {xy: {id: [x, y]}, width, height}
function flowgradLayout(g) {     // longest-path layers (cycles between scopes broken), barycenters
  var indeg = {}, out = {}, inn = {}, layer = {}, q = [], seen = 0;
  g.order.forEach(function (u) { indeg[u] = 0; out[u] = []; inn[u] = []; layer[u] = 0; });
  g.edges.forEach(function (e) { indeg[e.b]++; out[e.a].push(e.b); inn[e.b].push(e.a); });
  var left = g.order.slice(), done = {};
  g.order.forEach(function (u) { if (!indeg[u]) q.push(u); });
  while (seen < g.order.length) {
    if (!q.length) {   // a cycle: release the unfinished unit with fewest open inputs
      var best = null;
      left.forEach(function (u) { if (!done[u] && (best === null || indeg[u] < indeg[best])) best = u; });
      indeg[best] = 0; q.push(best);
    }
    var u = q.shift();
    if (done[u]) continue;
    done[u] = true; seen++;
    out[u].forEach(function (w) {
      if (done[w]) return;
      layer[w] = Math.max(layer[w], layer[u] + 1);
      if (--indeg[w] === 0) q.push(w);
    });
  }
  var rows = [];
  g.order.forEach(function (u) { (rows[layer[u]] = rows[layer[u]] || []).push(u); });
  var pos = {};
  rows.forEach(function (r) { r.forEach(function (u, k) { pos[u] = k; }); });
  for (var sweep = 0; sweep < 2; sweep++) {
    rows.forEach(function (r, li) {
      if (!li) return;
      var bc = {};
      r.forEach(function (u) {
        var ps = inn[u].filter(function (p) { return layer[p] < li; });
        bc[u] = ps.length ? ps.reduce(function (s, p) { return s + pos[p]; }, 0) / ps.length : pos[u];
      });
      r.sort(function (a, b) { return bc[a] - bc[b]; });
      r.forEach(function (u, k) { pos[u] = k; });
    });
  }
  var W = 170, H = 64, xy = {}, width = 0;
  rows.forEach(function (r, li) {
    r.forEach(function (u, k) { xy[u] = [20 + k * W, 20 + li * H]; });
    width = Math.max(width, r.length * W + 40);
  });
  return {xy: xy, width: width, height: rows.length * H + 40};
}
