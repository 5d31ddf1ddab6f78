"""tf.keras.layers.ConvLSTM2D against TF 1.14 (tests/golden/keras/gen_convlstm.py: the same
case functions run with flowgrad)."""
import pytest

import flowgrad as tf
from goldens import GoldenError, generator, load
from test_layers import _compare

GOLD = load("keras", "convlstm")
GEN = generator("keras", "convlstm")


@pytest.mark.parametrize("case", sorted(GEN.RUNS))
def test_convlstm_values_grads_seeds_and_op_counts_as_tf(case):
    # (a dilated case included: nn.convolution's SpaceToBatchND/BatchToSpaceND, as TF's)
    got, want = GEN._run(tf, *GEN.RUNS[case]), dict(GOLD[case])
    _compare(got, want, case)


def test_convlstm_seeded_dropout_fit_as_tf():
    _compare(GEN._fit(tf), GOLD["fit_dropout"], "fit_dropout")


def test_convlstm_stateful_chunks_as_tf():
    _compare(GEN._stateful(tf), GOLD["stateful"], "stateful")


@pytest.mark.parametrize("case,kwargs", [
    ("config", {"filters": 4, "kernel_size": 3, "strides": 2, "data_format": "channels_first",
                "kernel_regularizer": "l2", "activity_regularizer": "l1", "dropout": 0.5,
                "return_sequences": True, "name": "c"}),
    ("config_state", {"filters": 1, "kernel_size": (1, 2), "return_state": True,
                      "stateful": True})])
def test_convlstm_config_round_trip_as_tf(case, kwargs):
    _compare(GEN._config(tf, kwargs), GOLD[case], case)


@pytest.mark.parametrize("case", ["err_unroll", "err_rank", "err_stateful_batch"])
def test_convlstm_errors_as_tf(case):
    got, want = GEN._error(tf, getattr(GEN, "_" + case)), GOLD[case]
    assert isinstance(got, BaseException), got
    assert (GoldenError.of(got).cls, str(got)) == (want.cls, want.message)
