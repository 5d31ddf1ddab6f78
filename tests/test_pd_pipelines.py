"""Input pipelines as TF1 scripts write them, against TF 1.14
(tests/golden/data/gen_pd_pipelines.py): from_generator's errors and strings, batch's
shape errors, bucket_by_sequence_length's assert, make_initializer's type errors,
Dataset.zip of a list, tf.train.Example's text."""
import pytest

import flowgrad as tf

import goldens

GEN = goldens.generator("data", "pd_pipelines")
GOLD = goldens.load("data", "pd_pipelines")


@pytest.mark.parametrize("name", sorted(GEN.PROGRAMS))
def test_matches_tf(name):
    goldens.same_values(GEN.PROGRAMS[name](tf), GOLD[name])


def test_generator_error_keeps_the_traceback():
    """TF's py_func message: the exception's line, then its traceback, then the tag."""
    with tf.Graph().as_default():
        def g():
            raise ValueError("boom")
            yield 1
        nxt = tf.data.Dataset.from_generator(g, tf.int64).make_one_shot_iterator().get_next()
        with tf.Session() as sess:
            with pytest.raises(tf.errors.InvalidArgumentError) as info:
                sess.run(nxt)
    msg = info.value.message
    assert msg.startswith("ValueError: boom\nTraceback (most recent call last):\n")
    assert 'raise ValueError("boom")' in msg
    assert msg.endswith("\t [[{{node PyFunc}}]]\n\t [[IteratorGetNext]]")
