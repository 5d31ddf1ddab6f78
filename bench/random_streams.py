"""Elements per second of flowgrad's TF-exact Philox streams against NumPy's Generator.

Run: .venv/bin/python bench/random_streams.py   (one run each, after one warm-up)
"""
import time

import numpy as np

from flowgrad.engine.ops import philox


def rate(fn, n):
    fn(1000)                                      # warm-up
    start = time.perf_counter()
    fn(n)
    return n / (time.perf_counter() - start)


def main():
    stream = philox.Stream(1, 2)
    gen = np.random.default_rng(0)
    rows = [
        ("uniform float32",
         lambda n: philox.uniform(stream.key, stream.reserve_outputs(n), n, np.float32),
         lambda n: gen.random(n, dtype=np.float32)),
        ("normal float32",
         lambda n: philox.normal(stream.key, stream.reserve_outputs(n), n, np.float32),
         lambda n: gen.standard_normal(n, dtype=np.float32)),
        ("truncated normal float32",
         lambda n: philox.truncated_normal(stream.key, stream.reserve_outputs(n), n,
                                           np.float32),
         None),
        ("normal float64",
         lambda n: philox.normal(stream.key, stream.reserve_outputs(n), n, np.float64),
         lambda n: gen.standard_normal(n)),
    ]
    for n in (10 ** 6, 10 ** 7):
        for name, ours, theirs in rows:
            a = rate(ours, n)
            line = f"{name:26s} n={n:>9,d}  philox {a / 1e6:7.1f} M/s"
            if theirs is not None:
                b = rate(theirs, n)
                line += f"   numpy Generator {b / 1e6:7.1f} M/s   ({b / a:.1f}x faster)"
            print(line, flush=True)


if __name__ == "__main__":
    main()
