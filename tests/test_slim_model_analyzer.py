"""tf.contrib.slim.model_analyzer against TF 1.14
(tests/golden/contrib/gen_slim_model_analyzer.py)."""
import goldens
import flowgrad as tf

GEN = goldens.generator("contrib", "slim_model_analyzer")
GOLD = goldens.load("contrib", "slim_model_analyzer")


def test_analyze_as_tf():
    got = GEN.analyze(tf)
    want = GOLD["analyze"]
    assert sorted(got) == sorted(want)
    for key in want:
        assert got[key] == want[key], key
