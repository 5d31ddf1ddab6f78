"""fit_generator and evaluate_generator with generators and Sequences yielding sample
weights, as TF 1.14 (tests/golden/keras/gen_generator_weights.py)."""
import numpy as np
import pytest

import flowgrad as tf
from goldens import generator, load

GOLD = load("keras", "generator_weights")
GEN = generator("keras", "generator_weights")


@pytest.mark.parametrize("kind", sorted(GOLD))
def test_generator_sample_weights_are_tf(kind):
    gold, mine = GOLD[kind], GEN._one(tf, kind)
    assert sorted(mine["history"]) == sorted(gold["history"])
    for key, values in gold["history"].items():
        np.testing.assert_allclose(mine["history"][key], values, rtol=1e-5, atol=1e-6,
                                   err_msg=key)
    for key in ("evaluate", "evaluate_unweighted", "train_on_batch"):
        if key in gold:
            np.testing.assert_allclose(mine[key], gold[key], rtol=1e-5, atol=1e-6,
                                       err_msg=key)
    for a, b in zip(mine["weights"], gold["weights"]):
        np.testing.assert_allclose(a, b, rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("kind", sorted(GOLD))
def test_generator_fit_op_count_is_tf(kind):
    # TF's fit_generator initializes the model's variables (get_session's 'init') when it
    # resets the metrics, before its first train_on_batch makes the train function, and the
    # optimizer's variables at that batch ('init_1')
    assert GEN._one(tf, kind)["fit_count"] == GOLD[kind]["fit_count"]


def test_sequence_shuffle_reshuffles_the_last_order():
    # TF 1.14's OrderedEnqueuer shuffles one index list in place with Python's random
    # at each pass: the next epoch's order is a shuffle of the last one's, not of
    # range(len) (batch i has i + 1 samples; the order TF 1.14 gives after random.seed(5))
    import random
    K = tf.keras

    class Sizes(K.utils.Sequence):
        def __len__(self):
            return 5

        def __getitem__(self, i):
            return np.ones((i + 1, 1), np.float32), np.ones((i + 1, 1), np.float32)

    with tf.Graph().as_default():
        m = K.Sequential([K.layers.Dense(1, input_shape=(1,))])
        m.compile("sgd", "mse")
        seen = []
        cb = K.callbacks.LambdaCallback(
            on_batch_end=lambda b, logs: seen.append(int(logs["size"]) - 1))
        state = random.getstate()
        random.seed(5)
        try:
            m.fit_generator(Sizes(), epochs=3, shuffle=True, workers=1, callbacks=[cb],
                            verbose=0)
        finally:
            random.setstate(state)
    assert seen == [0, 1, 3, 2, 4, 3, 2, 1, 0, 4, 1, 0, 4, 2, 3]
