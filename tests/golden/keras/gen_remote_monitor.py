"""TF 1.14's Keras RemoteMonitor callback (keras/callbacks.py): the `requests.post` calls
it makes at each epoch end (url, form data or JSON body, headers) for a fit with fixed
initial weights, the warning when the server cannot be reached, the error when the logs
hold float32 metrics (json cannot encode them) and when `requests` is missing.

Neither the oracle nor the test environment has `requests`: FakeRequests records the
calls; TF's callbacks module gets it as its `requests`, flowgrad finds it in sys.modules."""
import logging
import sys

import numpy as np


class _RequestException(IOError):
    pass


class FakeRequests(object):
    """The part of `requests` RemoteMonitor uses: post() and exceptions.RequestException."""

    class exceptions(object):
        RequestException = _RequestException

    def __init__(self, fail=False):
        self.calls = []
        self.fail = fail

    def post(self, url, data=None, json=None, headers=None):
        if self.fail:
            raise _RequestException("connection refused")
        self.calls.append([url, data, json, headers])


def fit(tf, metrics=(), epochs=2, validation=True, **kw):
    """Fits a 2->1 Dense model (kernel ones, bias zeros) with a RemoteMonitor(**kw)."""
    model = tf.keras.Sequential([tf.keras.layers.Dense(
        1, input_shape=(2,), kernel_initializer="ones")])
    model.compile("sgd", "mse", metrics=list(metrics))
    x = np.array([[1., 2.], [0.5, -1.], [2., 0.], [-1., 1.]], "float32")
    y = np.array([[1.], [0.], [2.], [-0.5]], "float32")
    val = (x[:2], y[:2]) if validation else None
    model.fit(x, y, epochs=epochs, batch_size=2, verbose=0, shuffle=False,
              validation_data=val, callbacks=[tf.keras.callbacks.RemoteMonitor(**kw)])


CONFIGS = {
    "form_default": {},
    "form_field": {"root": "http://127.0.0.1:8123", "path": "/epochs", "field": "payload",
                   "headers": {"X-Run": "k17"}},
    "json": {"send_as_json": True, "headers": {"X-Run": "k17"}},
    "json_no_validation": {"send_as_json": True, "validation": False, "epochs": 3},
}


class _Capture(logging.Handler):
    def __init__(self):
        logging.Handler.__init__(self)
        self.messages = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def cases(tf):
    cb_module = sys.modules["tensorflow.python.keras.callbacks"]
    out = {}

    def run(name, fake, fn):
        cb_module.requests = fake
        try:
            with tf.Graph().as_default():
                with tf.Session():
                    fn()
            out[name] = fake.calls if fake is not None else None
        except Exception as e:  # the error TF raises is the golden
            out[name] = e
        finally:
            cb_module.requests = None

    for name, kw in sorted(CONFIGS.items()):
        run(name, FakeRequests(), lambda: fit(tf, **kw))
    run("float32_metric_form", FakeRequests(), lambda: fit(tf, metrics=["mae"]))
    run("missing_requests", None, lambda: fit(tf))
    capture = _Capture()
    logger = tf.get_logger()
    level = logger.level
    logger.setLevel(logging.WARNING)   # the golden pipeline may have quieted TF's logger
    logger.addHandler(capture)
    try:
        run("unreachable", FakeRequests(fail=True),
            lambda: fit(tf, root="http://127.0.0.1:9", epochs=2))
    finally:
        logger.removeHandler(capture)
        logger.setLevel(level)
    out["unreachable_warnings"] = [m for m in capture.messages if "RemoteMonitor" in m]
    return out
