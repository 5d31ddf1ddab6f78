"""tf.keras.estimator.model_to_estimator against TF 1.14
(tests/golden/keras/gen_model_to_estimator.py): the variables of the warm-start checkpoint
(model_dir/keras) and of model_dir, predict before and after training (the warm start
from the Keras weights), evaluate's metrics and the ValueErrors of bad arguments."""
import pytest

import flowgrad as tf
from goldens import generator, load
from test_layers import _compare

GOLD = load("keras", "model_to_estimator")
GEN = generator("keras", "model_to_estimator")


@pytest.mark.parametrize("case", sorted(GEN.CONFIGS))
def test_model_to_estimator(case, tmp_path):
    tf.keras.backend.clear_session()
    got = GEN.run(tf, str(tmp_path), **GEN.CONFIGS[case])
    want = GOLD[case]
    for key in ("keras_ckpt", "ckpt"):
        assert sorted(got[key]) == sorted(want[key]), key
    # the train graph's nodes are TF's but for the global step's initialized_value, one
    # op standing for TF's cond (flowgrad's Variable.initialized_value): same count
    nodes, want_nodes = got.pop("train_graph_nodes"), want["train_graph_nodes"]
    assert len(nodes) == len(want_nodes)
    assert [n for n in nodes if not n.startswith("global_step/")] == \
        [n for n in want_nodes if not n.startswith("global_step/")]
    want = {k: v for k, v in want.items() if k != "train_graph_nodes"}
    _compare(got, want, case)


@pytest.mark.parametrize("case", ["seeded", "h5", "two_outputs"])
def test_model_to_estimator_more(case, tmp_path):
    """Graph-seeded initial weights (TF's op count), an HDF5 file's model, dict features
    and labels of a two-output model."""
    tf.keras.backend.clear_session()
    fn = {"seeded": GEN.run_seeded, "h5": GEN.run_h5, "two_outputs": GEN.run_two_outputs}
    got = fn[case](tf, str(tmp_path))
    want = GOLD[case]
    assert sorted(got["ckpt"]) == sorted(want["ckpt"])
    _compare(got, want, case)


@pytest.mark.parametrize("case", sorted(GEN.SUBCLASSED))
def test_model_to_estimator_subclassed(case, tmp_path):
    """A subclassed Model reset in place in each model_fn and restored after, as TF 1.14
    (its errors where TF's bookkeeping fails: an unbuilt model, predict first)."""
    tf.keras.backend.clear_session()
    got = GEN.run_subclassed(tf, str(tmp_path), **GEN.SUBCLASSED[case])
    want = GOLD[case]
    assert sorted(got) == sorted(want)
    for key in got:
        if key.endswith("_train"):
            assert sorted(got[key]) == sorted(want[key]), key
    _compare(got, want, case)


def test_compile_target_tensors():
    """compile(target_tensors=) as a tensor, a list, a dict: fit/evaluate without y."""
    got = GEN.run_target_tensors(tf)
    want = GOLD["target_tensors"]
    _compare(got, want, "target_tensors")


def test_tf_optimizer_fit():
    """TFOptimizer as TF 1.14's: its 'TFOptimizer/iterations' step counter."""
    got = GEN.run_tf_optimizer_fit(tf)
    _compare(got, GOLD["tf_optimizer_fit"], "tf_optimizer_fit")


def test_errors():
    tf.keras.backend.clear_session()
    got = GEN._errors(tf)
    for name, want in GOLD["errors"].items():
        assert type(got[name]).__name__ == want.cls, name
        assert str(got[name]) == want.message, name
