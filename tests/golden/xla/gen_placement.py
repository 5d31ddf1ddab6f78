"""TF 1.14's placement without a GPU: ops explicitly placed on /gpu:N fail the session's
first run with InvalidArgumentError (even when the run does not need them) unless
allow_soft_placement moves them to the CPU; log_device_placement prints one line per op
in the placer's order. tests/test_placement.py compares flowgrad's errors and lines."""
from __future__ import absolute_import

import ctypes
import os
import tempfile


def build_add(tf):
    with tf.device("/gpu:0"):
        a = tf.constant([1.0, 2.0], name="a")
        b = tf.add(a, a, name="b")
    tf.Variable(1.0, name="v")
    c = tf.multiply(b, 2.0, name="c")
    return c


def build_const(tf):
    with tf.device("/gpu:0"):
        a = tf.constant(1.0, name="a")
    return tf.add(a, 1.0, name="b")


def build_variable(tf):
    with tf.device("/gpu:1"):
        v = tf.Variable(2.0, name="v")
        return tf.square(v, name="sq")


def build_sources(tf):
    a = tf.constant(1.0, name="a")
    b = tf.constant(2.0, name="b")
    with tf.device("/device:GPU:0"):
        return tf.add_n([a, b], name="s")


def build_unused(tf):
    with tf.device("/gpu:0"):
        tf.constant(1.0, name="a")
    return tf.constant(3.0, name="c")


BUILDS = {"add": build_add, "const": build_const, "variable": build_variable,
          "sources": build_sources, "unused": build_unused}


def run(tf, name, soft, log):
    """[value or None, [error class, message] or None]."""
    g = tf.Graph()
    with g.as_default():
        out = BUILDS[name](tf)
        cfg = tf.ConfigProto(allow_soft_placement=soft, log_device_placement=log)
        try:
            with tf.Session(config=cfg) as s:
                s.run(tf.global_variables_initializer())
                return [s.run(out).tolist(), None]
        except Exception as e:  # noqa: BLE001
            return [None, [type(e).__name__, str(e)]]


def _captured(fn):
    """fn()'s result and what TF's C++ printf wrote to stdout meanwhile."""
    libc = ctypes.CDLL(None)
    libc.fflush(None)
    fd, path = tempfile.mkstemp()
    saved = os.dup(1)
    os.dup2(fd, 1)
    try:
        res = fn()
        libc.fflush(None)
    finally:
        os.dup2(saved, 1)
        os.close(saved)
        os.close(fd)
    with open(path) as f:
        text = f.read()
    os.remove(path)
    return res, text.splitlines()


def cases(tf):
    out = {}
    for name in BUILDS:
        out[name + "_hard"] = run(tf, name, False, False)
        out[name + "_soft"] = run(tf, name, True, False)
    for name in ("add", "variable"):
        res, lines = _captured(lambda name=name: run(tf, name, True, True))
        out[name + "_log"] = [res, lines]
    return out
