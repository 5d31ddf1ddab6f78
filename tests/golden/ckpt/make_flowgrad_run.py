"""Writes flowgrad's run directory tests/golden/ckpt/flowgrad_run/ (run with flowgrad:
`python tests/golden/ckpt/make_flowgrad_run.py`): the model of run_model.py trained 3
steps, saved each step with max_to_keep=2, relative paths in the state file. TF 1.14
reads and continues it in gen_run_dir.py; tests/test_ckpt_interop.py checks that
flowgrad still writes these bytes."""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import run_model  # noqa: E402

FILES = ["checkpoint", "m-2.index", "m-2.data-00000-of-00001", "m-3.index",
         "m-3.data-00000-of-00001"]


def write_run(tf, directory):
    """Trains and saves into `directory` (made relative: the state file holds 'm-N')."""
    cwd = os.getcwd()
    os.makedirs(directory, exist_ok=True)
    os.chdir(directory)
    try:
        with tf.Graph().as_default():
            train, saver, variables = run_model.build(tf)
            with tf.Session() as sess:
                sess.run(tf.global_variables_initializer())
                for _ in range(3):
                    sess.run(train)
                    saver.save(sess, "m", global_step=tf.train.get_global_step(),
                               write_meta_graph=False)
                return run_model.values(sess, variables)
    finally:
        os.chdir(cwd)


if __name__ == "__main__":
    import shutil

    import flowgrad
    shutil.rmtree(os.path.join(HERE, "flowgrad_run"), ignore_errors=True)
    write_run(flowgrad, os.path.join(HERE, "flowgrad_run"))
