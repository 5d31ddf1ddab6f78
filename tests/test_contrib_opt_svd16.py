"""tf.contrib.opt.GGTOptimizer (window 16, 20) and ShampooOptimizer (16 x 24, 32 x 32
weights) against TF 1.14 (tests/golden/contrib_opt/gen_svd_optimizers16.py, whose
functions run here with flowgrad): their Svd matrices have 16 columns or more (TF's
BDCSVD); the ops, the losses and the variables after each step bit for bit.

The golden comes from an Intel Xeon (BDCSVD's blocked products read Eigen's cache sizes,
Sqrt/Rsqrt the RSQRTPS table, both when the kernels' modules load), so the cases run in
a process with FLOWGRAD_CPU set to the golden's vendor (the suite pins amd, conftest.py)."""
import os
import pickle
import subprocess
import sys

import numpy as np
import pytest

import goldens

GEN = goldens.generator("contrib_opt", "svd_optimizers16")
WANT = goldens.load("contrib_opt", "svd_optimizers16")
KEYS = sorted(GEN.OPTS)
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

_RUN = """
import pickle, sys
sys.path[:0] = [{tests!r}, {golden!r}]
import flowgrad as tf
import goldens
gen = goldens.generator("contrib_opt", "svd_optimizers16")
out = {{}}
for key in {keys!r}:
    out[key] = gen.run(tf, key)
    g = tf.get_default_graph()
    out[key]["svd_cols"] = [op.inputs[0].shape.as_list()[-1] for op in g.get_operations()
                            if op.type == "Svd"]
with open({path!r}, "wb") as f:
    pickle.dump(out, f)
"""


@pytest.fixture(scope="module")
def got(tmp_path_factory):
    path = str(tmp_path_factory.mktemp("svd_optimizers16") / "got.pkl")
    code = _RUN.format(tests=os.path.join(ROOT, "tests"),
                       golden=os.path.join(ROOT, "tests", "golden"), keys=KEYS, path=path)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env={**os.environ, "FLOWGRAD_CPU": WANT["vendor"]}, timeout=900)
    assert out.returncode == 0, out.stderr[-3000:]
    with open(path, "rb") as f:
        return pickle.load(f)


@pytest.mark.parametrize("key", KEYS)
def test_matches_tf(got, key):
    got, exp = got[key], WANT[key]
    # every case runs BDCSVD (TF's kernel from 16 columns on)
    assert got["svd_cols"] and min(got["svd_cols"]) >= 16, got["svd_cols"]
    assert got["ops"] == exp["ops"]
    assert len(got["losses"]) == len(exp["losses"])
    for i, (g, e) in enumerate(zip(got["losses"], exp["losses"])):
        assert np.asarray(g).tobytes() == np.asarray(e).tobytes(), f"loss {i}: {g} != {e}"
    for i, (gs, es) in enumerate(zip(got["steps"], exp["steps"])):
        for j, (g, e) in enumerate(zip(gs, es)):
            np.testing.assert_array_equal(g, e, err_msg=f"step {i} variable {j}")
            assert g.dtype == e.dtype
