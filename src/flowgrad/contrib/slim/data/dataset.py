"""tf.contrib.slim.dataset: a data source description (files, reader, decoder) (TF 1.14)."""
from __future__ import annotations

__all__ = ["Dataset"]


class Dataset:
    """Its arguments, and any keyword arguments, as attributes."""

    def __init__(self, data_sources, reader, decoder, num_samples, items_to_descriptions,
                 **kwargs):
        kwargs["data_sources"] = data_sources
        kwargs["reader"] = reader
        kwargs["decoder"] = decoder
        kwargs["num_samples"] = num_samples
        kwargs["items_to_descriptions"] = items_to_descriptions
        self.__dict__.update(kwargs)
