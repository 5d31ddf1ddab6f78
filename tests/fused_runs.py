"""Running a golden case with lstm_loop's fused runners on (recording each call and
whether it ran) or off (the matcher disabled), for the tests that check both give TF's
bits (test_rnn_loop_grads, test_loop_grads64, test_batch1_rnn, test_rnn_addops)."""
import flowgrad as tf
from flowgrad.engine.ops import lstm_loop


def flat(x):
    """The arrays of a nested list/tuple of results, in order."""
    if isinstance(x, (list, tuple)):
        return [z for y in x for z in flat(y)]
    return [x]


def run(fn, fused, monkeypatch):
    """(fn()'s result in a fresh default graph, [(runner method, whether it ran)]): with
    `fused` the runners' forward/backward calls are recorded, else the matcher is off."""
    calls = []
    if not fused:
        monkeypatch.setattr(lstm_loop, "match", lambda *a: None)
    else:
        for meth in ("forward", "backward"):
            orig = getattr(lstm_loop.Runner, meth)

            def counting(self, *a, _orig=orig, _meth=meth, **k):
                out = _orig(self, *a, **k)
                calls.append((_meth, out is not None))
                return out
            monkeypatch.setattr(lstm_loop.Runner, meth, counting)
    tf.reset_default_graph()
    try:
        got = fn()
    finally:
        monkeypatch.undo()
    return got, calls
