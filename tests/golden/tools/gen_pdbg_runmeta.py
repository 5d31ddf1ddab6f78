"""TF 1.14's RunMetadata fields a script reads after a traced run: which are set
(HasField), the empty cost graph and partition graphs, and the proto's str()."""


def cases(tf):
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
