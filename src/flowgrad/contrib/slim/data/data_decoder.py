"""tf.contrib.slim.data_decoder: the interface of slim's decoders (TF 1.14)."""
from __future__ import annotations

import abc

__all__ = ["DataDecoder"]


class DataDecoder(abc.ABC):
    """Decodes a piece of data (e.g. a serialized Example) into named items."""

    @abc.abstractmethod
    def decode(self, data, items):
        """The tensors of `items` decoded from `data`."""

    @abc.abstractmethod
    def list_items(self):
        """The names of the items this decoder can decode."""
