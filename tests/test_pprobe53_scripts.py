"""The probe programs of tests/pprobe53_scripts print TF 1.14's output under `flowgrad run`
(tests/golden/seeded/gen_pprobe53_scripts.py): whole seeded TF1 deep RL programs (baselines
deepq act/train, C51 and QR-DQN, TD3, recurrent A2C with masks, PPO with Categorical x
Beta actions and GAE, NoisyNet / soft-Q / prioritized replay), each with a NumPy
environment: values, op counts and a hash of the GraphDef's nodes."""

import os

import pytest

from goldens import load
import script_runner

HERE = os.path.join(os.path.dirname(__file__), "pprobe53_scripts")
GOLD = load("seeded", "pprobe53_scripts")
SCRIPTS = sorted(k for k in GOLD if k.endswith(".py"))

_SPARSE_XENT = (
    "the GraphDef differs in one node: TF 1.14's SparseSoftmaxCrossEntropyWithLogits "
    "gradient multiplies by PreventGradient(backprop) (_grad/mul reads _grad/PreventGradient); "
    "flowgrad builds the PreventGradient but its mul reads the op's backprop output :1, on "
    "purpose, so that its second derivative works where TF raises (engine/ops/losses.py "
    "_sparse_xent_grad; tests/test_losses.py test_sparse_second_order)")
XFAIL = {
    "a2c_lstm_masks.py": _SPARSE_XENT,
    "ppo_beta_hybrid_gae.py": _SPARSE_XENT,
}
_RUNS = {}


@pytest.fixture(autouse=True)
def _golden_host(monkeypatch):
    # these goldens were made on an Intel Xeon (GOLD["host"]): TF's float32 products
    # (MatMul) used Eigen's blocking for its caches (engine/ops/host_cpu.py)
    monkeypatch.setenv("FLOWGRAD_CPU", GOLD["host"])


def _run(script):
    if script not in _RUNS:
        _RUNS[script] = script_runner.run("run", os.path.join(HERE, script))
    return _RUNS[script]


def test_golden_host_is_recorded():
    assert GOLD["host"] == "intel"


def test_every_script_has_a_golden():
    assert SCRIPTS == sorted(f for f in os.listdir(HERE) if f.endswith(".py"))


@pytest.mark.parametrize("script", [
    pytest.param(s, marks=pytest.mark.xfail(strict=True, reason=XFAIL[s])) if s in XFAIL
    else s for s in SCRIPTS])
def test_script_prints_tf_output(script):
    out = _run(script)
    assert out.returncode == 0, out.stderr
    assert out.stdout == GOLD[script]


@pytest.mark.parametrize("script", sorted(XFAIL))
def test_xfailed_script_prints_tf_values(script):
    # every line but the GraphDef hash that XFAIL explains
    out = _run(script)
    assert out.returncode == 0, out.stderr
    got, want = out.stdout.splitlines(), GOLD[script].splitlines()
    assert len(got) == len(want)
    assert [g for g, w in zip(got, want) if not w.startswith("graphdef ")] == \
        [w for w in want if not w.startswith("graphdef ")]
    assert [g for g in got if g.startswith("graphdef ")] != \
        [w for w in want if w.startswith("graphdef ")]
