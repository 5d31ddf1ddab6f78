"""The RNN drivers build TF 1.14's ops (issue 10 item 3): the same op counter after the
call (so graph-seeded weights and random ops made later get TF's seeds), the same op names
and types outside tf.cond / tf.while_loop, and TF's random numbers after them
(tests/golden/opcounts/gen_rnn_counts.py)."""
import numpy as np
import pytest

import flowgrad as tf
import goldens

GEN = goldens.generator("opcounts", "rnn_counts")
WANT = goldens.load("opcounts", "rnn_counts")


def test_goldens_cover_the_calls():
    assert sorted(WANT) == sorted(n for n, _ in GEN.CALLS)


@pytest.mark.parametrize("name", [n for n, _ in GEN.CALLS])
def test_ops_counter_and_seeded_numbers_equal_tf(name):
    count, ops, numbers = GEN.run_case(tf, dict(GEN.CALLS)[name])
    assert [list(o) for o in ops] == [list(o) for o in WANT[name]["ops"]]
    assert count == WANT[name]["count"]
    np.testing.assert_array_equal(numbers, WANT[name]["random"])


def test_reverse_sequence_values_gradient_and_errors():
    x = tf.constant(np.arange(24, dtype=np.float32).reshape(2, 3, 4))
    y = tf.reverse_sequence(x, [2, 0], seq_axis=2, batch_axis=0)
    w = np.arange(24, dtype=np.float32).reshape(2, 3, 4) + 100
    g = tf.gradients(tf.reduce_sum(y * w), x)[0]
    with tf.Session() as s:
        yv, gv = s.run([y, g])
    want = np.arange(24, dtype=np.float32).reshape(2, 3, 4)
    want[0, :, :2] = want[0, :, 1::-1]
    np.testing.assert_array_equal(yv, want)
    w[0, :, :2] = w[0, :, 1::-1]   # the gradient is w reversed as x was
    np.testing.assert_array_equal(gv, w)
    with pytest.raises(ValueError, match="Cannot specify both 'seq_dim' and 'seq_axis'"):
        tf.reverse_sequence(x, [1, 2], seq_axis=1, seq_dim=1)
    with pytest.raises(ValueError, match="seq_dim must be < input rank: 3 vs. 3"):
        tf.reverse_sequence(x, [1, 2], seq_axis=3)
    with pytest.raises(TypeError, match="'seq_lengths' has DataType float32"):
        tf.reverse_sequence(x, [1.0, 2.0], seq_axis=1)
    with tf.Session() as s, pytest.raises(tf.errors.InvalidArgumentError,
                                          match=r"seq_lens\(1\) > input.dims\(1\)"):
        s.run(tf.reverse_sequence(x, [1, 5], seq_axis=1))
