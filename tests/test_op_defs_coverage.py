"""op_defs.json (tools/gen_op_defs.py) holds TF 1.14's OpDef of every op flowgrad registers,
those of the modules loaded on first use included (tf.data's, data/stats.py's), and
tf.raw_ops offers tf.data's ops whatever was imported before it."""
import os
import subprocess
import sys

import flowgrad

SRC = os.path.dirname(os.path.dirname(os.path.abspath(flowgrad.__file__)))

# the ops flowgrad registers that TF 1.14 lacks (none is in the oracle's op registry with
# contrib's image, resampler and factorization libraries loaded): flowgrad's own
FLOWGRAD_OWN = frozenset((
    "Cond", "DecodeImage", "HorovodAllgather",
    "HorovodAllreduce", "HorovodBroadcast", "HorovodGroupedAllreduce", "LoopVar",
    "TensorArrayGradConcat", "TensorArrayGradGather", "TensorArrayGradRead",
    "TensorArrayGradScatter", "TensorArrayGradSplit", "TensorArrayGradWrite",
    "TensorArrayZeroGrad", "V1Frames", "V1FramesGrad", "WhileGrad", "swish_b16",
    "swish_c128", "swish_c64", "swish_f16", "swish_f32", "swish_f64"))

_EVERY_MODULE = """
import importlib, pkgutil
import flowgrad
from flowgrad.engine.framework.registry import OPS, op_defs
for m in pkgutil.walk_packages(flowgrad.__path__, "flowgrad."):
    importlib.import_module(m.name)
print("\\n".join(sorted(set(OPS) - set(op_defs()))))
"""


def _run(code):
    env = dict(os.environ, PYTHONPATH=SRC)
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                         text=True, timeout=600)
    assert out.returncode == 0, out.stderr[-2000:]
    return out.stdout.split()


def test_op_defs_cover_every_registered_op():
    # (in a process of its own: importing every module registers ops this one lacks)
    assert set(_run(_EVERY_MODULE)) == FLOWGRAD_OWN


def test_raw_ops_has_dataset_ops_before_tf_data_loads():
    got = _run("import flowgrad as tf\n"
               "print('TensorSliceDataset' in dir(tf.raw_ops), "
               "hasattr(tf.raw_ops, 'IteratorGetNext'), len(tf.raw_ops.__all__))")
    assert got[:2] == ["True", "True"]
    import flowgrad.raw_ops as raw   # (this process: tf.data may load first)
    assert int(got[2]) == len(raw.__all__)
