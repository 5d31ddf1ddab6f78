"""`flowgrad check`: the TF symbols a script uses that flowgrad lacks or supports in part,
found without running it, resolved exactly as `flowgrad run` resolves them."""
import json
import subprocess
import sys
import textwrap
import types

import pytest

from flowgrad import check, cli

SCRIPT = '''\
import tensorflow as tf
import tensorflow.compat.v1 as tf1
from tensorflow.contrib import proto
from tensorflow.python.ops import math_ops
from tensorflow.python.ops import gen_nonexistent_ops
from tensorflow.contrib.bigtable import BigtableClient
bt = tf.contrib.bigtable

x = tf.placeholder(tf.float32, [None, 3])
y = tf1.nn.relu(x) + math_ops.add(x, x)
z = tf.matrix_solve_ls(x, x, l2_regularizer=0.1)
w = tf.contrib.proto.decode_proto(None)
u = tf.nonexistent_fn(x)
v = bt.BigtableClient("p", "i")
loss = tf.compat.v1.losses_nonexistent(y)
k = tf.GraphKeys.TRAINABLE_VARIABLES


def f():
    return tf1.contrib.proto.decode_proto(x)
'''


def findings(source):
    return [(f.line, f.symbol, f.status) for f in check.scan_source(textwrap.dedent(source))]


def test_reports_absent_and_partial_symbols_with_lines():
    assert findings(SCRIPT) == [
        (3, "tensorflow.contrib.proto", "absent"),
        (5, "tensorflow.python.ops.gen_nonexistent_ops", "absent"),
        (6, "tensorflow.contrib.bigtable", "absent"),
        (7, "tensorflow.contrib.bigtable", "absent"),
        (11, "tensorflow.matrix_solve_ls", "partial"),
        (12, "tensorflow.contrib.proto", "absent"),
        (13, "tensorflow.nonexistent_fn", "absent"),
        (14, "tensorflow.contrib.bigtable", "absent"),
        (15, "tensorflow.losses_nonexistent", "absent"),
        (20, "tensorflow.contrib.proto", "absent"),
    ]


def test_partial_lists_the_refusals():
    (f,) = check.scan_source("import tensorflow as tf\ntf.matrix_solve_ls(a, b)\n")
    assert f.status == "partial"
    assert any("l2_regularizer != 0" in n for n in f.notes)


def test_an_all_present_script_has_no_findings():
    assert findings("import tensorflow as tf\nfrom tensorflow.python.framework import ops\n"
                    "x = tf.Variable(tf.zeros([2]))\ng = ops.get_default_graph()\n"
                    "opt = tf.train.AdamOptimizer(0.1)\n") == []


def test_a_new_lazily_loaded_namespace_is_picked_up(monkeypatch, tmp_path):
    """A flowgrad.contrib module that appears (as other engineers add them) is present for
    check and for run alike, with no change to either."""
    mod = types.ModuleType("flowgrad.contrib.fgcheck_probe")
    mod.double = lambda v: 2 * v
    source = "import tensorflow as tf\nprint(tf.contrib.fgcheck_probe.double(21))\n"
    assert findings(source) == [(2, "tensorflow.contrib.fgcheck_probe", "absent")]
    monkeypatch.setitem(sys.modules, "flowgrad.contrib.fgcheck_probe", mod)
    assert findings(source) == []
    script = tmp_path / "probe.py"
    script.write_text(source)
    assert cli.run_script(str(script)) == 0


def test_check_and_run_agree_on_a_missing_symbol(tmp_path, capsys):
    script = tmp_path / "uses_proto.py"
    script.write_text("import tensorflow as tf\n\nm = tf.contrib.proto.decode_proto\n")
    (f,) = check.scan_paths([str(script)])[0]
    assert cli.run_script(str(script)) == 1
    err = capsys.readouterr().err.strip().splitlines()[-1]
    assert err == (f"AttributeError: flowgrad does not implement {f.symbol} (used by "
                   f"{script} line {f.line})")


def flowgrad(*args):
    return subprocess.run([sys.executable, "-m", "flowgrad", *args], capture_output=True,
                          text=True, check=False)


def test_cli_report_exit_status_and_json(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text(SCRIPT)
    good = tmp_path / "sub" / "good.py"
    good.parent.mkdir()
    good.write_text("import tensorflow as tf\nprint(tf.constant(1.0))\n")
    out = flowgrad("check", str(tmp_path))
    assert out.returncode == 1, out.stderr
    lines = out.stdout.splitlines()
    assert lines[0] == f"{bad}:3:1: tensorflow.contrib.proto: absent"
    assert lines[-1] == "2 file(s) checked: 9 absent, 1 partial TF symbol use(s)"
    assert any(line.startswith(f"{bad}:11:5: tensorflow.matrix_solve_ls: partial: ")
               for line in lines)
    out = flowgrad("check", str(good))
    assert out.returncode == 0
    assert out.stdout == "1 file(s) checked: 0 absent, 0 partial TF symbol use(s): all present\n"
    data = json.loads(flowgrad("check", "--json", str(bad)).stdout)
    assert data["summary"] == {"absent": 9, "partial": 1}
    assert data["findings"][0] == {"file": str(bad), "line": 3, "col": 1,
                                   "symbol": "tensorflow.contrib.proto",
                                   "status": "absent",
                                   "notes": ["flowgrad does not implement "
                                             "tensorflow.contrib.proto"]}


def test_cli_strict_fails_on_partial_and_bad_files_exit_2(tmp_path):
    partial = tmp_path / "p.py"
    partial.write_text("import tensorflow as tf\ntf.matrix_solve_ls\n")
    assert flowgrad("check", str(partial)).returncode == 0
    assert flowgrad("check", "--strict", str(partial)).returncode == 1
    broken = tmp_path / "broken.py"
    broken.write_text("def (:\n")
    out = flowgrad("check", str(broken))
    assert out.returncode == 2 and f"error: {broken}:" in out.stdout


@pytest.mark.parametrize("source, expected", [
    ("import tensorflow.contrib.proto as tfgan\ntfgan.gan_model",
     [(1, {"tensorflow.contrib.proto"}), (2, {"tensorflow.contrib.proto"})]),
    # tf.keras is being added this session: either it or the missing submodule is reported
    ("from tensorflow.keras.nonexistent_mod import Thing\nThing()",
     [(1, {"tensorflow.keras", "tensorflow.keras.nonexistent_mod"})]),
    ("from tensorflow.contrib import proto as G\nG.x",
     [(1, {"tensorflow.contrib.proto"}), (2, {"tensorflow.contrib.proto"})]),
    ("import tensorflow\ntensorflow.contrib.proto.x\nimport numpy as tf\n",
     [(2, {"tensorflow.contrib.proto"})]),
])
def test_import_forms(source, expected):
    got = findings(source)
    assert len(got) == len(expected)
    for (line, symbol, status), (want_line, allowed) in zip(got, expected):
        assert line == want_line and symbol in allowed and status == "absent"
