"""tf.python_io (TF 1.14): TFRecordWriter, tf_record_iterator, TFRecordOptions,
TFRecordCompressionType. TF's framing with masked CRC32C (engine/ops/_records.py);
ZLIB/GZIP streams as TF's zlib options make them (level 6, memLevel 9), so the files
are byte for byte TF's."""
from __future__ import annotations

from .engine.ops import _records

__all__ = ["TFRecordCompressionType", "TFRecordOptions", "TFRecordWriter",
           "tf_record_iterator"]


class TFRecordCompressionType:
    """The type of compression for the record."""
    NONE = 0
    ZLIB = 1
    GZIP = 2


class TFRecordOptions:
    """Options used for manipulating TFRecord files."""

    compression_type_map = {TFRecordCompressionType.ZLIB: "ZLIB",
                            TFRecordCompressionType.GZIP: "GZIP",
                            TFRecordCompressionType.NONE: ""}

    def __init__(self, compression_type=None, flush_mode=None, input_buffer_size=None,
                 output_buffer_size=None, window_bits=None, compression_level=None,
                 compression_method=None, mem_level=None, compression_strategy=None):
        self.get_compression_type_string(compression_type)
        self.compression_type = compression_type
        self.flush_mode = flush_mode
        self.input_buffer_size = input_buffer_size
        self.output_buffer_size = output_buffer_size
        self.window_bits = window_bits
        self.compression_level = compression_level
        self.compression_method = compression_method
        self.mem_level = mem_level
        self.compression_strategy = compression_strategy

    @classmethod
    def get_compression_type_string(cls, options):
        """'' / 'ZLIB' / 'GZIP' for `options` (a TFRecordOptions, a type, or a string)."""
        if not options:
            return ""
        if isinstance(options, TFRecordOptions):
            return cls.get_compression_type_string(options.compression_type)
        if isinstance(options, TFRecordCompressionType):
            return cls.compression_type_map[options]
        if options in TFRecordOptions.compression_type_map:
            return cls.compression_type_map[options]
        if options in TFRecordOptions.compression_type_map.values():
            return options
        raise ValueError('Not a valid compression_type: "{}"'.format(options))

    def _zlib_options(self):
        return {k: getattr(self, k) for k in (
            "flush_mode", "input_buffer_size", "output_buffer_size", "window_bits",
            "compression_level", "compression_method", "mem_level", "compression_strategy")}


class TFRecordWriter:
    """Writes records to a TFRecords file (`with` closes it)."""

    def __init__(self, path, options=None):
        if not isinstance(options, TFRecordOptions):
            options = TFRecordOptions(compression_type=options)
        self._path = path
        self._writer = _records.TFRecordWriterRaw(
            path, TFRecordOptions.get_compression_type_string(options),
            zlib_options=options._zlib_options())

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def write(self, record):
        """Writes one record (bytes; None writes an empty one; other types are a
        TypeError, as TF's)."""
        self._writer.write(_records.record_arg(record))

    def flush(self):
        self._writer.flush()

    def close(self):
        self._writer.close()


def tf_record_iterator(path, options=None):
    """Yields the records of a TFRecords file (DataLossError on a corrupted one)."""
    kind = TFRecordOptions.get_compression_type_string(options)
    yield from _records.iter_tfrecords(path, kind)
