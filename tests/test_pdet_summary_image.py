"""tf.summary.image of float16 / float64 images against TF 1.14's PNG bytes."""
import pytest

import flowgrad as tf
from goldens import generator, load

GEN = generator("image", "pdet_summary_image")
GOLD = load("image", "pdet_summary_image")


@pytest.mark.parametrize("name", sorted(GOLD))
def test_png_bytes(name):
    got = GEN.cases(tf)[name]
    assert [tuple(v) for v in got] == [tuple(v) for v in GOLD[name]]
