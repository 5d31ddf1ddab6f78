"""Queue-based input pipelines against TF 1.14 (tests/golden/queues/gen_input.py runs the
same code under the oracle): producers, readers, batching, epochs and end of input."""
import importlib.util
import shutil
import sys
import tempfile
import textwrap

import pytest

import flowgrad as tf
from flowgrad import cli
from goldens import load, path

_spec = importlib.util.spec_from_file_location("gen_input", path("queues", "gen_input.py"))
gen = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(gen)
GOLD = load("queues", "input")

sys.path.insert(0, path("queues", ""))
from test_queues import _same  # noqa: E402


@pytest.mark.parametrize("fn", gen.CASES, ids=[f.__name__ for f in gen.CASES])
def test_as_tf(fn):
    d = tempfile.mkdtemp()
    tf.reset_default_graph()
    try:
        got = gen._strip(d, fn(tf, d, gen.write_files(d)))
    finally:
        tf.reset_default_graph()
        shutil.rmtree(d)
    want = GOLD[fn.__name__]
    if fn.__name__ == "batch_builds":
        assert got.pop("ops") == want["ops"]
        want = {k: v for k, v in want.items() if k != "ops"}
    _same(got, want, fn.__name__)


def test_tutorial_script_under_flowgrad_run(tmp_path, capsys):
    """string_input_producer + TextLineReader + parsing + shuffle_batch + Coordinator."""
    for f in range(2):
        (tmp_path / f"data{f}.csv").write_text(
            "".join(f"{i * 0.5},{i % 3}\n" for i in range(10 * f, 10 * f + 10)))
    script = tmp_path / "train_from_csv.py"
    script.write_text(textwrap.dedent(f"""
        import numpy as np
        import tensorflow as tf

        def parse(line):
            x, y = line.decode().split(",")
            return np.float32(x), np.int32(y)

        files = tf.train.match_filenames_once if False else None
        filename_queue = tf.train.string_input_producer(
            [{str(tmp_path / 'data0.csv')!r}, {str(tmp_path / 'data1.csv')!r}], num_epochs=3)
        reader = tf.TextLineReader()
        _, line = reader.read(filename_queue)
        x, y = tf.py_func(parse, [line], [tf.float32, tf.int32])
        x.set_shape([])
        y.set_shape([])
        xs, ys = tf.train.shuffle_batch([x, y], batch_size=8, capacity=50,
                                        min_after_dequeue=10, num_threads=2,
                                        allow_smaller_final_batch=True)
        w = tf.Variable(0.0)
        loss = tf.reduce_mean(tf.square(w * xs - tf.cast(ys, tf.float32)))
        train = tf.train.GradientDescentOptimizer(0.01).minimize(loss)
        seen = 0
        with tf.Session() as sess:
            sess.run([tf.global_variables_initializer(), tf.local_variables_initializer()])
            coord = tf.train.Coordinator()
            threads = tf.train.start_queue_runners(sess=sess, coord=coord)
            try:
                while not coord.should_stop():
                    _, n = sess.run([train, tf.size(ys)])
                    seen += n
            except tf.errors.OutOfRangeError:
                print("done training, epochs exhausted")
            finally:
                coord.request_stop()
            coord.join(threads)
        print("examples", seen)
        """))
    assert cli.run_script(str(script)) == 0
    out = capsys.readouterr().out
    assert "done training, epochs exhausted" in out and "examples 60" in out
