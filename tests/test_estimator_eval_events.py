"""Estimator.evaluate's eval-directory events as TF 1.14's (tests/golden/estimator/
gen_eval_events.py): the metrics and the 'checkpoint_path' string tensor summary."""
import flowgrad as tf
from goldens import generator, load


def test_eval_events_as_tf():
    assert generator("estimator", "eval_events").cases(tf) == load("estimator", "eval_events")
