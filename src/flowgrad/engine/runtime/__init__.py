"""The runtime: sessions, the plan IR, backends, and plan inspection helpers."""
from __future__ import annotations

__all__ = ["plan_cost", "plan_for", "plan_memory"]


def plan_for(sess, fetches, feed_dict: dict | None = None):
    """The compiled plan `sess.run(fetches, feed_dict)` would execute (compiled and cached now).

    Its `program.dump()` is the (fully) optimized IR, `compiled.source` the generated code.
    """
    plan = sess._cached_plan(fetches, tuple(feed_dict) if feed_dict else ())
    plan.upgrade()  # the fully optimized plan, as every run after the first executes
    return plan


def plan_memory(sess, fetches, feed_dict: dict | None = None) -> dict:
    """Peak memory of the plan for (fetches, feed keys), estimated from static shapes, before
    running anything.

    Returns a dict: `peak_bytes` (the most bytes of intermediate buffers alive at
    once, after in-place reuse and freeing at last use), `persistent_bytes`
    (feeds, constants and variables the plan reads), `unknown_values` (values
    whose static shape is unknown, not counted), `peak_node` (the op at the peak).

    >>> from flowgrad.engine.runtime import plan_memory
    >>> x = tf.placeholder(tf.float32, [None, 100])
    >>> y = tf.reduce_sum(tf.tanh(x) * 2.0)
    >>> plan_memory(tf.Session(), y, {x: np.zeros((10, 100), np.float32)})["peak_bytes"] > 0
    True
    """
    return dict(plan_for(sess, fetches, feed_dict).memory)


from .cost import plan_cost  # noqa: E402 - after plan_for, which it uses
