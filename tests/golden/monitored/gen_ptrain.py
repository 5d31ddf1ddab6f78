"""TF 1.14 training-loop infrastructure probed by the ptrain helper: tf.train.Coordinator's
request_stop outside an except block (tests/test_ptrain.py runs cases() on flowgrad)."""


def _outcome(fn):
    """fn()'s value, or the class and message of what it raised."""
    try:
        return ["ok", fn()]
    except Exception as e:  # noqa: BLE001 - the error is the answer
        return [type(e).__name__, str(e)]


def coordinator_request_stop_outside_except(tf):
    """TF keeps sys.exc_info(), not `ex`; with no current exception its log message fails:
    request_stop raises TypeError, the stop is not set, and join/raise_requested_exception
    then re-raise the empty exc_info (calling None)."""
    coord = tf.train.Coordinator()
    out = {"request": _outcome(lambda: coord.request_stop(RuntimeError("x"))),
           "stopped_after": coord.should_stop()}
    coord.request_stop(ValueError("y"))
    out["stopped_after_second"] = coord.should_stop()
    out["raise_requested"] = _outcome(coord.raise_requested_exception)
    out["join"] = _outcome(coord.join)
    coord.clear_stop()
    out["cleared"] = [coord.should_stop(), _outcome(coord.join)]
    return out


def coordinator_request_stop_in_except(tf):
    """Inside the handler the current exception is kept and join re-raises it."""
    coord = tf.train.Coordinator()
    try:
        raise KeyError("k")
    except KeyError as e:
        coord.request_stop(e)
    return {"stopped": coord.should_stop(), "join": _outcome(coord.join)}


def cases(tf):
    return {
        "coordinator_request_stop_outside_except": coordinator_request_stop_outside_except(tf),
        "coordinator_request_stop_in_except": coordinator_request_stop_in_except(tf),
    }
