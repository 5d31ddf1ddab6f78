"""tf.contrib.opt.GGTOptimizer, tf.contrib.opt.ShampooOptimizer and the tf.contrib.optimizer_v2
optimizers against TF 1.14 (tests/golden/contrib_opt/gen_svd_optimizers.py, whose functions
run here with flowgrad): dense and IndexedSlices gradients, reference and resource
variables, two seeds, four steps; every op's name and type, slot and variable names, TF's
errors, and the losses and variables after each step bit for bit.

The golden comes from an Intel Xeon: the Adam/RMSProp/Adagrad kinds' float32 Sqrt/Rsqrt
packets use that host's RSQRTPS table and the products Eigen's blocking for its caches
(read when the kernels' modules load), so the cases run in a process with
FLOWGRAD_CPU=intel (the suite pins amd, conftest.py)."""
import os
import pickle
import subprocess
import sys

import numpy as np
import pytest

import goldens

GEN = goldens.generator("contrib_opt", "svd_optimizers")
WANT = goldens.load("contrib_opt", "svd_optimizers")
KEYS = sorted(k for k in WANT if "/" in k)
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

_RUN = """
import pickle, sys
sys.path[:0] = [{tests!r}, {golden!r}]
import flowgrad as tf
import goldens
gen = goldens.generator("contrib_opt", "svd_optimizers")
out = {{}}
for case in {keys!r}:
    problem, key, seed = case.split("/")
    out[case] = gen.run(tf, problem, key, int(seed))
with open({path!r}, "wb") as f:
    pickle.dump(out, f)
"""


@pytest.fixture(scope="module")
def got(tmp_path_factory):
    assert WANT["vendor"] == "intel"
    assert len(KEYS) == len(GEN.OPTS) * len(GEN.PROBLEMS) * len(GEN.SEEDS)
    path = str(tmp_path_factory.mktemp("svd_optimizers") / "got.pkl")
    code = _RUN.format(tests=os.path.join(ROOT, "tests"),
                       golden=os.path.join(ROOT, "tests", "golden"), keys=KEYS, path=path)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env={**os.environ, "FLOWGRAD_CPU": "intel"}, timeout=900)
    assert out.returncode == 0, out.stderr[-3000:]
    with open(path, "rb") as f:
        return pickle.load(f)


@pytest.mark.parametrize("case", KEYS)
def test_matches_tf(got, case):
    got, exp = got[case], WANT[case]
    assert sorted(got) == sorted(exp)
    if "error" in exp:
        assert got["error"] == exp["error"]
        return
    for k in ("ops", "train_op", "global_variables", "slot_names", "global_step"):
        assert got[k] == exp[k], k
    for i, (g, e) in enumerate(zip(got["losses"], exp["losses"])):
        assert np.asarray(g).tobytes() == np.asarray(e).tobytes(), f"loss {i}: {g} != {e}"
    for i, (gs, es) in enumerate(zip(got["steps"], exp["steps"])):
        for j, (g, e) in enumerate(zip(gs, es)):
            np.testing.assert_array_equal(g, e, err_msg=f"step {i} variable {j}")
            assert g.dtype == e.dtype


def test_errors_and_names_match_tf():
    import flowgrad as tf
    assert GEN.errors(tf) == WANT["errors"]
