"""TF 1.14's string functions that give or take RaggedTensors: tf.string_split and
tf.strings.split with result_type='RaggedTensor' (and strings.split of other ranks),
tf.strings.bytes_split, unicode_decode(_with_offsets) (UTF-8/16/32, errors='replace',
'ignore', 'strict', replacement_char, replace_control_characters), unicode_encode and
unicode_split(_with_offsets) over 0-3-D inputs; values, static shapes, errors and every op.
tests/test_ragged_strings.py runs the same programs in flowgrad."""
from __future__ import absolute_import

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data"))

from gen_ragged_tensor import graph_case  # noqa: E402

_TEXT = [u"h\u00e9llo".encode("utf-8"), b"", u"\u4e16\u754c!".encode("utf-8")]
_BAD = [b"a\xffb", b"\xe4\xb8", b"ok\x01"]

PROGRAMS = {
    # split with ragged results
    "string_split/ragged": lambda tf: tf.string_split([b"a b", b"", b"c d e"],
                                                      result_type="RaggedTensor"),
    "string_split/ragged_delim": lambda tf: tf.string_split([b"a,b", b",c"], delimiter=",",
                                                            result_type="RaggedTensor"),
    "string_split/bad_type": lambda tf: tf.string_split([b"a"], result_type="Dense"),
    "strings_split/ragged": lambda tf: tf.strings.split([b"a b", b"c"],
                                                        result_type="RaggedTensor"),
    "strings_split/rank2_sparse": lambda tf: tf.strings.split([[b"a b", b"c"], [b"d", b""]]),
    "strings_split/rank2_ragged": lambda tf: tf.strings.split(
        [[b"a b", b"c"], [b"d", b""]], sep=" ", result_type="RaggedTensor"),
    "strings_split/scalar": lambda tf: tf.strings.split(b"x y", result_type="RaggedTensor"),
    "strings_split/ragged_input": lambda tf: tf.strings.split(
        tf.ragged.constant([[b"a b"], [], [b"c", b"d e"]]), result_type="RaggedTensor"),
    "strings_split/maxsplit": lambda tf: tf.strings.split(
        [b"a b c"], maxsplit=1, result_type="RaggedTensor"),
    # TF's SplitV2 on whitespace: maxsplit 0 keeps the string whole (its leading blanks too);
    # a string with exactly maxsplit tokens gets an empty last one
    "strings_split/maxsplit_whitespace": lambda tf: [tf.strings.split(
        [b"sat", b"a b ", b"  ", b"", b"  a  b  c ", b"x\ty\nz"], maxsplit=m,
        result_type="RaggedTensor") for m in (0, 1, 2)],
    # bytes_split
    "bytes_split/vector": lambda tf: tf.strings.bytes_split([b"ab", b"", b"cde"]),
    "bytes_split/scalar": lambda tf: tf.strings.bytes_split(b"xyz"),
    "bytes_split/matrix": lambda tf: tf.strings.bytes_split([[b"ab", b"c"]]),
    "bytes_split/ragged": lambda tf: tf.strings.bytes_split(tf.ragged.constant([[b"ab"], []])),
    # unicode_decode
    "decode/utf8": lambda tf: tf.strings.unicode_decode(_TEXT, "UTF-8"),
    "decode/scalar": lambda tf: tf.strings.unicode_decode(_TEXT[0], "UTF-8"),
    "decode/matrix": lambda tf: tf.strings.unicode_decode([_TEXT[:2], _TEXT[1:]], "UTF-8"),
    "decode/ragged": lambda tf: tf.strings.unicode_decode(
        tf.ragged.constant([_TEXT[:1], [], _TEXT[1:]]), "UTF-8"),
    "decode/replace": lambda tf: tf.strings.unicode_decode(_BAD, "UTF-8"),
    "decode/replacement_char": lambda tf: tf.strings.unicode_decode(
        _BAD, "UTF-8", replacement_char=63),
    "decode/ignore": lambda tf: tf.strings.unicode_decode(_BAD, "UTF-8", errors="ignore"),
    "decode/strict": lambda tf: tf.strings.unicode_decode(_BAD, "UTF-8", errors="strict"),
    "decode/control": lambda tf: tf.strings.unicode_decode(
        [b"a\x01\x1fb\x7f"], "UTF-8", replace_control_characters=True),
    "decode/utf16": lambda tf: tf.strings.unicode_decode(
        [u"h\u00e9\U0001F600".encode("utf-16-be"), b"\xd8\x00"], "UTF-16-BE"),
    "decode/utf32": lambda tf: tf.strings.unicode_decode(
        [u"a\U0001F600".encode("utf-32-be")], "UTF-32-BE"),
    "decode/bad_errors": lambda tf: tf.strings.unicode_decode(_TEXT, "UTF-8", errors="x"),
    "decode_offsets": lambda tf: tf.strings.unicode_decode_with_offsets(_TEXT, "UTF-8"),
    "decode_offsets/bad": lambda tf: tf.strings.unicode_decode_with_offsets(_BAD, "UTF-8"),
    "decode_offsets/scalar": lambda tf: tf.strings.unicode_decode_with_offsets(
        _TEXT[2], "UTF-8"),
    # unicode_encode
    "encode/ragged": lambda tf: tf.strings.unicode_encode(
        tf.ragged.constant([[104, 233], [], [19990, 30028]]), "UTF-8"),
    "encode/vector": lambda tf: tf.strings.unicode_encode([104, 105], "UTF-8"),
    "encode/matrix": lambda tf: tf.strings.unicode_encode([[104, 105], [106, 107]],
                                                          "UTF-16-BE"),
    "encode/rank3": lambda tf: tf.strings.unicode_encode([[[65, 66]], [[67, 68]]], "UTF-8"),
    "encode/ragged_rank2": lambda tf: tf.strings.unicode_encode(
        tf.ragged.constant([[[65], [66, 67]], []]), "UTF-32-BE"),
    "encode/invalid_replace": lambda tf: tf.strings.unicode_encode(
        tf.ragged.constant([[65, 0xD800, 0x110000, -1]]), "UTF-8"),
    "encode/invalid_ignore": lambda tf: tf.strings.unicode_encode(
        tf.ragged.constant([[65, 0xD800, 66]]), "UTF-8", errors="ignore"),
    "encode/invalid_strict": lambda tf: tf.strings.unicode_encode(
        tf.ragged.constant([[65, 0xD800]]), "UTF-8", errors="strict"),
    "encode/scalar": lambda tf: tf.strings.unicode_encode(65, "UTF-8"),
    # unicode_split
    "split": lambda tf: tf.strings.unicode_split(_TEXT, "UTF-8"),
    "split/scalar": lambda tf: tf.strings.unicode_split(_TEXT[2], "UTF-8"),
    "split_offsets": lambda tf: tf.strings.unicode_split_with_offsets(_TEXT, "UTF-8"),
}

PROGRAMS = {name: graph_case(fn) for name, fn in PROGRAMS.items()}


def cases(tf):
    return {name: fn(tf) for name, fn in sorted(PROGRAMS.items())}
