"""tf.test.Benchmark against TF 1.14 (tests/golden/core/gen_benchmark.py)."""
import flowgrad as tf
import goldens

gen = goldens.generator("core", "benchmark")
GOLDEN = goldens.load("core", "benchmark")["benchmark"]


def test_matches_tf114():
    got = gen.cases(tf)["benchmark"]
    for key in GOLDEN:
        assert got[key] == GOLDEN[key], key
    assert sorted(got) == sorted(GOLDEN)
