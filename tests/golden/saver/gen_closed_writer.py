"""TF 1.14's tf.summary.FileWriter after close(): each add (summary, session log, graph,
event) and flush warns "Attempting to use a closed FileWriter..." (a UserWarning) and
writes nothing; close() again is quiet; after reopen() nothing warns. tests/test_closed_writer.py runs the same program with flowgrad."""
from __future__ import absolute_import

import shutil
import tempfile
import warnings


def run(tf):
    d = tempfile.mkdtemp()
    out = []
    try:
        with tf.Graph().as_default() as g:
            s = tf.summary.scalar("x", tf.constant(1.0))
            with tf.Session() as sess:
                val = sess.run(s)
            w = tf.summary.FileWriter(d)
            w.add_summary(val, 1)
            w.close()
            steps = [("add_summary", lambda: w.add_summary(val, 2)),
                     ("add_session_log", lambda: w.add_session_log(
                         tf.SessionLog(status=tf.SessionLog.START), 3)),
                     ("add_graph", lambda: w.add_graph(g)),
                     ("add_event", lambda: w.add_event(tf.Event(step=4))),
                     ("flush", w.flush),
                     ("close", w.close),
                     ("reopen", w.reopen),
                     ("add_summary_reopened", lambda: w.add_summary(val, 5)),
                     ("close_reopened", w.close)]
            for name, fn in steps:
                with warnings.catch_warnings(record=True) as caught:
                    warnings.simplefilter("always")
                    fn()
                out.append([name, [[c.category.__name__, str(c.message)] for c in caught]])
        return {"warnings": out}
    finally:
        shutil.rmtree(d)


def cases(tf):
    return {"run": run(tf)}
