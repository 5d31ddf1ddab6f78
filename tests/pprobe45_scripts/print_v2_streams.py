"""tf.print (PrintV2) inside a seeded TF1 graph: output_stream=sys.stdout and sys.stderr
(file descriptors 1 and 2 captured and printed as TF writes them), nested structures (a
dict, a list of tuples, strings beside tensors), summarize (default 3, 1, -1), sep and end,
string / bool / int64 / float64 / empty / 3-d tensors, tf.Print with message, first_n and
summarize beside it, and tf.strings.format with a custom placeholder, summarize and a
Variable as its one input; op counts and names."""

import os
import sys
import tempfile

import numpy as np
import tensorflow as tf

tf.set_random_seed(4501)
rs = np.random.RandomState(4502)


class Capture(object):
    """Captures what is written to a file descriptor (where TF's kernels print)."""

    def __init__(self, fd):
        self.fd = fd

    def __enter__(self):
        sys.stdout.flush()
        sys.stderr.flush()
        self.f = tempfile.TemporaryFile()
        self.saved = os.dup(self.fd)
        os.dup2(self.f.fileno(), self.fd)
        return self

    def __exit__(self, *exc):
        sys.stdout.flush()
        sys.stderr.flush()
        os.dup2(self.saved, self.fd)
        os.close(self.saved)
        self.f.seek(0)
        self.text = self.f.read().decode()
        self.f.close()


x = tf.placeholder(tf.float32, [None, 4], name="x")
w = tf.get_variable("w", [4, 3], initializer=tf.random_normal_initializer(seed=7))
h = tf.matmul(x, w)

def chained(prev, make):
    """One print after another (TF runs independent ops in any order)."""
    with tf.control_dependencies(prev):
        return [make()]


p1 = tf.print("h:", h, output_stream=sys.stdout)
p2 = chained([p1], lambda: tf.print(
    {"b": tf.range(7), "a": [tf.constant("s"), (tf.constant(True), 2.5)]},
    output_stream=sys.stdout, summarize=2, sep=" | ", end="<\n"))
p3 = chained(p2, lambda: tf.print(tf.reshape(tf.range(60, dtype=tf.int64), [3, 4, 5]),
                                  output_stream=sys.stdout, summarize=1))
p4 = chained(p3, lambda: tf.print(
    "all", tf.constant([1.5, 2.25, -0.125], tf.float64), tf.zeros([0, 2]),
    tf.constant([["x", "yy"], ["z", ""]]), output_stream=sys.stdout, summarize=-1))
p5 = chained(p4, lambda: tf.print("to stderr", tf.reduce_sum(h), output_stream=sys.stderr))
p6 = chained(p5, lambda: tf.print("scalar", output_stream=sys.stdout))
with tf.control_dependencies(p6):
    out = tf.identity(h, name="out")
    t = tf.Print(tf.reduce_mean(h), [h, tf.constant(["q", "r"])], message="mean: ", first_n=2,
                 summarize=4)
fmt = tf.strings.format("h=%% w=%% sum={}%%", (h, tf.reduce_sum(w), tf.constant(3)),
                        placeholder="%%", summarize=2)
fmt2 = tf.strings.format("{}/{}", [tf.range(10), tf.constant([[True, False]])])
fmt3 = tf.strings.format("w={}", w, summarize=-1)   # a Variable is one input
g = tf.get_default_graph()
print("ops", len(g.get_operations()))
print([op.type for op in [p1] + p2 + p3 + p4 + p5 + p6])
print(p1.name, p2[0].name, t.name, fmt.name, fmt2.name)
print(sorted(set(op.type for op in g.get_operations())))

xs = rs.randn(2, 4).astype(np.float32)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    with Capture(2) as err:
        with Capture(1) as outc:
            for i in range(3):
                r, m = sess.run([out, t], {x: xs * (i + 1)})
    print("results", r.tolist(), repr(float(m)))
    print("stdout:")
    print(outc.text)
    print("stderr:")
    print("".join(ln for ln in err.text.splitlines(True) if not ln.startswith("20")))
    print(sess.run(fmt, {x: xs}).decode())
    print(sess.run(fmt2).decode())
    print(sess.run(fmt3).decode())
