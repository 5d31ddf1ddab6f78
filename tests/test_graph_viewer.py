"""The graph viewer (flowgrad.tools.graph_viewer): the data the page embeds, the page being
self-contained, `flowgrad graph SCRIPT`, and (pytest -m browser) the page in headless
Chromium."""
import json
import os
import re
import shutil
import subprocess
import sys

import numpy as np
import pytest

import flowgrad as tf
from flowgrad.tools import graph_viewer

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _embedded(html):
    m = re.search(r'<script id="graph-data" type="application/json">(.*?)</script>', html,
                  re.S)
    return json.loads(m.group(1).replace("<\\/", "</"))


def _events(data, plan=0):
    return {p["pass"]: p["events"] for p in data["plans"][plan]["passes"]}


def test_cse_duplicates_folded_shapes_and_pruned_ops_are_reported():
    x = tf.placeholder(tf.float32, [2, 3], name="x")
    a = tf.multiply(x, 2.0, name="a")
    b = tf.multiply(x, 2.0, name="b")           # a duplicate of a
    y = tf.reduce_sum(tf.add(a, b, name="y"), name="total")
    tf.constant(5.0, name="unused")             # not needed by the fetch
    data = graph_viewer.graph_data(plans=[(y, {x: None})])
    names = {n["name"] for n in data["nodes"]}
    assert {"x", "a", "b", "y", "total", "unused"} <= names
    plan = data["plans"][0]
    assert plan["fetches"] == ["total:0"] and plan["feeds"] == ["x:0"]
    assert plan["fed_ops"] == ["x"]
    assert "unused" not in plan["lowered"] and "x" not in plan["lowered"]
    ev = _events(data)
    merged = [e for e in ev["cse"] if e["what"] == "merged"]
    assert {"node": "b", "what": "merged", "into": "a"} in merged
    assert "b" not in plan["final"] and "a" in plan["final"]
    by = {n["name"]: n for n in data["nodes"]}
    assert by["b"]["source"].startswith("test_graph_viewer.py:")
    assert by["y"]["inputs"] == ["a:0", "b:0"]
    assert by["a"]["outputs"] == ["float32[2,3]"]
    assert by["a"]["kind"] == "forward"


def test_constant_folding_and_kinds_in_a_training_graph():
    x = tf.placeholder(tf.float32, [4, 3], name="x")
    w = tf.Variable(np.ones((3, 1), np.float32), name="w")
    loss = tf.reduce_mean(tf.square(tf.matmul(x, w)))
    tf.summary.scalar("loss", loss)
    train = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
    data = graph_viewer.graph_data(plans=[(train, {x: None})])
    kinds = {n["name"]: n["kind"] for n in data["nodes"]}
    assert kinds["w"] == "variable" and kinds["w/Assign"] == "init"
    assert kinds["MatMul"] == "forward"
    assert kinds["gradients/MatMul_grad/MatMul"] == "gradient"
    assert kinds["GradientDescent/update_w/ApplyGradientDescent"] == "optimizer"
    assert kinds["loss"] == "summary"
    folded = [e["node"] for e in _events(data)["constant_folding"] if e["what"] == "folded"]
    assert {"gradients/Fill", "gradients/Mean_grad/truediv"} <= set(folded)


def test_page_is_self_contained_and_embeds_the_data(tmp_path):
    x = tf.placeholder(tf.float32, [2], name="x")
    y = tf.add(x * 2.0, x * 2.0, name="y")
    tf.constant("</script><b>", name="s")          # a value that could break the page
    path = graph_viewer.show_graph(y, {x: None}, str(tmp_path / "g.html"))
    html = open(path, encoding="utf-8").read()
    assert "<script src" not in html and "<link" not in html
    assert not re.search(r"https?://(?!www\.w3\.org/2000/svg)", html)   # no network
    data = _embedded(html)
    assert "</script><b>" in [n for n in data["nodes"] if n["name"] == "s"][0]["attrs"]["value"]
    assert data == json.loads(json.dumps(graph_viewer.graph_data(
        tf.get_default_graph(), [(y, {x: None})])))


