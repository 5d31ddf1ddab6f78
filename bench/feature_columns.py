"""tf.feature_column.input_layer speed: flowgrad against TensorFlow in one run.

    python bench/feature_columns.py --tf-python /tmp/tf114/bin/python

Each system runs in its own process (this script with `--system tf|flowgrad`; TF 1.14
or TF 2's compat.v1): an input_layer of a numeric column, an embedding of a
vocabulary-list column, an indicator of a hash-bucket column and an embedding of a
crossed column, fed batches of --batch rows of string features; the median time per
sess.run over --steps runs after two warm-up runs. Prints one JSON line per system
and the ratio.
"""
import argparse
import json
import subprocess
import sys
import time


def _run(system, batch, steps):
    if system == "tf":
        try:
            import tensorflow.compat.v1 as tf
            tf.disable_eager_execution()
        except ImportError:
            import tensorflow as tf
    else:
        import flowgrad as tf
    import numpy as np
    fc = tf.feature_column
    rng = np.random.RandomState(0)
    words = np.array(["w%d" % i for i in range(500)], dtype=object)
    color = tf.placeholder(tf.string, (None, 1))
    city = tf.placeholder(tf.string, (None, 1))
    price = tf.placeholder(tf.float32, (None, 1))
    cols = [fc.numeric_column("price"),
            fc.embedding_column(fc.categorical_column_with_vocabulary_list(
                "color", list(words[:100])), 8),
            fc.indicator_column(fc.categorical_column_with_hash_bucket("city", 50)),
            fc.embedding_column(fc.crossed_column(["color", "city"], 1000), 4)]
    out = fc.input_layer({"color": color, "city": city, "price": price}, cols)
    feed = {color: rng.choice(words, (batch, 1)), city: rng.choice(words, (batch, 1)),
            price: rng.rand(batch, 1).astype(np.float32)}
    times = []
    with tf.Session() as sess:
        sess.run([tf.global_variables_initializer(), tf.tables_initializer()])
        sess.run(out, feed)
        sess.run(out, feed)
        for _ in range(steps):
            t = time.perf_counter()
            sess.run(out, feed)
            times.append(time.perf_counter() - t)
    return {"ms_per_batch": sorted(times)[len(times) // 2] * 1000}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--batch", type=int, default=1024)
    ap.add_argument("--steps", type=int, default=30)
    ap.add_argument("--system", choices=["tf", "flowgrad"])
    ap.add_argument("--tf-python", default="/tmp/tf114/bin/python")
    a = ap.parse_args()
    if a.system:
        print(json.dumps(_run(a.system, a.batch, a.steps)))
        return
    out = {}
    for system, py in (("flowgrad", sys.executable), ("tf", a.tf_python)):
        res = subprocess.run([py, __file__, "--system", system, "--batch", str(a.batch),
                              "--steps", str(a.steps)], capture_output=True, text=True)
        if res.returncode:
            print("%s failed: %s" % (system, res.stderr.strip().splitlines()[-1:]))
            continue
        out[system] = json.loads(res.stdout.strip().splitlines()[-1])
        print(system, out[system])
    if len(out) == 2:
        print("flowgrad / tf time ratio: %.2f" % (out["flowgrad"]["ms_per_batch"] /
                                                  out["tf"]["ms_per_batch"]))


if __name__ == "__main__":
    main()
