"""A run in flight when its session closes (another thread's close(), the end of a `with`
block) and a run past RunOptions.timeout_in_ms, against TF 1.14
(tests/golden/core/gen_session_cancel.py): a while loop stops before its next iteration with
TF's derived "Loop execution was cancelled." naming its LoopCond; the step's other ops run
to their end and the run fails with the session's "Run call was cancelled" (or
"Timed out waiting for notification"). The runs know each other through Events set by a
py_func of the step; no assertion on timing."""
import pytest

import flowgrad as tf
import goldens

gen = goldens.generator("core", "session_cancel")
GOLDEN = goldens.load("core", "session_cancel")


def _as_golden(got):
    """The generator's values as the golden file stores them (lists for tuples)."""
    if isinstance(got, dict):
        return {k: _as_golden(v) for k, v in got.items()}
    if isinstance(got, (list, tuple)):
        return [_as_golden(v) for v in got]
    return got


@pytest.mark.parametrize("case", ["close_loop", "close_nested", "close_with_block"])
def test_closing_the_session_stops_a_running_loop(case):
    assert _as_golden(getattr(gen, case)(tf)) == GOLDEN[case]


@pytest.mark.parametrize("last", [False, True], ids=["ops_after", "last_op"])
def test_closing_the_session_fails_the_run_in_flight(last):
    key = "close_last" if last else "close_chain"
    assert _as_golden(gen.close_chain(tf, last=last)) == GOLDEN[key]


@pytest.mark.parametrize("case", ["timeout_loop", "timeout_chain"])
def test_a_run_past_its_deadline_fails_as_tf114(case):
    assert _as_golden(getattr(gen, case)(tf)) == GOLDEN[case]


def test_closing_the_session_stops_an_imported_loop():
    """A loop of TF's frame ops (imported from a GraphDef): its LoopCond fails."""
    assert _as_golden(gen.close_imported(tf)) == GOLDEN["close_imported"]
