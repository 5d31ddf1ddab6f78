"""Save and restore speed of a large checkpoint: flowgrad against TensorFlow (compat.v1).

    python bench/checkpoint_speed.py --mb 1024 --tf-python /work/benchvenv/bin/python

Each system runs in its own process (the same script, `--system tf|flowgrad`):
16 float32 variables of MB/16 each, `Saver.save` then `Saver.restore` timed
(median of --repeat runs, the page cache warm after the first save) into a
fresh directory under --dir. Prints one line per system and the ratios.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time


def _run(system, mb, repeat, root):
    if system == "tf":
        import tensorflow.compat.v1 as tf
        tf.disable_eager_execution()
    else:
        import flowgrad as tf
    import numpy as np
    n = mb * (1 << 20) // 4 // 16
    vs = [tf.Variable(np.full(n, i, np.float32), name="v%d" % i) for i in range(16)]
    saver = tf.train.Saver(max_to_keep=1)
    saves, restores = [], []
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for i in range(repeat):
            d = os.path.join(root, "%s%d" % (system, i))
            t = time.perf_counter()
            p = saver.save(sess, os.path.join(d, "m"), write_meta_graph=False)
            saves.append(time.perf_counter() - t)
            t = time.perf_counter()
            saver.restore(sess, p)
            restores.append(time.perf_counter() - t)
            shutil.rmtree(d)
        assert float(sess.run(vs[3])[-1]) == 3.0
    med = lambda xs: sorted(xs)[len(xs) // 2]  # noqa: E731
    return {"save_s": med(saves), "restore_s": med(restores)}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=int, default=1024)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--dir", default=None)
    ap.add_argument("--system", choices=["tf", "flowgrad"])
    ap.add_argument("--tf-python", default="/work/benchvenv/bin/python")
    a = ap.parse_args()
    root = a.dir or tempfile.mkdtemp()
    if a.system:
        print(json.dumps(_run(a.system, a.mb, a.repeat, root)))
        return
    out = {}
    for system, py in (("flowgrad", sys.executable), ("tf", a.tf_python)):
        env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3")
        r = subprocess.run([py, __file__, "--system", system, "--mb", str(a.mb), "--repeat",
                            str(a.repeat), "--dir", root], capture_output=True, text=True,
                           env=env)
        if r.returncode:
            sys.exit(r.stderr[-3000:])
        out[system] = json.loads(r.stdout.strip().splitlines()[-1])
        print("%-9s save %.2f s  restore %.2f s  (%d MB)" % (
            system, out[system]["save_s"], out[system]["restore_s"], a.mb))
    print("flowgrad/tf: save %.2fx, restore %.2fx" % (
        out["flowgrad"]["save_s"] / out["tf"]["save_s"],
        out["flowgrad"]["restore_s"] / out["tf"]["restore_s"]))
    if not a.dir:
        shutil.rmtree(root)


if __name__ == "__main__":
    main()
