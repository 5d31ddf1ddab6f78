"""TF 1.14's LinSpace values, bit for bit (its kernel: step = (stop - start) / (num - 1)
in the values' dtype, value i = start + step * i, the last one stop), for random
float32/float64 ends and counts 1..49 (tests/test_linspace_bits.py: np.linspace rounds
otherwise, and differently in NumPy 1.25 and 2.x)."""
import numpy as np


def cases(tf):
    rs = np.random.RandomState(0)
    out = {}
    with tf.Graph().as_default(), tf.Session() as s:
        for dt in (np.float32, np.float64):
            for k in range(30):
                a, b = rs.uniform(-100, 100, 2).astype(dt)
                n = int(rs.randint(1, 50))
                out["%s_%d" % (np.dtype(dt).name, k)] = [
                    a, b, n, s.run(tf.linspace(tf.constant(a), tf.constant(b), n))]
        out["grid_4"] = [np.float32(-1), np.float32(1), 4,
                         s.run(tf.linspace(-1.0, 1.0, 4))]
    return out
