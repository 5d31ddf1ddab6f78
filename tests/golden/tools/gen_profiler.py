"""tf.profiler.profile under TF 1.14 (scope view): the tree of displayed nodes with their
float ops / parameters, for a dense model and a small CNN with its gradients and update.
test_profiler.py reruns the case functions with flowgrad."""
import numpy as np


def _tree(node, key):
    return [node.name, getattr(node, key), getattr(node, "total_" + key),
            [_tree(c, key) for c in node.children]]


def _dense(tf):
    x = tf.placeholder(tf.float32, [8, 3], name="x")
    with tf.variable_scope("dense"):
        w = tf.get_variable("w", [3, 4], initializer=tf.ones_initializer())
        b = tf.get_variable("b", [4], initializer=tf.zeros_initializer())
    y = tf.nn.relu(tf.matmul(x, w) + b)
    return tf.reduce_sum(y * 2.0, name="z")


def _cnn(tf):
    x = tf.placeholder(tf.float32, [2, 8, 8, 3], name="x")
    labels = tf.placeholder(tf.float32, [2, 5], name="labels")
    with tf.variable_scope("conv"):
        k = tf.get_variable("k", [3, 3, 3, 4], initializer=tf.ones_initializer())
        b = tf.get_variable("b", [4], initializer=tf.zeros_initializer())
        h = tf.nn.relu(tf.nn.bias_add(tf.nn.conv2d(x, k, [1, 1, 1, 1], "SAME"), b))
        h = tf.nn.max_pool(h, [1, 2, 2, 1], [1, 2, 2, 1], "VALID")
    with tf.variable_scope("fc"):
        w = tf.get_variable("w", [64, 5], initializer=tf.ones_initializer())
        logits = tf.matmul(tf.reshape(h, [2, 64]), w)
    loss = tf.reduce_mean(tf.square(tf.nn.softmax(logits) - labels))
    tf.train.GradientDescentOptimizer(0.1).minimize(loss)
    return loss


def _opts(tf, preset, **kw):
    b = tf.profiler.ProfileOptionBuilder(getattr(tf.profiler.ProfileOptionBuilder, preset)())
    b = b.with_empty_output()
    if "max_depth" in kw:
        b = b.with_max_depth(kw["max_depth"])
    if "order_by" in kw:
        b = b.order_by(kw["order_by"])
    return b.build()


def case_dense_flops(tf):
    _dense(tf)
    return _tree(tf.profiler.profile(tf.get_default_graph(),
                                     options=_opts(tf, "float_operation")), "float_ops")


def case_dense_params(tf):
    _dense(tf)
    return _tree(tf.profiler.profile(tf.get_default_graph(),
                                     options=_opts(tf, "trainable_variables_parameter")),
                 "parameters")


def case_cnn_flops_total(tf):
    _cnn(tf)
    r = tf.profiler.profile(tf.get_default_graph(), options=_opts(tf, "float_operation"))
    flat = {}

    def walk(n):
        flat[n.name] = [n.float_ops, n.total_float_ops]
        for c in n.children:
            walk(c)
    walk(r)
    return [r.total_float_ops, flat]


def case_cnn_params_depth1(tf):
    _cnn(tf)
    return _tree(tf.profiler.profile(
        tf.get_default_graph(),
        options=_opts(tf, "trainable_variables_parameter", max_depth=1)), "parameters")


def case_cnn_params(tf):
    _cnn(tf)
    return _tree(tf.profiler.profile(
        tf.get_default_graph(), options=_opts(tf, "trainable_variables_parameter",
                                              order_by="params")), "parameters")


def case_option_presets(tf):
    B = tf.profiler.ProfileOptionBuilder
    return [B.float_operation(), B.trainable_variables_parameter(), B.time_and_memory(),
            B().build(),
            B(B.float_operation()).with_min_memory(1, 2).with_min_execution_time(3)
            .with_node_names(show_name_regexes=["a.*"]).account_displayed_op_only(False)
            .with_file_output("/tmp/x").select(["params", "float_ops"]).with_step(2).build()]


