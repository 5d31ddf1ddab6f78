"""tf.compat's helpers, the GraphDef version constants and the tf.io / top-level aliases
of tf.image functions, against TF 1.14 (tests/golden/compat/gen_compat_extras.py)."""
import flowgrad as tf
from goldens import generator, load


def test_compat_extras_as_tf():
    assert generator("compat", "compat_extras").cases(tf) == load("compat", "compat_extras")


def test_graph_defs_carry_graph_def_version():
    g = tf.Graph()
    with g.as_default():
        tf.constant(1.0)
    assert g.as_graph_def().versions.producer == tf.GRAPH_DEF_VERSION
