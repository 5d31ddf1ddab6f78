"""The design note's three examples print exactly what TensorFlow 1.14 prints.

Goldens in tests/golden/seed/seed.json (gen_seed.py) are produced by running the same scripts with
`import tensorflow as tf` under TF 1.14 (python tools/goldens.py regen seed).
"""
import os
import subprocess
import sys

import pytest

import goldens

HERE = os.path.dirname(__file__)
ROOT = os.path.dirname(HERE)


@pytest.mark.parametrize("i", [1, 2, 3])
def test_seed_example_prints_tf114_output(i):
    script = os.path.join(ROOT, "src", "flowgrad", "demo", "seed", f"example{i}.py")
    out = subprocess.run([sys.executable, script], capture_output=True, text=True, check=True)
    assert out.stdout == goldens.load("seed", "seed")[f"example{i}"]


def test_example3_is_one_summed_gradient():
    import flowgrad as tf
    x = tf.Variable(tf.constant([1.0, 2.0]), name="x")
    g = tf.gradients([x[0] ** 2, x[1] ** 3], x)
    assert len(g) == 1
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        (val,) = sess.run(g)
    assert val.tolist() == [2.0, 12.0]


def test_example2_runs_the_same_on_every_run():
    import flowgrad as tf
    x = tf.Variable(tf.constant(2.0), name="x")
    y = x ** 3
    update = tf.assign(x, x + 1)
    with tf.control_dependencies([update]):
        g = tf.gradients(y, x)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for k in range(3):
            # each run first adds one, then differentiates at the new value
            assert sess.run(g) == [3.0 * (3.0 + k) ** 2]
