"""Writes the graph viewer's screenshots in docs/img (one per view), in headless Chromium.

    python tools/viewer_screenshots.py [OUT_DIR]     (default docs/img; needs `chromium`)

- viewer_as_built.png: the graph examples/debug_tools.py shows, as built, its model scope
  open;
- viewer_plan_cse.png: its train plan after CSE (merged and removed ops outlined);
- viewer_search_select.png: a search for MatMul and one op's details;
- viewer_memory.png: a 3-layer MLP's Adam step: live bytes, the peak, the tensors alive
  there (red) and the ops that write in place (green);
- viewer_profile.png: examples/linear_regression.py traced (time per op as heat).
"""
import os
import shutil
import subprocess
import sys
import tempfile

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if shutil.which(name):
            return shutil.which(name)
    sys.exit("viewer_screenshots.py needs Chromium (apt-get install chromium)")


def shoot(page, fragment, png, tmp):
    subprocess.run([chromium(), "--headless", "--no-sandbox", "--disable-gpu",
                    "--disable-background-networking", f"--user-data-dir={tmp}/profile",
                    "--window-size=1400,900", f"--screenshot={png}",
                    "file://" + page + "#" + fragment], check=True, capture_output=True,
                   timeout=120)
    print(png)


def flowgrad_graph(script, page, *flags):
    subprocess.run([sys.executable, "-m", "flowgrad", "graph", *flags, "-o", page, script],
                   check=True, capture_output=True, cwd=ROOT, timeout=300)


def mlp_page(page):
    import flowgrad as tf
    from flowgrad.tools import graph_viewer
    with tf.Graph().as_default():
        x = tf.placeholder(tf.float32, [64, 32], name="x")
        y = tf.placeholder(tf.int32, [64], name="y")
        h = x
        for i, n in enumerate((128, 128, 10)):
            with tf.variable_scope(f"layer{i}"):
                w = tf.get_variable("w", [h.shape[1], n])
                b = tf.get_variable("b", [n], initializer=tf.zeros_initializer())
                h = tf.matmul(h, w) + b
                h = tf.tanh(h) if n != 10 else h
        loss = tf.losses.sparse_softmax_cross_entropy(y, h)
        train = tf.train.AdamOptimizer(1e-3).minimize(loss)
        graph_viewer.show_graph(train, {x: np.zeros((64, 32), np.float32),
                                        y: np.zeros(64, np.int32)}, page)


def main():
    out = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "docs",
                                                                            "img"))
    with tempfile.TemporaryDirectory() as tmp:
        debug = os.path.join(tmp, "debug.html")
        subprocess.run([sys.executable, "-m", "flowgrad", "run", "examples/debug_tools.py",
                        os.path.join(tmp, "trace.json"), debug], check=True,
                       capture_output=True, cwd=ROOT, timeout=300)
        shoot(debug, "expand=model", os.path.join(out, "viewer_as_built.png"), tmp)
        html = open(debug, encoding="utf-8").read()
        import json
        import re
        data = json.loads(re.search(r'<script id="graph-data" type="application/json">(.*?)'
                                    r'</script>', html, re.S).group(1).replace("<\\/", "</"))
        k, view = 0, None
        for plan in data["plans"]:
            for p in plan["passes"]:
                if p["pass"] == "cse" and view is None and p["events"]:
                    view = k
                k += 1
        shoot(debug, f"view={view or 0}&expand=model,gradients",
              os.path.join(out, "viewer_plan_cse.png"), tmp)
        shoot(debug, "search=MatMul&select=model/MatMul",
              os.path.join(out, "viewer_search_select.png"), tmp)
        mlp = os.path.join(tmp, "mlp.html")
        mlp_page(mlp)
        shoot(mlp, "view=-100&expand=layer0,layer1,layer2",
              os.path.join(out, "viewer_memory.png"), tmp)
        prof = os.path.join(tmp, "prof.html")
        flowgrad_graph("examples/linear_regression.py", prof, "--profile")
        shoot(prof, "view=-2", os.path.join(out, "viewer_profile.png"), tmp)


if __name__ == "__main__":
    main()
