"""engine/runtime/heap.py: glibc malloc settings applied by the first Session."""
import sys

import flowgrad as tf
from flowgrad.engine.runtime import heap


def test_settings_default_linux():
    got = dict(heap.settings({}, "linux"))
    assert got == {heap._M_MMAP_THRESHOLD: heap.MMAP_THRESHOLD,
                   heap._M_TRIM_THRESHOLD: heap.TRIM_THRESHOLD}


def test_settings_skipped():
    assert heap.settings({}, "darwin") == ()
    assert heap.settings({}, "win32") == ()
    for off in ("0", "off", "False", " no "):
        assert heap.settings({"FLOWGRAD_MALLOC_TUNING": off}, "linux") == ()
    assert heap.settings({"FLOWGRAD_MALLOC_TUNING": "1"}, "linux") != ()
    for var in heap._USER_VARS:   # the user's own glibc settings stand
        assert heap.settings({var: "1000000"}, "linux") == ()


def test_session_applies_once(monkeypatch):
    monkeypatch.setattr(heap, "_state", {"done": False, "applied": ()})
    monkeypatch.setenv("FLOWGRAD_MALLOC_TUNING", "1")
    for var in heap._USER_VARS:
        monkeypatch.delenv(var, raising=False)
    with tf.Graph().as_default():
        with tf.Session() as s:
            assert s.run(tf.constant(2.0) * 3.0) == 6.0
    assert heap._state["done"]
    first = heap._state["applied"]
    if sys.platform.startswith("linux") and first:
        assert dict(first) == dict(heap.settings({}, "linux"))
    assert heap.tune() is first


def test_opt_out_applies_nothing(monkeypatch):
    monkeypatch.setattr(heap, "_state", {"done": False, "applied": ()})
    monkeypatch.setenv("FLOWGRAD_MALLOC_TUNING", "0")
    assert heap.tune() == ()
    assert heap._state["done"]
