"""`tf.estimator.WarmStartSettings` and the warm-start settings of an Estimator's
`warm_start_from`; `tf.estimator.VocabInfo` and warm_start are tf.train's
(train/warm_starting_util.py)."""
from __future__ import annotations

import collections
import os

from .. import logging
from ..train.warm_starting_util import VocabInfo, warm_start

__all__ = ["VocabInfo", "WarmStartSettings", "warm_start"]


class WarmStartSettings(collections.namedtuple("WarmStartSettings", [
        "ckpt_to_initialize_from", "vars_to_warm_start", "var_name_to_vocab_info",
        "var_name_to_prev_var_name"])):
    """Which checkpoint an Estimator warm-starts from and which variables it takes."""

    def __new__(cls, ckpt_to_initialize_from, vars_to_warm_start=".*",
                var_name_to_vocab_info=None, var_name_to_prev_var_name=None):
        if not ckpt_to_initialize_from:
            raise ValueError("`ckpt_to_initialize_from` MUST be set in WarmStartSettings")
        return super().__new__(cls, ckpt_to_initialize_from, vars_to_warm_start,
                               var_name_to_vocab_info or {}, var_name_to_prev_var_name or {})


def settings_from(warm_start_from):
    """The WarmStartSettings of an Estimator's `warm_start_from` (a path, a SavedModel
    directory, or WarmStartSettings), or None."""
    if warm_start_from is None:
        return None
    if isinstance(warm_start_from, (str, bytes, os.PathLike)):
        path = os.fsdecode(warm_start_from)
        if os.path.isfile(os.path.join(path, "saved_model.pb")) or \
                os.path.isfile(os.path.join(path, "saved_model.pbtxt")):
            logging.info("Warm-starting from a SavedModel")
            return WarmStartSettings(ckpt_to_initialize_from=os.path.join(
                path, "variables", "variables"))
        return WarmStartSettings(ckpt_to_initialize_from=path)
    if isinstance(warm_start_from, WarmStartSettings):
        return warm_start_from
    raise ValueError("warm_start_from must be a string or a WarmStartSettings, instead got "
                     "{}".format(type(warm_start_from)))


