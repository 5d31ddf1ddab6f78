"""VariableDef protos under TF 1.14 (variable_defs.json) and flowgrad
(tests/test_variable_defs.py): Variable.to_proto() of a reference, a resource and a
partitioned variable (is_resource, save_slice_info_def), with and without export_scope,
and TF's MetaGraphDef of that graph (binary), which flowgrad imports. Valid Python 3.7."""


def _build(tf):
    with tf.variable_scope("m"):
        tf.get_variable("r", [2], use_resource=True, initializer=tf.ones_initializer())
        tf.get_variable("p", [5, 2], partitioner=tf.fixed_size_partitioner(2),
                        initializer=tf.constant_initializer(2.0))
        tf.Variable([1.0, 3.0], name="v")


def cases(tf):
    out = {}
    g = tf.Graph()
    with g.as_default():
        _build(tf)
        vs = tf.global_variables()
        out["names"] = [v.name for v in vs]
        out["types"] = [type(v).__name__ for v in vs]
        out["protos"] = [str(v.to_proto()) for v in vs]
        out["scoped"] = [str(v.to_proto(export_scope="m")) for v in vs]
        out["bytes"] = [v.to_proto().SerializeToString() for v in vs]
        out["slice_protos"] = [str(v._save_slice_info.to_proto()) for v in vs
                               if v._save_slice_info is not None]
        out["meta_graph"] = tf.train.export_meta_graph().SerializeToString()
    return out
