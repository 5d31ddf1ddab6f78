"""Measures the graph viewer's layout against the layout libraries it could use.

    python tools/layout_measure.py [N_LAYERS] [--max-units N] [--only hand,dagre,elk]

Builds an MLP training graph (N_LAYERS dense blocks with dropout, softmax cross-entropy,
a summary, Adam; 200 layers = 9,961 ops), takes the viewer's own data for it
(graph_viewer.graph_data) and lays out its box graph three ways - name scopes collapsed
at the top level (the page's first view), two levels open, every op its own box - with
flowgrad's layout (src/flowgrad/tools/viewer_layout.js, the file the page runs), dagre
(@dagrejs/dagre 3.1.3) and ELK (elkjs 0.12.1, its layered algorithm), both fetched into
a temporary folder with `npm pack` (needs node and npm; nothing is installed or kept).
Prints one JSON line per (view, layout): boxes, edges, layout time in ms (one run, node's
V8: the engine Chromium runs the page with), and two quality figures over straight
segments between box centres: edge crossings and total edge length (thousands of px).
Libraries are skipped on box graphs larger than --max-units (dagre and ELK need minutes).
The figures and the choice they led to are in docs/tools.md ("Graph viewer layout").
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile

import flowgrad as tf
from flowgrad.tools import graph_viewer

HERE = os.path.dirname(os.path.abspath(__file__))
LAYOUT_JS = os.path.join(HERE, "..", "src", "flowgrad", "tools", "viewer_layout.js")
PACKAGES = {"dagre": "@dagrejs/dagre@3.1.3", "elkjs": "elkjs@0.12.1"}


def build(n_layers):
    x = tf.placeholder(tf.float32, [None, 32], name="x")
    y = tf.placeholder(tf.int32, [None], name="y")
    h = x
    for i in range(n_layers):
        with tf.variable_scope(f"block{i}"):
            h = tf.layers.dense(h, 32, activation=tf.nn.relu, name="dense")
            h = tf.layers.dropout(h, 0.1) if i % 4 == 0 else h
    logits = tf.layers.dense(h, 10, name="logits")
    loss = tf.losses.sparse_softmax_cross_entropy(y, logits)
    tf.summary.scalar("loss", loss)
    tf.train.AdamOptimizer(1e-3).minimize(loss)
    return len(tf.get_default_graph().get_operations())


def fetch_libraries(dest):
    for name, spec in PACKAGES.items():
        out = subprocess.run(["npm", "pack", "--silent", spec], cwd=dest, check=True,
                             capture_output=True, text=True).stdout.split()[-1]
        with tarfile.open(os.path.join(dest, out)) as tar:
            tar.extractall(os.path.join(dest, name), filter="data")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("layers", nargs="?", type=int, default=200)
    ap.add_argument("--max-units", type=int, default=1000)
    ap.add_argument("--only", default="hand,dagre,elk")
    args = ap.parse_args()
    if not (shutil.which("node") and shutil.which("npm")):
        sys.exit("layout_measure.py needs node and npm")
    n_ops = build(args.layers)
    print(f"graph: {n_ops} ops", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        data = os.path.join(tmp, "graph.json")
        with open(data, "w") as f:
            json.dump(graph_viewer.graph_data(), f)
        fetch_libraries(tmp)
        subprocess.run(["node", os.path.join(HERE, "layout_measure.js"), data, tmp,
                        os.path.abspath(LAYOUT_JS), args.only, str(args.max_units)], check=True)


if __name__ == "__main__":
    main()