def case_all_accounted(tf):
    """account_displayed_op_only(False): totals count hidden accounted ops too."""
    _cnn(tf)
    b = tf.profiler.ProfileOptionBuilder(tf.profiler.ProfileOptionBuilder.float_operation())
    opts = (b.with_empty_output().account_displayed_op_only(False).with_max_depth(1)
            .with_min_float_operations(1000).build())
    r = tf.profiler.profile(tf.get_default_graph(), options=opts)
    return [r.total_float_ops, sorted([c.name, c.float_ops, c.total_float_ops]
                                      for c in r.children)]


def cases(tf):
    out = {}
    for name, fn in sorted(globals().items()):
        if name.startswith("case_"):
            with tf.Graph().as_default():
                np.random.seed(0)
                out[name[5:]] = fn(tf)
    return out


def _file_report(tf, cmd, preset, **kw):
    """The text TF writes for `cmd` with with_file_output (Doc and Profile)."""
    import os
    import tempfile
    path = os.path.join(tempfile.mkdtemp(), "report.txt")
    b = tf.profiler.ProfileOptionBuilder(getattr(tf.profiler.ProfileOptionBuilder, preset)())
    if "order_by" in kw:
        b = b.order_by(kw["order_by"])
    r = tf.profiler.profile(tf.get_default_graph(), cmd=cmd,
                            options=b.with_file_output(path).build())
    with open(path) as f:
        text = f.read()
    chain = []
    n = r
    while n.children:
        n = n.children[0]
        chain.append([n.name, n.total_float_ops, n.total_parameters,
                      sorted(g.name for g in n.graph_nodes)] if cmd == "op" else n.name)
    return [text, chain if cmd == "op" else None]


def case_dense_flops_text(tf):
    _dense(tf)
    return _file_report(tf, "scope", "float_operation")


def case_dense_params_text(tf):
    _dense(tf)
    return _file_report(tf, "scope", "trainable_variables_parameter")


def case_dense_op_flops_text(tf):
    _dense(tf)
    return _file_report(tf, "op", "float_operation")


def case_dense_op_params_text(tf):
    _dense(tf)
    return _file_report(tf, "op", "trainable_variables_parameter", order_by="params")


def case_cnn_op_flops_text(tf):
    """The CNN with its gradients: op types by float ops."""
    _cnn(tf)
    return _file_report(tf, "op", "float_operation")


def _diamond(tf):
    """Shared inputs and a control input: the graph view counts and shows an op once."""
    x = tf.placeholder(tf.float32, [16, 8], name="x")
    w = tf.Variable(np.ones((8, 8), np.float32), name="w")
    a = tf.matmul(x, w, name="a")
    b = tf.add(a, 1.0, name="b")
    c = tf.multiply(a, 3.0, name="c")
    with tf.control_dependencies([c]):
        d = tf.subtract(b, tf.tanh(a, name="t"), name="d")
    return tf.reduce_sum(d + c, name="loss")


def case_dense_graph_flops_text(tf):
    _dense(tf)
    return _file_report(tf, "graph", "float_operation")


def case_dense_graph_params_text(tf):
    _dense(tf)
    return _file_report(tf, "graph", "trainable_variables_parameter")


def case_diamond_graph_flops_text(tf):
    _diamond(tf)
    return _file_report(tf, "graph", "float_operation")


def case_diamond_graph_by_flops_text(tf):
    _diamond(tf)
    return _file_report(tf, "graph", "float_operation", order_by="float_ops")


def case_diamond_graph_tree(tf):
    """Every op accounted (the default options' account_type_regexes), depth 3."""
    _diamond(tf)
    b = tf.profiler.ProfileOptionBuilder()
    r = tf.profiler.profile(tf.get_default_graph(), cmd="graph", options=(
        b.with_empty_output().with_max_depth(3).select(["float_ops", "params"]).build()))
    return [_tree(r, "float_ops"), r.total_parameters, r.total_definition_count]


def case_cnn_graph_flops_forward(tf):
    """The CNN's forward graph (no optimizer) in the graph view."""
    x = tf.placeholder(tf.float32, [2, 8, 8, 3], name="x")
    with tf.variable_scope("conv"):
        k = tf.get_variable("k", [3, 3, 3, 4], initializer=tf.ones_initializer())
        h = tf.nn.relu(tf.nn.conv2d(x, k, [1, 1, 1, 1], "SAME"))
        h = tf.nn.max_pool(h, [1, 2, 2, 1], [1, 2, 2, 1], "VALID")
    tf.reduce_mean(tf.square(h), name="loss")
    return _file_report(tf, "graph", "float_operation")


