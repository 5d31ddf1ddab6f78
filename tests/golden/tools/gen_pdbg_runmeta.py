"""TF 1.14's RunMetadata fields a script reads after a traced run: which are set
(HasField), the empty cost graph and partition graphs, the proto's str(); and its bytes
(SerializeToString of a hand-built step stats, read back with ParseFromString)."""


def cases(tf):
    out = basic(tf)
    out["bytes"] = case_bytes(tf)
    return out


def basic(tf):
    """The cases but "bytes" (which builds its proto with TF's API)."""
    out = {}
    md = tf.RunMetadata()
    out["fresh"] = [md.HasField("step_stats"), md.HasField("cost_graph")]
    out["read_empty"] = [len(md.cost_graph.node),
                         len(md.step_stats.dev_stats), len(md.partition_graphs),
                         len(md.function_graphs)]
    out["after_read"] = [md.HasField("step_stats"), md.HasField("cost_graph"), str(md)]
    with tf.Graph().as_default():
        y = tf.constant([1.0, 2.0]) * 2.0
        with tf.Session() as sess:
            sess.run(y, run_metadata=md)
            out["untraced_run"] = [md.HasField("step_stats"), md.HasField("cost_graph")]
            traced = tf.RunMetadata()
            sess.run(y, options=tf.RunOptions(trace_level=tf.RunOptions.FULL_TRACE),
                     run_metadata=traced)
            out["traced_run"] = [traced.HasField("step_stats"), traced.HasField("cost_graph"),
                                 len(traced.cost_graph.node), len(traced.partition_graphs)]
    try:
        md.HasField("nope")
        out["bad_field"] = None
    except ValueError as e:
        out["bad_field"] = str(e)
    return out


def make_bytes(tf):
    """A RunMetadata with one device's step stats, serialized (TF only: its proto API)."""
    md = tf.RunMetadata()
    d = md.step_stats.dev_stats.add(device="/job:localhost/replica:0/task:0/device:CPU:0")
    n = d.node_stats.add(node_name="mm", all_start_micros=1000, op_start_rel_micros=1,
                         op_end_rel_micros=5, all_end_rel_micros=6,
                         timeline_label="mm = MatMul(x, w)")
    o = n.output.add(slot=0)
    o.tensor_description.dtype = tf.float32.as_datatype_enum
    o.tensor_description.shape.dim.add(size=2)
    o.tensor_description.shape.dim.add(size=3)
    o.tensor_description.allocation_description.requested_bytes = 24
    o.tensor_description.allocation_description.allocator_name = "cpu"
    d.node_stats.add(node_name="x", all_start_micros=990, all_end_rel_micros=2,
                     timeline_label="x = Placeholder()")
    return md.SerializeToString()


def read(tf, data):
    """What a script reads from serialized RunMetadata, and its bytes written again."""
    md = tf.RunMetadata()
    md.ParseFromString(data)
    nodes = [[n.node_name, n.all_start_micros, n.all_end_rel_micros, n.timeline_label,
              [[o.slot, o.tensor_description.allocation_description.requested_bytes,
                o.tensor_description.allocation_description.allocator_name] for o in n.output]]
             for dev in md.step_stats.dev_stats for n in dev.node_stats]
    return [md.HasField("step_stats"), [d.device for d in md.step_stats.dev_stats], nodes,
            md.SerializeToString() == data, len(tf.RunMetadata().SerializeToString())]


def case_bytes(tf):
    data = make_bytes(tf)
    return [data, read(tf, data)]
