"""tf.summary.get_summary_description / SummaryDescription / all_v2_summary_ops and
tf.debugging.get/set_log_device_placement against TF 1.14
(tests/golden/core/gen_summary_misc.py)."""
import pytest

import flowgrad as tf
import goldens

pytest.importorskip("google.protobuf")
gen = goldens.generator("core", "summary_misc")
GOLDEN = goldens.load("core", "summary_misc")


@pytest.fixture
def fresh_context():
    """The runtime as at program startup (list_logical_devices starts it for good)."""
    from flowgrad.engine.framework.context import context
    ctx = context()
    was = ctx.initialized, ctx.log_device_placement
    ctx.initialized = False
    yield
    ctx.initialized, ctx.log_device_placement = was


@pytest.mark.parametrize("case", ["summary", "log_placement"])
def test_matches_tf114(case, fresh_context):
    assert getattr(gen, case)(tf) == GOLDEN[case]


def test_log_placement_prints_the_device_mapping(capsys, fresh_context):
    tf.debugging.set_log_device_placement(True)
    try:
        with tf.Graph().as_default():
            tf.constant(1.0)
            tf.Session().close()
    finally:
        tf.debugging.set_log_device_placement(False)
    assert "Device mapping:" in capsys.readouterr().out
