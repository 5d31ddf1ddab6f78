"""The wheel, installed as a user installs it: built from this tree, put into a fresh
virtual environment, and its commands run from outside the source tree.

Marked `wheel` (pytest's default selection leaves it out; `.ci/run` runs
`pytest -m wheel`): building and installing take a minute or two.
"""
import glob
import os
import subprocess
import sys
import zipfile

import pytest

import goldens

import flowgrad

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

pytestmark = pytest.mark.wheel


def sh(*cmd, cwd=None, ok=True):
    out = subprocess.run(list(cmd), cwd=cwd, capture_output=True, text=True, check=False,
                         env={k: v for k, v in os.environ.items() if k != "PYTHONPATH"})
    if ok:
        assert out.returncode == 0, f"{cmd}: rc={out.returncode}\n{out.stdout}\n{out.stderr}"
    return out


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """(wheel path, venv bin dir, a working directory outside the source tree)."""
    tmp = tmp_path_factory.mktemp("wheel")
    sh(sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(tmp / "dist"), ROOT)
    (wheel,) = glob.glob(str(tmp / "dist" / "flowgrad-*.whl"))
    sh(sys.executable, "-m", "venv", str(tmp / "venv"))
    bin_dir = tmp / "venv" / "bin"
    sh(str(bin_dir / "pip"), "install", "-q", f"flowgrad[demo] @ file://{wheel}")
    work = tmp / "work"
    work.mkdir()
    return wheel, bin_dir, work


def test_wheel_carries_the_licence_metadata_and_package_data(installed):
    wheel, _, _ = installed
    with zipfile.ZipFile(wheel) as z:
        names = set(z.namelist())
        (meta,) = [n for n in names if n.endswith(".dist-info/METADATA")]
        metadata = z.read(meta).decode()
    for f in ("flowgrad/py.typed", "flowgrad/demo/digits.py", "flowgrad/demo/seed/example1.py",
              "flowgrad/__main__.py", "flowgrad/engine/framework/op_defs.json",
              "flowgrad/protos/example_pb2.py"):
        assert f in names
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    assert not any(n.startswith(("tests/", "examples/")) for n in names)
    assert "License-Expression: Apache-2.0" in metadata
    assert "Requires-Python: >=3.10" in metadata
    for dep in ("numpy", "protobuf", "absl-py", "tensorboard"):
        assert f"Requires-Dist: {dep}" in metadata
    assert "Provides-Extra: fsspec" in metadata


def test_installed_commands_run(installed):
    _, bin_dir, work = installed
    flowgrad = str(bin_dir / "flowgrad")
    out = sh(flowgrad, "demo", "--steps", "50", "--noprogress", "--logdir", "runs/d", cwd=work)
    assert "Step 50: test loss" in out.stdout and "test accuracy" in out.stdout
    assert (work / "runs" / "d" / "checkpoint").exists()
    assert sh(flowgrad, "demo", "--help", cwd=work).stdout.startswith("Train a 64-64-10 MLP")
    out = sh(flowgrad, "seed", cwd=work)
    assert "[6.0]" in out.stdout and "[27.0]" in out.stdout
    assert "[array([ 2., 12.], dtype=float32)]" in out.stdout
    script = os.path.join(ROOT, "examples", "linear_regression.py")
    out = sh(flowgrad, "run", script, cwd=work)
    assert out.stdout == goldens.load("examples", "examples")["linear_regression"]


def test_installed_version_module_and_usage_errors(installed):
    _, bin_dir, work = installed
    out = sh(str(bin_dir / "python"), "-m", "flowgrad", "--version", cwd=work)
    assert out.stdout == f"flowgrad {flowgrad.__version__} (the TensorFlow 1.14.0 API)\n"
    out = sh(str(bin_dir / "flowgrad"), "run", cwd=work, ok=False)
    assert out.returncode == 2
    assert out.stderr == ("flowgrad run: error: the following arguments are required: SCRIPT "
                          "(see 'flowgrad run --help')\n")


def test_installed_package_writes_tf_files(installed):
    # TF's formats from the installed package: a V2 checkpoint and a MetaGraphDef protobuf
    # (GraphDef export reads the op definitions shipped as package data)
    _, bin_dir, work = installed
    code = (
        "import flowgrad as tf\n"
        "from tensorboard.compat.proto import meta_graph_pb2\n"
        "v = tf.Variable([1.0, 2.0], name='v')\n"
        "s = tf.train.Saver()\n"
        "with tf.Session() as sess:\n"
        "    sess.run(tf.global_variables_initializer())\n"
        "    p = s.save(sess, 'ck/model')\n"
        "m = meta_graph_pb2.MetaGraphDef()\n"
        "m.ParseFromString(open(p + '.meta', 'rb').read())\n"
        "print(sorted(n.op for n in m.graph_def.node if n.name == 'v'))\n"
        "print(tf.train.NewCheckpointReader(p).get_tensor('v'))\n")
    out = sh(str(bin_dir / "python"), "-c", code, cwd=work)
    assert out.stdout == "['VariableV2']\n[1. 2.]\n"
    assert (work / "ck" / "model.index").exists()
