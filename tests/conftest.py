import os

import pytest

import flowgrad as tf

GOLDEN = os.path.join(os.path.dirname(__file__), "golden")


@pytest.fixture(autouse=True)
def _fresh_graph():
    """Each test starts on an empty default graph."""
    tf.reset_default_graph()
    yield
    tf.reset_default_graph()