def case_write_op_log(tf):
    """The tfprof_log file (no traces): float ops per op, trainable variables' type."""
    import os
    import tempfile
    _dense(tf)
    d = tempfile.mkdtemp()
    tf.profiler.write_op_log(tf.get_default_graph(), d, add_trace=False)
    log = tf.profiler.OpLogProto()
    with open(os.path.join(d, "tfprof_log"), "rb") as f:
        log.ParseFromString(f.read())
    return [sorted([e.name, e.float_ops, list(e.types)] for e in log.log_entries),
            sorted(log.id_to_string.items())]


def _user_log(tf):
    log = tf.profiler.OpLogProto()
    for name, flops in (("MatMul", 1000), ("dense/b", 0), ("nonexistent", 5)):
        e = log.log_entries.add()
        e.name = name
        e.float_ops = flops
        e.types.append("heavy")
    return log


def case_op_log_flops_and_types(tf):
    """A caller's op log sets an op's float ops and adds a type others account by."""
    _dense(tf)
    B = tf.profiler.ProfileOptionBuilder
    flops = tf.profiler.profile(tf.get_default_graph(), op_log=_user_log(tf), options=B(
        B.float_operation()).with_empty_output().build())
    heavy = tf.profiler.profile(tf.get_default_graph(), op_log=_user_log(tf), options=B(
        B.float_operation()).with_empty_output().with_accounted_types(["heavy"])
        .with_min_float_operations(0).build())
    prof = tf.profiler.Profiler(tf.get_default_graph(), op_log=_user_log(tf))
    graph = prof.profile_graph(B(B.float_operation()).with_empty_output().build())
    return [_tree(flops, "float_ops"), _tree(heavy, "float_ops"), _tree(graph, "float_ops")]


_REGEXES = [dict(start_name_regexes=["dense"]), dict(start_name_regexes=["MatMul", "mul"]),
            dict(trim_name_regexes=["dense"]), dict(trim_name_regexes=["add", "dense/w"]),
            dict(start_name_regexes=["dense/.*"], trim_name_regexes=["dense/b"]),
            dict(start_name_regexes=["Relu"], show_name_regexes=["Relu", "add", "x"]),
            dict(trim_name_regexes=["mul"], hide_name_regexes=["Const"]),
            dict(start_name_regexes=["Add", "Mul"]), dict(trim_name_regexes=["Sum"]),
            dict(start_name_regexes=["nothing"])]


def _regex_reports(tf, build, preset):
    """start/trim/show/hide_name_regexes in the scope, graph and op views (file output)."""
    import os
    import tempfile
    build(tf)
    B = tf.profiler.ProfileOptionBuilder
    out = []
    for cmd in ("scope", "graph", "op"):
        for kw in _REGEXES:
            path = os.path.join(tempfile.mkdtemp(), "report.txt")
            opts = (B(getattr(B, preset)()).with_node_names(**kw).with_file_output(path)
                    .build())
            r = tf.profiler.profile(tf.get_default_graph(), cmd=cmd, options=opts)
            with open(path) as f:
                out.append([cmd, sorted(kw.items()), f.read().split("Profile:\n")[1],
                            r.total_float_ops, r.total_parameters])
    return out


def case_name_regexes_dense_flops(tf):
    return _regex_reports(tf, _dense, "float_operation")


def case_name_regexes_dense_params(tf):
    return _regex_reports(tf, _dense, "trainable_variables_parameter")


def case_name_regexes_diamond_all(tf):
    """Every op accounted, account_displayed_op_only False (the default builder)."""
    import os
    import tempfile
    _diamond(tf)
    B = tf.profiler.ProfileOptionBuilder
    out = []
    for cmd in ("scope", "graph", "op"):
        for kw in (dict(start_name_regexes=["a", "c"]), dict(trim_name_regexes=["b", "c"]),
                   dict(start_name_regexes=["d"], trim_name_regexes=["t"])):
            path = os.path.join(tempfile.mkdtemp(), "report.txt")
            opts = (B().with_node_names(**kw).select(["float_ops", "params"])
                    .order_by("float_ops").with_file_output(path).build())
            r = tf.profiler.profile(tf.get_default_graph(), cmd=cmd, options=opts)
            with open(path) as f:
                out.append([cmd, sorted(kw.items()), f.read().split("Profile:\n")[1],
                            r.total_float_ops])
    return out


