"""tf.summary.FileWriter used after close() against TF 1.14
(tests/golden/saver/gen_closed_writer.py)."""
import pytest

import goldens
import flowgrad as tf

pytest.importorskip("google.protobuf")
GEN = goldens.generator("saver", "closed_writer")
GOLD = goldens.load("saver", "closed_writer")


def test_closed_writer_warns_as_tf():
    got = GEN.run(tf)
    assert got["warnings"] == GOLD["run"]["warnings"]
