"""Loading TF 1.14 goldens in tests: `goldens.load(area, stem)` -> {case name: value}.

The files are tests/golden/<area>/<stem>.json (format: tests/golden/goldenio.py),
made by tests/golden/<area>/gen_<stem>.py under TF 1.14 with
`python tools/goldens.py regen <area>`; tests never import TensorFlow.
"""
import functools
import importlib.util
import os
import sys

GOLDEN = os.path.join(os.path.dirname(os.path.abspath(__file__)), "golden")
if GOLDEN not in sys.path:
    sys.path.insert(0, GOLDEN)

import goldenio  # noqa: E402

GoldenError = goldenio.GoldenError


@functools.lru_cache(maxsize=None)
def _read(area, stem):
    return goldenio.read(os.path.join(GOLDEN, area, stem + ".json"))


def load(area, stem):
    """The cases of tests/golden/<area>/<stem>.json (decoded; shared, do not mutate)."""
    return _read(area, stem)[1]


def header(area, stem):
    """The header of a golden file: format, generator, versions."""
    return _read(area, stem)[0]


def path(area, name):
    """The path of a file under tests/golden/<area> (e.g. a probe script tests run)."""
    return os.path.join(GOLDEN, area, name)


@functools.lru_cache(maxsize=None)
def generator(area, stem):
    """The generator module tests/golden/<area>/gen_<stem>.py, for tests that run its case
    functions with flowgrad (its folder goes first on sys.path while it is imported)."""
    here = os.path.join(GOLDEN, area)
    spec = importlib.util.spec_from_file_location(
        "golden_%s_gen_%s" % (area.replace("/", "_"), stem), os.path.join(here, "gen_%s.py" % stem))
    mod = importlib.util.module_from_spec(spec)
    sys.path.insert(0, here)
    try:
        spec.loader.exec_module(mod)
    finally:
        sys.path.remove(here)
    return mod