def case_op_log_code_traces(tf):
    """A caller's op_log with code traces drives the code view: its trace ids name the
    strings of the log TF merges it into (the default log's, whose ids for this file and
    function are looked up from write_op_log's output)."""
    import os
    import tempfile
    x = tf.placeholder(tf.float32, [8, 3], name="x")
    tf.reduce_sum(tf.matmul(x, tf.ones([3, 4], name="w"), name="mm"), name="z")
    d = tempfile.mkdtemp()
    tf.profiler.write_op_log(tf.get_default_graph(), d)
    default = tf.profiler.OpLogProto()
    with open(os.path.join(d, "tfprof_log"), "rb") as f:
        default.ParseFromString(f.read())
    ids = {v: k for k, v in default.id_to_string.items()}
    here = [k for k, v in default.id_to_string.items() if v.endswith("gen_profiler.py")][0]
    log = tf.profiler.OpLogProto()
    e = log.log_entries.add()
    e.name = "mm"
    for line in (1000, 1001):
        t = e.code_def.traces.add()
        t.file_id, t.lineno, t.function_id = here, line, ids["case_op_log_code_traces"]
    path = os.path.join(tempfile.mkdtemp(), "report.txt")
    B = tf.profiler.ProfileOptionBuilder
    r = tf.profiler.profile(tf.get_default_graph(), op_log=log, cmd="code",
                            options=B(B.float_operation()).with_file_output(path).build())
    with open(path) as f:
        lines = [ln for ln in f.read().splitlines() if ":100" in ln]
    return [lines, r.total_float_ops]


def _profile_nodes(tf, data):
    """A ProfileProto's nodes by name, in the fields both TF and flowgrad define (TF's
    traces also hold its own frames: only this file's frames below `cases` are compared;
    execs only of the ops both run: flowgrad's plan folds the Identity reads; "init",
    whose control inputs TF orders by name, is left out)."""
    import os
    from tensorboard.compat.proto.tfprof_log_pb2 import ProfileProto
    p = ProfileProto()
    p.ParseFromString(data)
    names = {i: n.name for i, n in p.nodes.items()}
    strings = dict(p.id_to_string)
    out = {}
    for i, n in p.nodes.items():
        if n.name == "init" or n.name.startswith(("_arg_", "_retval_")):
            continue
        frames = [[os.path.basename(strings.get(t.file_id, "")), t.lineno,
                   strings.get(t.function_id, ""), strings.get(t.line_id, "")]
                  for t in n.trace.traces]
        execs = {str(k): [e.run_count, list(e.devices), sorted(e.cpu_execs),
                          [m.output_bytes for m in e.memory_execs],
                          e.latest_end_micros >= e.all_start_micros > 0]
                 for k, e in n.execs.items()} if not n.name.endswith("/read") else {}
        types = [t for t in n.op_types if not n.name.endswith("/read") or "device:" not in t]
        out[n.name] = [n.id == i, n.op, types, list(n.shape), n.float_ops,
                       {str(k): names[v] for k, v in n.inputs.items()},
                       sorted([names[k], v] for k, v in n.src_output_index.items()),
                       {str(k): list(v.int64_values) for k, v in n.output_shapes.items()},
                       sorted(k for k in n.attrs if k != "_class"),
                       [f for f in frames if f[0] == "gen_profiler.py" and f[2] != "cases"],
                       "" if n.name.endswith("/read") else n.canonical_device, execs]
    return [out, list(p.steps), p.has_trace, p.miss_accelerator_stream]


def case_serialize_to_string(tf):
    """Profiler.serialize_to_string(): the ProfileProto before and after a traced step."""
    loss = _dense(tf)
    prof = tf.profiler.Profiler(tf.get_default_graph())
    before = _profile_nodes(tf, prof.serialize_to_string())
    sess = tf.Session()
    sess.run(tf.global_variables_initializer())
    md = tf.RunMetadata()
    sess.run(loss, {"x:0": np.ones((8, 3), np.float32)}, run_metadata=md,
             options=tf.RunOptions(trace_level=tf.RunOptions.FULL_TRACE))
    prof.add_step(3, md)
    return [before, _profile_nodes(tf, prof.serialize_to_string())]
