"""tf.contrib.tfprof's print_model_analysis with its option dicts, tf.profiler.profile's
default options (the trainable parameters) and an options dict that leaves options out
(TF's defaults for them), and the old dump_to_file option, under TF 1.14: the reports
printed (stdout, stderr) and the totals returned. test_pdbg_tfprof.py reruns them."""
import os
import sys
import tempfile


def _model(tf):
    x = tf.placeholder(tf.float32, [2, 8, 8, 3], name="x")
    with tf.variable_scope("conv1"):
        k = tf.get_variable("weights", [3, 3, 3, 4])
        b = tf.get_variable("biases", [4], initializer=tf.zeros_initializer())
        h = tf.nn.relu(tf.nn.bias_add(tf.nn.conv2d(x, k, [1, 1, 1, 1], "SAME"), b))
    with tf.variable_scope("fc"):
        w = tf.get_variable("w", [256, 10])
        tf.matmul(tf.reshape(h, [2, -1]), w)
    tf.Variable(tf.zeros([5]), trainable=False, name="counter")


def _incomplete(tf):
    """Ops whose float ops TF cannot count: unknown batch, unknown rank, NCHW pooling."""
    x = tf.placeholder(tf.float32, [None, 8, 8, 3])
    xn = tf.placeholder(tf.float32, [2, 3, 8, 8])
    c = tf.nn.conv2d(x, tf.ones([3, 3, 3, 4]), [1, 1, 1, 1], "SAME")
    p = tf.nn.max_pool(c, [1, 2, 2, 1], [1, 2, 2, 1], "VALID")
    tf.nn.avg_pool(xn, [1, 1, 2, 2], [1, 1, 2, 2], "VALID", data_format="NCHW")
    loss = tf.reduce_mean(tf.nn.softmax(tf.reshape(p, [-1, 64])))
    tf.add_n([x, x, x])
    u = tf.placeholder(tf.float32)
    tf.log(u) + tf.square(u)
    tf.argmax(x, 1)
    tf.gradients(loss, [x])


def incomplete_shapes(tf, capture):
    """[stderr, total float ops] of profile, and the stderr of Profiler() and
    write_op_log, on a graph with ops whose shapes are not fully defined. (The C++
    tfprof's own "Incomplete shape." lines are left out: flowgrad does not write them.)"""
    out = {}

    def capture_err(fn):
        text = capture(fn)
        return [text[0], "".join(ln for ln in text[1].splitlines(True)
                                 if ln != "Incomplete shape.\n")]
    with tf.Graph().as_default() as g:
        _incomplete(tf)
        B = tf.profiler.ProfileOptionBuilder
        opts = B(B.float_operation()).with_empty_output().build()
        box = []
        text = capture_err(lambda: box.append(tf.profiler.profile(g, options=opts)))
        out["profile"] = [text[1], box[0].total_float_ops]
        out["Profiler"] = capture_err(lambda: tf.profiler.Profiler(g))[1]
        with tempfile.TemporaryDirectory() as d:
            out["write_op_log"] = capture_err(
                lambda: tf.profiler.write_op_log(g, d, add_trace=False))[1]
    return out


def reports(tf, capture):
    """case name -> [stdout, stderr, total] of each profiling call."""
    ma = tf.contrib.tfprof.model_analyzer
    out = {"option_dicts": [ma.TRAINABLE_VARS_PARAMS_STAT_OPTIONS, ma.FLOAT_OPS_OPTIONS,
                            ma.PRINT_ALL_TIMING_MEMORY]}
    with tf.Graph().as_default() as g:
        _model(tf)
        calls = {
            "contrib_params": (lambda: ma.print_model_analysis(
                g, tfprof_options=ma.TRAINABLE_VARS_PARAMS_STAT_OPTIONS), "total_parameters"),
            "contrib_flops": (lambda: ma.print_model_analysis(
                g, tfprof_options=ma.FLOAT_OPS_OPTIONS), "total_float_ops"),
            "contrib_flops_op": (lambda: ma.print_model_analysis(
                g, tfprof_cmd="op", tfprof_options=ma.FLOAT_OPS_OPTIONS), "total_float_ops"),
            "profile_default": (lambda: tf.profiler.profile(g), "total_parameters"),
            "profile_partial_dict": (lambda: tf.profiler.profile(g, options={
                "select": ["params"], "account_type_regexes": [".*"],
                "show_name_regexes": [".*"]}), "total_parameters"),
        }
        for name, (fn, total) in calls.items():
            box = []
            text = capture(lambda: box.append(fn()))
            out[name] = [text[0], text[1], getattr(box[0], total)]
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "report.txt")
            opts = dict(ma.FLOAT_OPS_OPTIONS, dump_to_file=path)
            box = []
            text = capture(lambda: box.append(ma.print_model_analysis(
                g, tfprof_cmd="op", tfprof_options=opts)))
            with open(path) as f:
                report = f.read()
            out["dump_to_file"] = [text[0], text[1].replace(path, "PATH"), report,
                                   box[0].total_float_ops]
    return out


def _fd_capture(fn):
    sys.stdout.flush()
    sys.stderr.flush()
    saved = [os.dup(1), os.dup(2)]
    files = [tempfile.TemporaryFile(), tempfile.TemporaryFile()]
    try:
        os.dup2(files[0].fileno(), 1)
        os.dup2(files[1].fileno(), 2)
        try:
            fn()
            sys.stdout.flush()
            sys.stderr.flush()
        finally:
            os.dup2(saved[0], 1)
            os.dup2(saved[1], 2)
        texts = []
        for f in files:
            f.seek(0)
            texts.append(f.read().decode())
        return texts
    finally:
        for f in files:
            f.close()
        for s in saved:
            os.close(s)


def cases(tf):
    out = reports(tf, _fd_capture)
    out["incomplete_shapes"] = incomplete_shapes(tf, _fd_capture)
    return out
