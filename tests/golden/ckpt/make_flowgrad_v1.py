"""Writes flowgrad's V1 checkpoint tests/golden/ckpt/flowgrad_v1/m (run with flowgrad:
`python tests/golden/ckpt/make_flowgrad_v1.py`): v1_model.py trained one step and saved
with write_version=V1 (no meta graph, no state file). TF 1.14 reads and continues it in
gen_v1_checkpoints.py; tests/test_ckpt_v1.py checks that flowgrad still writes these bytes."""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import v1_model  # noqa: E402


def write(tf, directory):
    """Trains one step, saves `directory`/m; returns the values saved."""
    os.makedirs(directory, exist_ok=True)
    with tf.Graph().as_default():
        train, saver, variables = v1_model.build(tf)
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            sess.run(train)
            saver.save(sess, os.path.join(directory, "m"), write_meta_graph=False,
                       write_state=False)
            return v1_model.values(sess, variables)


if __name__ == "__main__":
    import flowgrad
    write(flowgrad, os.path.join(HERE, "flowgrad_v1"))
