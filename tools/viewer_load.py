"""Measures the graph viewer's load time on a large graph in headless Chromium.

    python tools/viewer_load.py [N_OPS]     (default 50000; needs `chromium`)

Builds a graph of ~N_OPS ops, its gradient included (a forward stack of name scopes, then
tf.gradients), writes the viewer with no plan (the plan views are measured too with
--plan), and prints the page's own load time (performance.now() when the first view is
drawn and interactive) and the wall time of the whole headless run.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

import flowgrad as tf
from flowgrad.tools import graph_viewer


def _stack(blocks):
    x = tf.placeholder(tf.float32, [8, 16], name="x")
    h = x
    for i in range(blocks):
        with tf.variable_scope(f"block{i}"):
            for _ in range(5):
                h = tf.tanh(h * 1.01 + 0.5)
    loss = tf.reduce_sum(h)
    tf.gradients(loss, x)
    return loss


def build(n_ops):
    """A stack of blocks whose forward ops and gradient ops together are ~n_ops (the
    ops per block, gradient included, counted on one- and two-block graphs first)."""
    counts = []
    for k in (1, 2):
        with tf.Graph().as_default() as g:
            _stack(k)
            counts.append(len(g.get_operations()))
    per_block = counts[1] - counts[0]
    blocks = max(1, round((n_ops - (counts[0] - per_block)) / per_block))
    return _stack(blocks)


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 and sys.argv[1].isdigit() else 50000
    loss = build(n)
    ops = len(tf.get_default_graph().get_operations())
    path = os.path.join(tempfile.mkdtemp(), "big.html")
    t0 = time.perf_counter()
    plans = [(loss, None)] if "--plan" in sys.argv else []
    text = graph_viewer.render_html(graph_viewer.graph_data(plans=plans))
    with open(path, "w") as f:
        f.write(text)
    t1 = time.perf_counter()
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        sys.exit("needs chromium (apt-get install chromium)")
    t2 = time.perf_counter()
    r = subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom",
                        f"--user-data-dir={tempfile.mkdtemp()}", "file://" + path],
                       capture_output=True, text=True, timeout=300)
    t3 = time.perf_counter()
    m = re.search(r'data-load-ms="(\d+)"', r.stdout)
    print(f"{ops} ops, page {len(text) / 1e6:.1f} MB written in {t1 - t0:.1f}s; "
          f"page ready after {m.group(1) if m else '?'} ms (performance.now()); "
          f"headless chromium run {t3 - t2:.1f}s wall")


if __name__ == "__main__":
    main()
