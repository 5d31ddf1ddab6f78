"""tensorflow.examples.tutorials.mnist.input_data under TF 1.14 on small IDX files
(mnist_files.py): splits, dtypes, one_hot, reshape, and the batches next_batch serves
for graph/op seeds, across epoch ends (tests/test_mnist_input.py)."""
import importlib
import shutil
import tempfile

import mnist_files

RUNS = [
    ("default_graph_seed", dict(validation_size=5), 3, [7, 7, 7, 7, 9]),
    ("one_hot_op_seed", dict(one_hot=True, seed=11, validation_size=3), None, [5, 25, 3]),
    ("uint8_noreshape", dict(dtype="uint8", reshape=False, validation_size=0, seed=2), 5,
     [8, 8, 8, 8]),
    ("val_all_graph_and_op_seed", dict(validation_size=10, seed=4), 9, [6, 6, 6, 6]),
]


def cases(tf):
    input_data = importlib.import_module("tensorflow.examples.tutorials.mnist.input_data")
    out = {}
    d = tempfile.mkdtemp()
    try:
        mnist_files.write(d)
        for label, kw, graph_seed, batches in RUNS:
            tf.reset_default_graph()
            if graph_seed is not None:
                tf.set_random_seed(graph_seed)
            kw = dict(kw)
            if kw.get("dtype") == "uint8":
                kw["dtype"] = tf.uint8
            m = input_data.read_data_sets(d, **kw)
            rec = {}
            for part in ("train", "validation", "test"):
                ds = getattr(m, part)
                rec[part] = (ds.images, ds.labels, ds.num_examples)
            steps = []
            for i, b in enumerate(batches):
                x, y = m.train.next_batch(b, shuffle=(label != "uint8_noreshape" or i < 2))
                steps.append((x, y, m.train.epochs_completed))
            rec["batches"] = steps
            rec["test_batch"] = m.test.next_batch(4, shuffle=False)
            out[label] = rec
        for bad in (-1, 31):
            try:
                input_data.read_data_sets(d, validation_size=bad)
            except ValueError as e:
                out["validation_size_%d" % bad] = e
        fake = input_data.read_data_sets(d, fake_data=True, one_hot=True)
        fx, fy = fake.train.next_batch(2, fake_data=True)
        out["fake"] = (fake.train.num_examples, fx, fy)
    finally:
        shutil.rmtree(d)
    return out
