"""tf.contrib.learn.datasets.base's CSV loaders against TF 1.14 (the generator's `cases`
run here with flowgrad)."""
import flowgrad as tf
import goldens

GEN = goldens.generator("contrib", "learn_csv")
GOLD = goldens.load("contrib", "learn_csv")


def test_csv_loaders_match_tf114():
    got = GEN.cases(tf)
    for name, want in GOLD.items():
        goldens.same_exact(got[name], want, name)


def test_dataset_pair_is_public():
    ds = tf.contrib.learn.datasets.base.Dataset(data=[1], target=[2])
    assert (ds.data, ds.target) == ([1], [2])