def test_memory_view_data_matches_the_planner():
    from flowgrad.engine.runtime import plan_memory
    x = tf.placeholder(tf.float32, [32, 16], name="x")
    w = tf.Variable(np.ones((16, 16), np.float32), name="w")
    # (an Add writes in place; Square's gradient reads its input. Reciprocal no longer may:
    # its kernel computes complex values apart, as TF)
    h = tf.add(tf.matmul(x, w, name="mm"), 1.0, name="act")
    loss = tf.reduce_sum(tf.square(h), name="loss")
    grads = tf.gradients(loss, [w])
    data = graph_viewer.graph_data(plans=[(grads, {x: None})])
    mem = data["plans"][0]["memory"]
    sess = tf.Session()
    sess.run(tf.global_variables_initializer())
    assert mem["peak_bytes"] == plan_memory(sess, grads, {x: None})["peak_bytes"] > 0
    assert max(mem["live"]) == mem["peak_bytes"] == mem["live"][mem["peak_index"]]
    assert len(mem["live"]) == len(mem["order"]) == len(data["plans"][0]["final"])
    assert sum(b for _, _, b in mem["alive_at_peak"]) == mem["peak_bytes"]
    # the sum, kept for the backward, lives in the MatMul's buffer (written in place)
    assert ["act", 0, "mm"] in mem["inplace"]
    assert "mm" in [name for name, _, _ in mem["alive_at_peak"]]


def test_memory_view_names_the_ops_that_write_in_place():
    x = tf.placeholder(tf.float32, [32, 16], name="x")
    y = tf.reduce_sum(tf.abs(tf.add(x * 2.0, 1.0, name="shift"), name="t"), name="s")
    mem = graph_viewer.graph_data(plans=[(y, {x: None})])["plans"][0]["memory"]
    assert mem["inplace"] == [["shift", 0, "mul"], ["t", 0, "shift"]]
    off = graph_viewer.graph_data(plans=[(y, {x: None})], config=tf.ConfigProto(
        graph_options=tf.GraphOptions(rewrite_options=tf.RewriterConfig(
            memory_optimization=tf.RewriterConfig.NO_MEM_OPT))))["plans"][0]["memory"]
    assert off["inplace"] == [] and off["peak_bytes"] > mem["peak_bytes"]


def test_profile_data_from_run_metadata():
    x = tf.placeholder(tf.float32, [4, 4], name="x")
    y = tf.matmul(x, x, name="mm")
    sess = tf.Session()
    mds = []
    for _ in range(2):
        md = tf.RunMetadata()
        sess.run(y, {x: np.ones((4, 4), np.float32)},
                 options=tf.RunOptions(trace_level=tf.RunOptions.FULL_TRACE), run_metadata=md)
        mds.append(md)
    data = graph_viewer.graph_data(run_metadata=mds)
    assert data["profile"]["mm"][1] == 2
    assert data["profile"]["mm"][0] == sum(
        ns.all_end_rel_micros for md in mds for ns in md.step_stats.dev_stats[0].node_stats
        if ns.node_name == "mm")
    assert graph_viewer.graph_data()["profile"] == {}


def test_show_graph_without_fetches_and_bad_arguments(tmp_path):
    tf.constant(1.0, name="c")
    path = graph_viewer.show_graph(path=str(tmp_path / "g.html"))
    assert _embedded(open(path).read())["plans"] == []
    g = tf.Graph()
    with g.as_default():
        tf.constant(2.0, name="other")
    data = _embedded(open(graph_viewer.show_graph(g, path=str(tmp_path / "o.html"))).read())
    assert [n["name"] for n in data["nodes"]] == ["other"] and data["plans"] == []
    with pytest.raises(TypeError, match="cannot fetch"):
        graph_viewer.show_graph(fetches=3, path=str(tmp_path / "h.html"))
    with pytest.raises(TypeError, match="tf.Graph"):
        graph_viewer.graph_data(graph="g")


