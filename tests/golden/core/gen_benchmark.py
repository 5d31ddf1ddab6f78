"""tf.test.Benchmark under TF 1.14 (benchmark.json) and flowgrad (tests/test_benchmark.py):
report_benchmark's printed BenchmarkEntries and the bytes it writes under
TEST_REPORT_FILE_PREFIX, the entry names, run_op_benchmark's dict, the errors.
Valid Python 3.7."""
import contextlib
import io
import os
import shutil
import tempfile


def _printed(fn):
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        result = fn()
    return [buf.getvalue(), result]


def _err(fn):
    try:
        fn()
        return "no error"
    except Exception as e:  # noqa: BLE001 - the golden records TF's error
        return [type(e).__name__, str(e)]


def cases(tf):
    out = {}

    class MyBench(tf.test.Benchmark):
        def benchmark_report(self):
            return self.report_benchmark(
                iters=3, wall_time=0.1, cpu_time=1e-5, throughput=3.0,
                extras={"k": 1, "s": "x \"q\" \u00e9", "f": 1e20, "z": 0.0, "e": ""},
                metrics=[{"name": "m", "value": 2.5, "min_value": 1.0},
                         {"name": "n", "value": 0.0, "min_value": 0.0, "max_value": -2.5}])

        def benchmark_zero(self):
            self.report_benchmark(iters=0, wall_time=1 / 3., throughput=float("inf"),
                                  name="a/b")

        def benchmark_op(self):
            with tf.Graph().as_default():
                x = tf.constant([1.0, 2.0]) * 3.0
                with tf.Session() as s:
                    return self.run_op_benchmark(s, x, min_iters=3, burn_iters=1, name="bb",
                                                 extras={"e": 2}, mbs=5)

        def benchmark_trace(self):
            with tf.Graph().as_default():
                x = tf.constant([1.0, 2.0]) * 3.0
                with tf.Session() as s:
                    return self.run_op_benchmark(s, x.op, min_iters=2, store_trace=True,
                                                 store_memory_usage=False)

    b = MyBench()
    out["report"] = _printed(b.benchmark_report)
    out["zero"] = _printed(b.benchmark_zero)
    printed, r = _printed(b.benchmark_op)
    out["op"] = [printed.split("wall_time")[0], sorted(r), r["iters"], r["name"], r["extras"],
                 type(r["wall_time"]).__name__, r["throughput"] > 0]
    printed, r = _printed(b.benchmark_trace)
    out["trace"] = [printed.split("wall_time")[0], sorted(r), sorted(r["extras"]), r["name"],
                    r["throughput"], r["extras"]["full_trace_chrome_format"][:1]]
    out["bad_extras"] = _err(lambda: b.report_benchmark(extras=[1]))
    out["bad_metrics"] = _err(lambda: b.report_benchmark(metrics={"name": 1}))
    out["metric_no_value"] = _err(lambda: b.report_benchmark(metrics=[{"name": "x"}]))
    out["outside"] = _printed(lambda: tf.test.Benchmark().report_benchmark(iters=1))
    out["abstract"] = [MyBench.is_abstract(), tf.test.Benchmark.is_abstract(),
                       type(tf.test.Benchmark()).__name__,
                       os.environ.get("TF_OVERRIDE_GLOBAL_THREADPOOL")]
    tmp = tempfile.mkdtemp()
    try:
        os.environ["TEST_REPORT_FILE_PREFIX"] = os.path.join(tmp, "rep_")
        b.report_benchmark(iters=7, wall_time=0.5, extras={"k": 1.5}, name="x/y",
                           metrics=[{"name": "m", "value": 2.0, "max_value": 3.0}])
        out["files"] = sorted(os.listdir(tmp))
        with open(os.path.join(tmp, "rep_MyBench.x__y"), "rb") as f:
            out["bytes"] = f.read()
        out["exists"] = _err(lambda: b.report_benchmark(name="x/y"))[0]
        b.report_benchmark(extras={"s": "v"}, name="str")
        with open(os.path.join(tmp, "rep_MyBench.str"), "rb") as f:
            out["bytes_str"] = f.read()
    finally:
        del os.environ["TEST_REPORT_FILE_PREFIX"]
        shutil.rmtree(tmp)
    config = tf.test.benchmark_config()
    rewrite = config.graph_options.rewrite_options
    out["benchmark_config"] = [type(config).__name__, rewrite.dependency_optimization,
                               rewrite.constant_folding, config.allow_soft_placement,
                               config.intra_op_parallelism_threads]
    return {"benchmark": out}
