// flowgrad graph viewer: hand-written layered layout in SVG, no dependencies, no network.
(function () {
  "use strict";
  var D = JSON.parse(document.getElementById("graph-data").textContent);
  var ops = D.nodes, byName = {}, i;
  for (i = 0; i < ops.length; i++) byName[ops[i].name] = ops[i];
  var expanded = {}, selected = null, hits = {}, view = -1;   // view: -1 as built, else k
  var KINDS = ["forward", "gradient", "optimizer", "summary", "init", "variable"];
  var svg = document.getElementById("svg"), NS = "http://www.w3.org/2000/svg";

  // scope tree: scope name -> number of ops under it
  var scopeSize = {};
  ops.forEach(function (o) {   // cached: each op's enclosing scopes, its producers
    var pre = [], at = o.name.indexOf("/");
    while (at >= 0) { pre.push(o.name.slice(0, at)); at = o.name.indexOf("/", at + 1); }
    o._pre = pre;
    for (var k = 0; k < pre.length; k++) scopeSize[pre[k]] = (scopeSize[pre[k]] || 0) + 1;
  });
  if (ops.length <= 60) Object.keys(scopeSize).forEach(function (s) { expanded[s] = true; });

  function unitOf(name) {      // the visible box holding op `name`
    var o = byName[name], pre = o ? o._pre : [];
    for (var k = 0; k < pre.length; k++) if (!expanded[pre[k]]) return "s:" + pre[k];
    return "o:" + name;
  }
  function producer(t) { var c = t.lastIndexOf(":"); return c > 0 ? t.slice(0, c) : t; }
  function outDesc(t) {
    var c = t.lastIndexOf(":"), o = byName[t.slice(0, c)];
    return o ? o.outputs[+t.slice(c + 1)] || "" : "";
  }

  // plan state of each op for the current view
  var views = [];
  D.plans.forEach(function (pl, pi) {
    pl.passes.forEach(function (ps, k) { views.push({plan: pi, upto: k}); });
  });
  function unitMicros(U) {
    return U.ops.reduce(function (t, o) { return t + (prof[o.name] ? prof[o.name][0] : 0); }, 0);
  }
  function heat(us, max) {     // white (0) to red (the slowest box)
    var f = max > 0 ? Math.sqrt(us / max) : 0, g = Math.round(255 - 200 * f);
    return "rgb(255," + g + "," + g + ")";
  }
  function status() {
    if (view <= -100) {
      var pm = D.plans[-100 - view].memory, sm = {};
      ops.forEach(function (o) { sm[o.name] = "pruned"; });
      pm.order.forEach(function (nm) { sm[nm] = "kept"; });
      pm.inplace.forEach(function (t) { sm[t[0]] = "inplace"; });
      pm.alive_at_peak.forEach(function (t) { sm[t[0]] = "alive"; });
      return sm;
    }
    if (view < 0) return null;
    var v = views[view], pl = D.plans[v.plan], st = {}, k;
    ops.forEach(function (o) { st[o.name] = "pruned"; });
    pl.lowered.forEach(function (n) { st[n] = "kept"; });
    pl.fed_ops.forEach(function (n) { st[n] = "fed"; });
    for (k = 0; k <= v.upto; k++) {
      pl.passes[k].events.forEach(function (e) { if (st[e.node] !== undefined) st[e.node] = e.what; });
    }
    return st;
  }

  function build() {
    var st = status(), units = {}, edges = {}, order = [];
    var unit = {};
    ops.forEach(function (o) { unit[o.name] = unitOf(o.name); });
    ops.forEach(function (o) {
      var u = unit[o.name];
      if (!units[u]) { units[u] = {id: u, ops: [], kinds: {}, st: {}}; order.push(u); }
      var U = units[u];
      U.ops.push(o); U.kinds[o.kind] = (U.kinds[o.kind] || 0) + 1;
      if (st) U.st[st[o.name]] = (U.st[st[o.name]] || 0) + 1;
      function edge(src, ctl, t) {
        var a = unit[src];
        if (a === undefined || a === u) return;
        var key = a + "|" + u, e = edges[key];
        if (!e) e = edges[key] = {a: a, b: u, n: 0, ctl: true, t: t};
        e.n++; if (!ctl) e.ctl = false;
      }
      o.inputs.forEach(function (t) { edge(producer(t), false, t); });
      o.control_inputs.forEach(function (c) { edge(c, true, ""); });
    });
    return {units: units, order: order, edges: Object.keys(edges).map(function (k) { return edges[k]; })};
  }

  function el(tag, attrs, parent) {
    var e = document.createElementNS(NS, tag);
    for (var k in attrs) e.setAttribute(k, attrs[k]);
    if (parent) parent.appendChild(e);
    return e;
  }
  function dominant(kinds) {
    var best = "forward", n = -1;
    for (var k in kinds) if (kinds[k] > n) { n = kinds[k]; best = k; }
    return best;
  }
  var PRI = ["alive", "inplace", "merged", "folded", "removed", "fused", "rewritten", "added", "kept", "fed", "pruned"];
  function unitStatus(U) {
    for (var k = 0; k < PRI.length; k++) if (U.st[PRI[k]]) return PRI[k];
    return null;
  }

  function render() {
    var g = build(), L = flowgradLayout(g);
    while (svg.firstChild) svg.removeChild(svg.firstChild);
    svg.setAttribute("width", L.width); svg.setAttribute("height", L.height);
    var eg = el("g", {}, svg), ng = el("g", {}, svg), maxUnit = 0;
    if (view === -2) g.order.forEach(function (u) { maxUnit = Math.max(maxUnit, unitMicros(g.units[u])); });
    g.edges.forEach(function (e) {
      var a = L.xy[e.a], b = L.xy[e.b];
      var x1 = a[0] + 75, y1 = a[1] + 30, x2 = b[0] + 75, y2 = b[1];
      el("path", {"class": "edge" + (e.ctl ? " ctl" : ""), "data-from": e.a, "data-to": e.b,
        d: "M" + x1 + "," + y1 + " C" + x1 + "," + (y1 + 20) + " " + x2 + "," + (y2 - 20) + " " + x2 + "," + y2}, eg);
      var lab = e.n > 1 ? e.n + " tensors" : (e.t ? outDesc(e.t) : "");
      if (lab) {
        var t = el("text", {"class": "elabel", x: (x1 + x2) / 2 + 3, y: (y1 + y2) / 2}, eg);
        t.textContent = lab;
      }
    });
    g.order.forEach(function (u) {
      var U = g.units[u], p = L.xy[u], isScope = u.charAt(0) === "s", name = u.slice(2);
      var st = unitStatus(U), kind = dominant(U.kinds);
      var cls = "node " + (isScope ? "scope " : "op ") + "k-" + kind;
      if (st) cls += " st-" + st;
      if (st === "pruned") cls += " pruned";
      if (hits[u]) cls += " hit";
      if (selected && unitOf(selected) === u) cls += " sel";
      var n = el("g", {"class": cls, "data-name": name, "data-unit": u, "data-status": st || "",
        transform: "translate(" + p[0] + "," + p[1] + ")"}, ng);
      var rect = el("rect", {width: 150, height: 30, rx: isScope ? 8 : 2}, n);
      if (view === -2) {
        var us = unitMicros(U);
        rect.setAttribute("style", "fill:" + heat(us, maxUnit));
        n.setAttribute("data-micros", String(us));
      }
      var t1 = el("text", {x: 5, y: 12}, n), t2 = el("text", {x: 5, y: 25}, n);
      var short = name.split("/").pop();
      t1.textContent = (isScope ? "+ " : "") + (short.length > 22 ? short.slice(0, 21) + "\u2026" : short);
      t2.textContent = isScope ? U.ops.length + " ops" : U.ops[0].type;
      var tip = el("title", {}, n); tip.textContent = name;
      n.addEventListener("click", function (ev) {
        ev.stopPropagation();
        if (isScope) { expanded[name] = true; render(); }
        else select(name);
      });
      if (!isScope) n.addEventListener("dblclick", function () {
        var p = name.split("/"); if (p.length > 1) { delete expanded[p.slice(0, -1).join("/")]; render(); }
      });
    });
    document.getElementById("count").textContent = g.order.length + " boxes, " + ops.length + " ops" +
      (Object.keys(hits).length ? ", " + nHits + " matches" : "");
  }

  function esc(s) { return String(s).replace(/[&<>"]/g, function (c) { return {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}[c]; }); }
  function reveal(name) {
    var p = name.split("/");
    for (var k = 1; k < p.length; k++) expanded[p.slice(0, k).join("/")] = true;
  }
  function select(name) {
    var o = byName[name];
    if (!o) return;
    selected = name; reveal(name); render();
    var box = svg.querySelector('[data-unit="' + unitOf(name).replace(/"/g, '\\"') + '"]');
    if (box) {     // bring it into view; record whether it is drawn inside the viewport
      var cv = document.getElementById("canvas"), b = box.getBoundingClientRect();
      cv.scrollLeft += b.left - cv.getBoundingClientRect().left - cv.clientWidth / 2 + b.width / 2;
      cv.scrollTop += b.top - cv.getBoundingClientRect().top - cv.clientHeight / 2 + b.height / 2;
      var r = box.getBoundingClientRect(), c = cv.getBoundingClientRect();
      document.body.setAttribute("data-selected-in-view",
        r.left >= c.left && r.right <= c.right && r.top >= c.top && r.bottom <= c.bottom ? "1" : "0");
    }
    var rows = [["type", o.type], ["kind", o.kind], ["source", o.source || "(unknown)"]];
    var st = status();
    if (st) rows.push(["in plan", st[name]]);
    if (prof[name]) rows.push(["time", (prof[name][0] / 1000).toFixed(3) + " ms over " + prof[name][1] + " runs"]);
    var h = "<h3>" + esc(name) + "</h3><table>";
    rows.forEach(function (r) { h += "<tr><td>" + r[0] + "</td><td>" + esc(r[1]) + "</td></tr>"; });
    h += "</table><h4>inputs</h4>";
    o.inputs.forEach(function (t) { h += "<div class=ev data-go='" + esc(producer(t)) + "'>" + esc(t) + " " + esc(outDesc(t)) + "</div>"; });
    o.control_inputs.forEach(function (c) { h += "<div class=ev data-go='" + esc(c) + "'>^" + esc(c) + "</div>"; });
    h += "<h4>outputs</h4>";
    o.outputs.forEach(function (d, k) { h += "<div>" + esc(name) + ":" + k + " " + esc(d) + "</div>"; });
    h += "<h4>consumers</h4>";
    ops.forEach(function (c) {
      if (c.inputs.some(function (t) { return producer(t) === name; })) h += "<div class=ev data-go='" + esc(c.name) + "'>" + esc(c.name) + "</div>";
    });
    h += "<h4>attributes</h4><table>";
    Object.keys(o.attrs).forEach(function (k) { h += "<tr><td>" + esc(k) + "</td><td>" + esc(o.attrs[k]) + "</td></tr>"; });
    document.getElementById("details").innerHTML = h + "</table>";
  }

  var nHits = 0;
  function search(q) {
    hits = {}; nHits = 0;
    q = q.toLowerCase();
    if (q) {
      ops.forEach(function (o) {
        if (o.name.toLowerCase().indexOf(q) >= 0 || o.type.toLowerCase() === q) {
          nHits++;
          if (nHits <= 50) reveal(o.name);
        }
      });
      ops.forEach(function (o) {
        if (o.name.toLowerCase().indexOf(q) >= 0 || o.type.toLowerCase() === q) hits[unitOf(o.name)] = true;
      });
    }
    render();
  }

  function fmtBytes(b) {
    return b < 1e3 ? b + " B" : b < 1e6 ? (b / 1e3).toFixed(1) + " KB" : b < 1e9 ? (b / 1e6).toFixed(1) + " MB" : (b / 1e9).toFixed(2) + " GB";
  }
  function memoryChart(m) {     // live bytes per step of the plan, the peak marked
    var W = 320, H = 120, n = m.live.length, max = m.peak_bytes || 1, pts = [];
    m.live.forEach(function (b, i) { pts.push((n > 1 ? i * W / (n - 1) : 0).toFixed(1) + "," + (H - b * H / max).toFixed(1)); });
    var px = n > 1 ? m.peak_index * W / (n - 1) : 0;
    return "<svg id='memchart' width='" + W + "' height='" + (H + 4) + "'><polyline fill='none' stroke='#06c' points='" + pts.join(" ") +
      "'/><line x1='" + px + "' x2='" + px + "' y1='0' y2='" + H + "' stroke='#d00' stroke-dasharray='3 2'/></svg>";
  }
  function summary() {
    var box = document.getElementById("summary");
    if (view <= -100) {
      var pl = D.plans[-100 - view], m = pl.memory;
      var hm = "<h3>plan " + (-99 - view) + " memory</h3><div>peak " + fmtBytes(m.peak_bytes) + " of intermediate buffers at step " +
        (m.peak_index + 1) + " of " + m.live.length + ": <span class=ev data-go='" + esc(m.order[m.peak_index] || "") + "'>" +
        esc(m.order[m.peak_index] || "") + "</span> (static shapes, after in-place reuse)</div>" + memoryChart(m) +
        "<h4>alive at the peak</h4>";
      m.alive_at_peak.forEach(function (t) {
        hm += "<div class=ev data-go='" + esc(t[0]) + "' data-alive='1'>" + fmtBytes(t[2]) + " " + esc(t[0]) + ":" + t[1] + "</div>";
      });
      hm += "<h4>" + m.inplace.length + " ops write in place (outlined green): output over an input's dying buffer</h4>";
      m.inplace.slice(0, 200).forEach(function (t) {
        hm += "<div class=ev data-go='" + esc(t[0]) + "' data-inplace='1'>" + esc(t[0]) + " over input " + t[1] +
          " (" + esc(t[2]) + ")</div>";
      });
      box.innerHTML = hm;
      return;
    }
    if (view === -2) {
      var rows = Object.keys(prof).map(function (k) { return [k, prof[k][0], prof[k][1]]; })
        .sort(function (a, b) { return b[1] - a[1]; });
      var total = rows.reduce(function (t, r) { return t + r[1]; }, 0) || 1;
      var h = "<h3>profile: " + rows.length + " ops traced</h3><div>time per op over the traced runs; boxes red by time (scopes: the sum)</div><h4>slowest ops</h4>";
      rows.slice(0, 30).forEach(function (r) {
        var o = byName[r[0]];
        h += "<div class=ev data-go='" + esc(r[0]) + "'>" + (r[1] / 1000).toFixed(2) + " ms (" +
          (100 * r[1] / total).toFixed(1) + "%, " + r[2] + " runs) " + esc(r[0]) +
          (o && o.source ? " <i>(" + esc(o.source) + ")</i>" : "") + "</div>";
      });
      box.innerHTML = h;
      return;
    }
    if (view < 0) {
      var counts = {};
      ops.forEach(function (o) { counts[o.kind] = (counts[o.kind] || 0) + 1; });
      box.innerHTML = "<h3>graph as built</h3>" + KINDS.filter(function (k) { return counts[k]; })
        .map(function (k) { return k + ": " + counts[k]; }).join(", ") +
        (D.plans.length ? "<p>Pick a plan view above to see what the optimizer passes pruned, folded, merged (CSE), removed and fused.</p>" : "");
      return;
    }
    var v = views[view], pl = D.plans[v.plan];
    var h = "<h3>plan " + (v.plan + 1) + ": " + esc(pl.fetches.join(", ")) + "</h3>" +
      "<div>lowered: " + pl.lowered.length + " of " + ops.length + " ops (the rest pruned)</div>";
    for (var k = 0; k <= v.upto; k++) {
      var ps = pl.passes[k], c = {};
      ps.events.forEach(function (e) { c[e.what] = (c[e.what] || 0) + 1; });
      h += "<h4>" + esc(ps.pass) + " \u2192 " + ps.nodes_after + " nodes</h4><div>" +
        (Object.keys(c).map(function (w) { return w + ": " + c[w]; }).join(", ") || "no change") + "</div>";
      ps.events.slice(0, 200).forEach(function (e) {
        var o = byName[e.node];
        h += "<div class=ev data-go='" + esc(e.node) + "' data-what='" + esc(e.what) + "'>" + esc(e.what) + " " + esc(e.node) +
          (e.into ? " \u2192 " + esc(e.into) : "") + (o && o.source ? " <i>(" + esc(o.source) + ")</i>" : "") + "</div>";
      });
    }
    box.innerHTML = h;
  }

  var sel = document.getElementById("view");
  var opt = document.createElement("option"); opt.value = -1; opt.textContent = "graph as built"; sel.appendChild(opt);
  var prof = D.profile || {}, hasProf = Object.keys(prof).length > 0, profMax = 0;
  Object.keys(prof).forEach(function (k) { profMax = Math.max(profMax, prof[k][0]); });
  if (hasProf) {
    opt = document.createElement("option"); opt.value = -2; opt.textContent = "profile: time per op (heat)";
    sel.appendChild(opt);
  }
  views.forEach(function (v, k) {
    var o = document.createElement("option"); o.value = k;
    o.textContent = "plan " + (v.plan + 1) + " after " + D.plans[v.plan].passes[v.upto].pass;
    sel.appendChild(o);
  });
  D.plans.forEach(function (pl, pi) {   // memory views: -100 - plan index
    var o = document.createElement("option"); o.value = -100 - pi;
    o.textContent = "plan " + (pi + 1) + " memory (live bytes along the schedule)";
    sel.appendChild(o);
  });
  sel.addEventListener("change", function () { view = +sel.value; summary(); render(); });
  document.getElementById("search").addEventListener("input", function (e) { search(e.target.value); });
  document.getElementById("expand").addEventListener("click", function () {
    Object.keys(scopeSize).forEach(function (s) { expanded[s] = true; }); render();
  });
  document.getElementById("collapse").addEventListener("click", function () { expanded = {}; render(); });
  document.getElementById("side").addEventListener("click", function (e) {
    var t = e.target.closest ? e.target.closest("[data-go]") : null;
    if (t) select(t.getAttribute("data-go"));
  });
  document.getElementById("legend").innerHTML = KINDS.map(function (k) {
    return "<span class='k-" + k + "' style='background:" + {forward: "#dbe9f6", gradient: "#f8dcc4",
      optimizer: "#d9f2d0", summary: "#eadcf5", init: "#eee", variable: "#fff3b0"}[k] + "'>" + k + "</span>";
  }).join("");

  // state from the URL: #view=K&expand=a/b,c&search=q&select=name (used by tests and links)
  var hash = {};
  location.hash.slice(1).split("&").forEach(function (kv) {
    var p = kv.split("="); if (p[0]) hash[p[0]] = decodeURIComponent(p[1] || "");
  });
  if (hash.view !== undefined && (views[+hash.view] || (+hash.view === -2 && hasProf) ||
      (+hash.view <= -100 && D.plans[-100 - +hash.view]))) {
    view = +hash.view; sel.value = view;
  }
  if (hash.expand) hash.expand.split(",").forEach(function (s) { reveal(s + "/x"); });
  summary();
  if (hash.search) { document.getElementById("search").value = hash.search; search(hash.search); }
  else render();
  if (hash.select) select(hash.select);
  document.body.setAttribute("data-load-ms", String(Math.round(performance.now())));
  document.body.setAttribute("data-ready", "1");
})();
