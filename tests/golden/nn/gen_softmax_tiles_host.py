"""TF 1.14's float32 Softmax and softmax cross-entropies where their bits follow the host's
L1 cache, recorded on the host that made this golden (its vendor, L1 data cache and cores
are recorded): Softmax's exp(x - max) and the dense cross-entropy's backprop are
expressions that broadcast, which Eigen's ThreadPoolDevice executor evaluates in tiles
(libm's expf on every value) from firstLevelCacheSize() / 4 values on, with packets
(Eigen's pexp) below: 8192 on an AMD EPYC (32 KiB), 12288 on an Intel Xeon (48 KiB).
Every shape here has 8192 to 12287 values, so tiled on the one, not on the other.

The same cases under several ConfigProto thread settings, each in a TF process of its own
(TF's intra-op pool is made once per process, by the first session's config): the bits do
not depend on intra_op_parallelism_threads or inter_op_parallelism_threads.
tests/test_softmax_tiles_host.py runs them with flowgrad under the recorded vendor."""
import hashlib
import json
import os
import subprocess
import sys

import numpy as np
from goldenio import host_vendor

# (rows, classes), 8192 <= rows * classes < 12288
SHAPES = [(1, 8192), (1, 10000), (1, 12287), (4096, 2), (2731, 3), (4095, 3), (3, 4000),
          (64, 150), (12, 1000), (1535, 8)]
# (intra_op_parallelism_threads, inter_op_parallelism_threads); 0: TF's default (cores)
THREADS = [(0, 0), (1, 1), (2, 1), (3, 2), (8, 1)]


def l1d_bytes():
    """The L1 data cache of CPU 0 as Linux reports it (Eigen reads it from CPUID)."""
    root = "/sys/devices/system/cpu/cpu0/cache"
    for e in sorted(os.listdir(root)):
        if not e.startswith("index"):
            continue
        with open(os.path.join(root, e, "level")) as f:
            level = f.read().strip()
        with open(os.path.join(root, e, "type")) as f:
            kind = f.read().strip()
        if level == "1" and kind == "Data":
            with open(os.path.join(root, e, "size")) as f:
                size = f.read().strip()
            return int(size[:-1]) * 1024 if size.endswith("K") else int(size)
    return None


def digest(v):
    v = np.ascontiguousarray(v)
    return [str(v.dtype), list(v.shape), hashlib.sha256(v.tobytes()).hexdigest()]


def outputs(tf, config):
    """{shape: digests of softmax, log_softmax, the sparse and dense losses and their
    gradients} in one session with `config`."""
    progs = {}
    with tf.Graph().as_default():
        for rows, classes in SHAPES:
            rng = np.random.RandomState(rows * 7 + classes)
            x = tf.constant((rng.randn(rows, classes) * 3).astype(np.float32))
            labels = rng.randint(0, classes, rows).astype(np.int32)
            sparse = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=labels, logits=x)
            dense = tf.nn.softmax_cross_entropy_with_logits_v2(
                labels=tf.one_hot(labels, classes) * 0.9 + 0.1 / classes, logits=x)
            g = tf.constant(np.linspace(-1, 2, rows).astype(np.float32))
            progs["%dx%d" % (rows, classes)] = [
                tf.nn.softmax(x), tf.nn.log_softmax(x), sparse, dense,
                tf.gradients(sparse, x, g)[0], tf.gradients(dense, x, g)[0]]
        with tf.Session(config=config) as sess:
            got = sess.run(progs)
    return {k: [digest(v) for v in vs] for k, vs in got.items()}


def config_of(tf, intra, inter):
    return tf.ConfigProto(intra_op_parallelism_threads=intra,
                          inter_op_parallelism_threads=inter)


def cases(tf):
    del tf   # each thread setting runs in a TF process of its own (this module's main)
    out = {"host": {"vendor": host_vendor(), "l1d_bytes": l1d_bytes(),
                    "cores": len(os.sched_getaffinity(0))}}
    for intra, inter in THREADS:
        p = subprocess.run([sys.executable, os.path.abspath(__file__), str(intra), str(inter)],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           universal_newlines=True)
        if p.returncode:
            raise RuntimeError(p.stderr[-2000:])
        out["intra%d_inter%d" % (intra, inter)] = json.loads(p.stdout.splitlines()[-1])
    return out


if __name__ == "__main__":
    import tensorflow
    print(json.dumps(outputs(tensorflow, config_of(tensorflow, int(sys.argv[1]),
                                                   int(sys.argv[2])))))
