"""tf.summary.get_summary_description / SummaryDescription / all_v2_summary_ops and
tf.debugging.get/set_log_device_placement under TF 1.14 (summary_misc.json) and flowgrad
(tests/test_summary_misc.py). Valid Python 3.7."""


def _err(fn):
    try:
        return ["ok", fn()]
    except Exception as e:  # noqa: BLE001 - the golden records TF's error
        return [type(e).__name__, str(e).split("\n")[0]]


def summary(tf):
    out = {}
    out["v2_empty"] = [t.name for t in tf.summary.all_v2_summary_ops()]
    with tf.Graph().as_default():
        c = tf.constant(1)
        tf.add_to_collection("_SUMMARY_V2", c)
        tf.summary.scalar("s", tf.constant(2.0))
        out["v2"] = [t.name for t in tf.summary.all_v2_summary_ops()]
    nd = tf.NodeDef(name="s", op="TensorSummary")
    nd.attr["description"].s = b'{"type_hint": "scalar"}'
    d = tf.summary.get_summary_description(nd)
    out["description"] = [type(d).__name__, str(d), d.type_hint]
    out["camel"] = _err(lambda: str(tf.summary.get_summary_description(nd)))
    nd.attr["description"].s = b'{"typeHint": "image"}'
    out["camel"] = str(tf.summary.get_summary_description(nd))
    out["not_summary"] = _err(lambda: tf.summary.get_summary_description(
        tf.NodeDef(name="s", op="Const")))
    nd.attr["description"].s = b""
    out["empty"] = _err(lambda: tf.summary.get_summary_description(nd))[0]
    out["constructed"] = str(tf.summary.SummaryDescription(type_hint="x"))
    return out


def log_placement(tf):
    out = {"before": tf.debugging.get_log_device_placement()}
    out["set"] = tf.debugging.set_log_device_placement(True)
    out["after"] = tf.debugging.get_log_device_placement()
    with tf.Graph().as_default():
        tf.constant(1.0)
        s = tf.Session()
        out["session_config"] = s._config.log_device_placement
        s.close()
    tf.debugging.set_log_device_placement(False)
    out["reset"] = tf.debugging.get_log_device_placement()
    out["same_value"] = _err(lambda: tf.debugging.set_log_device_placement(False))
    tf.config.experimental.list_logical_devices()   # initializes the runtime
    out["started"] = _err(lambda: tf.debugging.set_log_device_placement(True))
    out["started_same"] = _err(lambda: tf.debugging.set_log_device_placement(False))
    return out


def cases(tf):
    return {"summary": summary(tf), "log_placement": log_placement(tf)}
