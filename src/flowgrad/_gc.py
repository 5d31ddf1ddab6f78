"""Pausing Python's cyclic garbage collector while big, long-lived structures are built.

Building a gradient or a plan creates hundreds of thousands of objects that all
stay alive. With the collector on, each generation-0 collection rescans them;
after the build, the first collections would scan them all once more. So the
collector is paused during the build, and afterwards the new objects are
moved straight into the oldest generation (gc.freeze + gc.unfreeze: two list
splices, no scan) -- unless the program uses gc.freeze itself, which we then
leave alone. Nothing is leaked: the objects are collected by the next full
collection like any long-lived object.
"""
from __future__ import annotations

import contextlib
import gc


@contextlib.contextmanager
def paused():
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        if gc.get_freeze_count() == 0:
            gc.freeze()
            gc.unfreeze()
        gc.enable()
