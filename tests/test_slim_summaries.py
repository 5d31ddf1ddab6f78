"""tf.contrib.slim.summaries against TF 1.14 (tests/golden/contrib/gen_slim_summaries.py)."""
import numpy as np

import goldens
import flowgrad as tf

GEN = goldens.generator("contrib", "slim_summaries")
GOLD = goldens.load("contrib", "slim_summaries")


def test_summaries_as_tf():
    got = GEN.build(tf)
    want = GOLD["build"]
    for key in ("names", "collection"):
        assert got[key] == want[key], key
    images = [k for k, (_, kind) in enumerate(want["names"]) if kind == "ImageSummary"]
    assert [bytes(v) for k, v in enumerate(got["values"]) if k not in images] == \
        [bytes(v) for k, v in enumerate(want["values"]) if k not in images]
    assert len(got["pixels"]) == len(want["pixels"]) == 2 * len(images)   # 2 images each
    for a, b in zip(got["pixels"], want["pixels"]):
        np.testing.assert_array_equal(a, b)