def test_flowgrad_graph_command(tmp_path):
    out = tmp_path / "lin.html"
    r = subprocess.run([sys.executable, "-m", "flowgrad", "graph", "--profile", "-o", str(out),
                        os.path.join(ROOT, "examples", "linear_regression.py")],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    assert "wrote" in r.stderr
    data = _embedded(out.read_text(encoding="utf-8"))
    assert len(data["plans"]) >= 2
    train = data["plans"][0]
    assert any(e["what"] == "merged" for e in _events(data)["cse"])
    micros, runs = data["profile"]["mul"]          # pred = W * X + b, traced every run
    assert runs > 1 and micros >= 0
    assert len(train["final"]) < len(train["lowered"])


def test_flowgrad_graph_skips_flowgrad_internal_graphs(tmp_path):
    """debug_tools.py runs plan_cost, whose machine probe runs a private 700-op graph:
    the page shows the script's model, not the probe."""
    out = tmp_path / "dbg.html"
    r = subprocess.run([sys.executable, "-m", "flowgrad", "graph", "-o", str(out),
                        os.path.join(ROOT, "examples", "debug_tools.py")],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    names = {n["name"] for n in _embedded(out.read_text(encoding="utf-8"))["nodes"]}
    assert "model/w" in names and "Tanh_99" not in names


def _chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        p = shutil.which(name)
        if p:
            return p
    pytest.fail("pytest -m browser needs Chromium (apt-get install chromium)")


def _dump(browser, url, tmp_path, screenshot=None):
    cmd = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--enable-logging=stderr",
           "--v=0", f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1400,900"]
    cmd += [f"--screenshot={screenshot}"] if screenshot else ["--dump-dom"]
    r = subprocess.run(cmd + [url], capture_output=True, text=True, timeout=120)
    errors = [ln for ln in r.stderr.splitlines() if "CONSOLE" in ln and
              ("Uncaught" in ln or "Error" in ln)]
    return r.stdout, errors


@pytest.mark.browser
def test_page_in_headless_chromium(tmp_path):
    browser = _chromium()
    x = tf.placeholder(tf.float32, [4, 3], name="x")
    with tf.variable_scope("model"):
        h = tf.layers.dense(x, 5, name="hidden")
        # h + 1.0 dies at the Sub, which writes over it (Square's gradient keeps the
        # difference): the memory view's in-place list
        loss = tf.reduce_sum(h * 2.0 + h * 2.0) + tf.reduce_sum(tf.square((h + 1.0) - h * 0.5))
    train = tf.train.AdamOptimizer(0.1).minimize(loss)
    path = graph_viewer.show_graph(train, {x: None}, str(tmp_path / "g.html"))
    url = "file://" + path
    dom, errors = _dump(browser, url, tmp_path)
    assert errors == [] and 'data-ready="1"' in dom
    assert 'data-unit="s:model"' in dom           # the scope is drawn collapsed
    assert 'data-unit="o:model/hidden/MatMul"' not in dom
    dom, errors = _dump(browser, url + "#search=MatMul", tmp_path)    # search expands
    assert errors == []
    assert re.search(r'class="[^"]*\bhit\b[^"]*"[^>]*data-name="model/hidden/MatMul"', dom)
    dom, _ = _dump(browser, url + "#select=model/hidden/MatMul", tmp_path)
    assert "<h3>model/hidden/MatMul</h3>" in dom and "test_graph_viewer.py:" in dom
    assert 'data-selected-in-view="1"' in dom       # scrolled to and drawn in the viewport
    last = [n["name"] for n in _embedded(open(path).read())["nodes"]][-1]
    dom, _ = _dump(browser, url + "#select=" + last, tmp_path)   # far down the layout
    assert 'data-selected-in-view="1"' in dom
    data = _embedded(open(path).read())
    cse_view = [i for i, p in enumerate(data["plans"][0]["passes"]) if p["pass"] == "cse"][0]
    dom, _ = _dump(browser, url + f"#view={cse_view}&expand=model", tmp_path)
    assert "merged" in dom and 'data-status="merged"' in dom
    sess = tf.Session()
    sess.run(tf.global_variables_initializer())
    md = tf.RunMetadata()
    sess.run(train, {x: np.ones((4, 3), np.float32)},
             options=tf.RunOptions(trace_level=tf.RunOptions.FULL_TRACE), run_metadata=md)
    prof_page = graph_viewer.show_graph(train, {x: None}, str(tmp_path / "p.html"),
                                        run_metadata=md)
    dom, errors = _dump(browser, "file://" + prof_page + "#view=-2&expand=model", tmp_path)
    assert errors == [] and "profile: " in dom and "ops traced" in dom
    assert re.search(r'data-name="model/hidden"[^>]*data-micros="\d+"', dom) or \
        re.search(r'data-micros="\d+"', dom)
    dom, errors = _dump(browser, url + "#view=-100&expand=model,model/hidden", tmp_path)
    assert errors == [] and "alive at the peak" in dom and 'id="memchart"' in dom
    assert 'data-status="alive"' in dom
    n_inplace = len(data["plans"][0]["memory"]["inplace"])
    assert n_inplace > 0 and f"<h4>{n_inplace} ops write in place" in dom
    assert 'data-inplace="1"' in dom and 'data-status="inplace"' in dom
    shot = tmp_path / "g.png"
    _dump(browser, url + "#search=MatMul", tmp_path, screenshot=str(shot))
    assert shot.stat().st_size > 10000


def test_dot_export():
    x = tf.placeholder(tf.float32, [2], name="x")
    a = tf.multiply(x, 2.0, name="a")
    b = tf.multiply(x, 2.0, name="b")
    with tf.control_dependencies([tf.no_op(name="first")]):
        y = tf.add(a, b, name="y")
    dot = graph_viewer.to_dot(graph_viewer.graph_data(plans=[(y, {x: None})]))
    assert dot.startswith("digraph flowgrad {") and dot.endswith("}\n")
    assert '"a" -> "y" [label="float32[2]"];' in dot
    assert '"first" -> "y" [style=dashed];' in dot
    assert '"b" [label="b\\nMul (merged)", fillcolor="#dbe9f6", color="red", penwidth=3];' \
        in dot
