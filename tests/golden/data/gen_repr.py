"""print(dataset) as TF 1.14 prints it: the class name, each component's shape and dtype."""
import numpy as np


def cases(tf):
    e = tf.data.experimental
    ds = tf.data.Dataset.from_tensor_slices(
        ({"a": np.zeros([4, 2], np.float32), "b": np.arange(4)}, np.ones([4], np.int32)))
    made = {
        "slices": ds,
        "batch": ds.batch(2),
        "map_tuple": tf.data.Dataset.range(3).map(lambda x: (x, tf.cast(x, tf.float32))),
        "sparse": tf.data.Dataset.from_tensor_slices(tf.SparseTensor([[0, 0]], [1.], [2, 2])),
        "padded": tf.data.Dataset.from_tensors(["a"]).padded_batch(2, [None]),
        "generator": tf.data.Dataset.from_generator(lambda: iter([1]), tf.int32),
        "tfrecord": tf.data.TFRecordDataset(["x"]),
        "tfrecord_map": tf.data.TFRecordDataset(["x"]).map(lambda s: s),
        "textline": tf.data.TextLineDataset("y"),
        "fixed": tf.data.FixedLengthRecordDataset("z", 4),
        "csv": e.CsvDataset("c", [[0], [""]]),
        "random": e.RandomDataset(1),
        "range_filter": tf.data.Dataset.range(5).filter(lambda x: x > 1),
    }
    return {k: repr(v) for k, v in made.items()}
