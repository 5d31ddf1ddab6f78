"""tf.saved_model.main_op.main_op / main_op_with_restore and tf.version under TF 1.14
(main_op.json) and flowgrad (tests/test_main_op.py): the ops built, their control inputs,
tf.group's error for a name string. Valid Python 3.7."""


def _ops(tf, n0):
    return [[o.name, o.type, sorted(c.name for c in o.control_inputs)]
            for o in tf.get_default_graph().get_operations()[n0:]]


def build(tf):
    out = {}
    tf.Variable(1.0)
    n0 = len(tf.get_default_graph().get_operations())
    out["main_op"] = [tf.saved_model.main_op.main_op().name, _ops(tf, n0)]
    saver = tf.train.Saver()
    restore = tf.get_default_graph().get_operation_by_name(saver.saver_def.restore_op_name)
    n0 = len(tf.get_default_graph().get_operations())
    out["with_restore"] = [tf.saved_model.main_op_with_restore(restore).name, _ops(tf, n0)]
    try:
        tf.saved_model.main_op.main_op_with_restore(saver.saver_def.restore_op_name)
        out["name_string"] = "no error"
    except TypeError as e:
        out["name_string"] = str(e)
    out["version"] = [tf.version.VERSION, tf.version.GRAPH_DEF_VERSION,
                      tf.version.GRAPH_DEF_VERSION_MIN_CONSUMER,
                      tf.version.GRAPH_DEF_VERSION_MIN_PRODUCER, tf.VERSION]
    return out


def cases(tf):
    with tf.Graph().as_default():
        return {"main_op": build(tf)}
