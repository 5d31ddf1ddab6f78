"""TF 1.14's string functions (tf.as_string, string_join, string_split, strings.split,
string_strip, string_to_number, substr, reduce_join, regex_replace, regex_full_match,
strings.length/lower/upper/format, base64, fingerprint, decode_json_example): op names and
types, values, errors. Read by tests/test_strings_c3.py."""
# -*- coding: utf-8 -*-
from __future__ import absolute_import

import numpy as np

from c3kit import run_all

WORDS = [[b"hello world", b"  a  b "], [b"", b"tensor-flow"]]
UTF = [u"h\u00e9llo w\u00f6rld".encode("utf-8"), u"\u4f60\u597d".encode("utf-8")]
NUMS = np.array([[1.5, -0.25, 1e10], [3.14159265, -1e-7, 0.0]], np.float32)


def _c(tf, v):
    return tf.constant(v)


CASES = {
    # -- as_string -------------------------------------------------------------------------
    "as_string/float": lambda tf: tf.as_string(NUMS),
    "as_string/double": lambda tf: tf.as_string(NUMS.astype(np.float64)),
    "as_string/precision": lambda tf: tf.as_string(NUMS, precision=3),
    "as_string/scientific": lambda tf: tf.as_string(NUMS, scientific=True),
    "as_string/sci-precision": lambda tf: tf.as_string(NUMS, precision=2, scientific=True),
    "as_string/shortest": lambda tf: tf.as_string(NUMS, shortest=True),
    "as_string/width": lambda tf: tf.as_string(NUMS, width=12),
    "as_string/width-fill0": lambda tf: tf.as_string(NUMS, width=12, fill="0"),
    "as_string/width-fill-space": lambda tf: tf.as_string([7, -7], width=5, fill=" "),
    "as_string/fill-long": lambda tf: tf.as_string([7], width=5, fill="00"),
    "as_string/int-width-fill0": lambda tf: tf.as_string([7, -7, 123456], width=5, fill="0"),
    "as_string/int-precision": lambda tf: tf.as_string([7], precision=2),
    "as_string/int-scientific": lambda tf: tf.as_string([7], scientific=True),
    "as_string/sci-and-shortest": lambda tf: tf.as_string([1.0], scientific=True,
                                                          shortest=True),
    "as_string/int64": lambda tf: tf.as_string(tf.constant([2 ** 40, -3], tf.int64)),
    "as_string/int8": lambda tf: tf.as_string(tf.constant([-128, 5], tf.int8)),
    "as_string/uint8": lambda tf: tf.as_string(tf.constant([255, 5], tf.uint8)),
    "as_string/bool": lambda tf: tf.as_string([True, False]),
    "as_string/complex64": lambda tf: tf.as_string(tf.constant([1 + 2j, -0.5 - 1.25j],
                                                               tf.complex64)),
    "as_string/complex-precision": lambda tf: tf.as_string(
        tf.constant([1 + 2j], tf.complex128), precision=1),
    "as_string/special": lambda tf: tf.as_string([np.inf, -np.inf, np.nan]),
    "as_string/half": lambda tf: tf.as_string(tf.constant([1.5], tf.float16)),
    "as_string/string": lambda tf: tf.as_string(["a"]),
    "as_string/named": lambda tf: tf.as_string(1.0, name="s"),
    "as_string/strings.as_string": lambda tf: tf.strings.as_string([3, 4]),
    "as_string/dtypes.as_string": lambda tf: tf.dtypes.as_string([3.5]),
    # -- join --------------------------------------------------------------------------------
    "join/broadcast": lambda tf: tf.string_join([["a", "b"], "c", ["d", "e"]], separator="-"),
    "join/scalars": lambda tf: tf.strings.join(["a", "b"]),
    "join/mismatch": lambda tf: tf.string_join([["a", "b"], ["c", "d", "e"]]),
    "join/mismatch-run": lambda tf: tf.string_join(
        [tf.placeholder_with_default(["a", "b"], [None]),
         tf.placeholder_with_default(["c", "d", "e"], [None])]),
    "join/int": lambda tf: tf.string_join([["a"], [1]]),
    "join/named": lambda tf: tf.string_join(["x", "y"], name="j"),
    # -- string_split (v1) ---------------------------------------------------------------------
    "split/default": lambda tf: tf.string_split([b"hello world", b"  a  b ", b"", b"x"]),
    "split/delimiter": lambda tf: tf.string_split([b"a,b,,c", b",x,"], delimiter=","),
    "split/keep-empty": lambda tf: tf.string_split([b"a,b,,c", b",x,"], delimiter=",",
                                                   skip_empty=False),
    "split/keep-empty-empty-string": lambda tf: tf.string_split([b"a,,b", b"", b","],
                                                               delimiter=",", skip_empty=False),
    "split/multi-delim": lambda tf: tf.string_split([b"a,b;c d"], delimiter=",;"),
    "split/empty-delim": lambda tf: tf.string_split([b"abc", b"de"], delimiter=""),
    "split/sep": lambda tf: tf.string_split([b"a-b"], sep="-"),
    "split/both": lambda tf: tf.string_split([b"a-b"], sep="-", delimiter="-"),
    "split/rank2": lambda tf: tf.string_split([[b"a b"]]),
    "split/scalar": lambda tf: tf.string_split(b"a b"),
    "split/bad-result-type": lambda tf: tf.string_split([b"a b"], result_type="dense"),
    "split/tensor-delim": lambda tf: tf.string_split([b"a;b"], delimiter=tf.constant(";")),
    "split/named": lambda tf: tf.string_split([b"a b"], name="sp"),
    # -- strings.split (V2) ----------------------------------------------------------------------
    "split2/default": lambda tf: tf.strings.split([b"hello world", b"  a  b ", b"", b"x"]),
    "split2/sep": lambda tf: tf.strings.split([b"a,b,,c", b",x,"], sep=","),
    "split2/sep-multi": lambda tf: tf.strings.split([b"a<>b<><>c"], sep="<>"),
    "split2/maxsplit": lambda tf: tf.strings.split([b"a b c d", b"  x  y  z "], maxsplit=2),
    "split2/maxsplit-sep": lambda tf: tf.strings.split([b"a,b,c,d"], sep=",", maxsplit=1),
    "split2/source": lambda tf: tf.strings.split(source=[b"a b"]),
    "split2/both": lambda tf: tf.strings.split(input=[b"a"], source=[b"a b"]),
    # -- strip ----------------------------------------------------------------------------------
    "strip/basic": lambda tf: tf.string_strip([b"  a b  ", b"\t\nx\r\v\f", b"", b"   "]),
    "strip/strings": lambda tf: tf.strings.strip(b" q "),
    "strip/int": lambda tf: tf.string_strip([1]),
    # -- to_number --------------------------------------------------------------------------------
    "to_number/float": lambda tf: tf.string_to_number([b"1.5", b"-2e3", b" 3", b"inf", b"nan"]),
    "to_number/double": lambda tf: tf.strings.to_number([b"0.1", b"1e300"], tf.float64),
    "to_number/int32": lambda tf: tf.string_to_number([b"12", b"-7", b"+5"], tf.int32),
    "to_number/int64": lambda tf: tf.string_to_number([b"12345678901"], out_type=tf.int64),
    "to_number/int32-overflow": lambda tf: tf.string_to_number([b"12345678901"], tf.int32),
    "to_number/int-float-text": lambda tf: tf.string_to_number([b"1.5"], tf.int32),
    "to_number/bad": lambda tf: tf.string_to_number([b"abc"]),
    "to_number/empty": lambda tf: tf.string_to_number([b""]),
    "to_number/hex": lambda tf: tf.string_to_number([b"0x10"]),
    "to_number/trailing": lambda tf: tf.string_to_number([b"1.5 "]),
    "to_number/bad-type": lambda tf: tf.string_to_number([b"1"], tf.int16),
    "to_number/input": lambda tf: tf.string_to_number(input=[b"2"]),
    "to_number/named": lambda tf: tf.strings.to_number(b"2", name="n"),
    # -- substr -------------------------------------------------------------------------------------
    "substr/scalar-pos": lambda tf: tf.substr([b"hello", b"world!"], 1, 3),
    "substr/vector-pos": lambda tf: tf.substr([b"hello", b"world!"], [0, 2], [2, 10]),
    "substr/negative-pos": lambda tf: tf.substr([b"hello"], -3, 2),
    "substr/out-of-range": lambda tf: tf.substr([b"hello"], 6, 1),
    "substr/negative-out": lambda tf: tf.substr([b"hello"], -6, 1),
    "substr/at-end": lambda tf: tf.substr([b"hello"], 5, 1),
    "substr/broadcast": lambda tf: tf.substr([[b"hello", b"world"], [b"abc", b"defg"]],
                                             [1, 2], [2, 1]),
    "substr/utf8": lambda tf: tf.strings.substr(UTF, 1, 3, unit="UTF8_CHAR"),
    "substr/utf8-neg": lambda tf: tf.strings.substr(UTF, -2, 5, unit="UTF8_CHAR"),
    "substr/bad-unit": lambda tf: tf.substr([b"a"], 0, 1, unit="CHAR"),
    "substr/int64": lambda tf: tf.substr([b"hello"], tf.constant(1, tf.int64),
                                         tf.constant(2, tf.int64)),
    "substr/mixed-types": lambda tf: tf.substr([b"hello"], tf.constant(1, tf.int64), 2),
    "substr/negative-len": lambda tf: tf.substr([b"hello"], 1, -1),
    # -- reduce_join -----------------------------------------------------------------------------------
    "reduce_join/all": lambda tf: tf.reduce_join([[b"a", b"b"], [b"c", b"d"]]),
    "reduce_join/axis0": lambda tf: tf.reduce_join([[b"a", b"b"], [b"c", b"d"]], 0),
    "reduce_join/axis1-sep": lambda tf: tf.reduce_join([[b"a", b"b"], [b"c", b"d"]], axis=1,
                                                       separator=", "),
    "reduce_join/neg-axis": lambda tf: tf.reduce_join([[b"a", b"b"], [b"c", b"d"]], -1),
    "reduce_join/keepdims": lambda tf: tf.strings.reduce_join([[b"a", b"b"], [b"c", b"d"]],
                                                              1, keepdims=True),
    "reduce_join/keep_dims": lambda tf: tf.reduce_join([[b"a", b"b"]], [0, 1], keep_dims=True),
    "reduce_join/reduction_indices": lambda tf: tf.reduce_join([[b"a", b"b"]],
                                                               reduction_indices=[1]),
    "reduce_join/empty-axis": lambda tf: tf.reduce_join([[b"a", b"b"]], []),
    "reduce_join/bad-axis": lambda tf: tf.reduce_join([[b"a", b"b"]], 2),
    "reduce_join/dup-axis": lambda tf: tf.reduce_join([[b"a", b"b"]], [1, 1]),
    "reduce_join/unknown-rank": lambda tf: tf.reduce_join(tf.placeholder_with_default(
        [[b"a", b"b"], [b"c", b"d"]], None)),
    "reduce_join/empty-dim": lambda tf: tf.reduce_join(tf.zeros([2, 0], tf.string), 1),
    "reduce_join/3d": lambda tf: tf.reduce_join(
        [[[b"a", b"b"], [b"c", b"d"]], [[b"e", b"f"], [b"g", b"h"]]], [0, 2], separator="."),
    # -- regex --------------------------------------------------------------------------------------------
    "regex_replace/static": lambda tf: tf.regex_replace([b"aabbcc", b"abc"], "b+", "X"),
    "regex_replace/first": lambda tf: tf.regex_replace([b"aabbcbb"], "b+", "X",
                                                       replace_global=False),
    "regex_replace/groups": lambda tf: tf.strings.regex_replace(
        [b"john smith", b"a b"], r"(\w+) (\w+)", r"\2, \1"),
    "regex_replace/backslash": lambda tf: tf.regex_replace([b"a.b"], r"\.", r"\\"),
    "regex_replace/whole": lambda tf: tf.regex_replace([b"abc"], "b", r"[\0]"),
    "regex_replace/empty-match": lambda tf: tf.regex_replace([b"abxd", b""], "x*", "-"),
    "regex_replace/empty-match-first": lambda tf: tf.regex_replace([b"abxd"], "x*", "-",
                                                                   replace_global=False),
    "regex_replace/dynamic": lambda tf: tf.regex_replace([b"aabb"], tf.constant("a+"),
                                                         tf.constant("Y")),
    "regex_replace/dollar": lambda tf: tf.regex_replace([b"ab\n"], "b$", "X"),
    "regex_replace/anchors": lambda tf: tf.regex_replace([b"a1b22"], r"^\D|\d$", "_"),
    "regex_replace/class": lambda tf: tf.regex_replace([b"A-b_c 9"], r"[^a-z0-9]", ""),
    "regex_replace/utf8": lambda tf: tf.regex_replace(UTF, u"\u00e9|\u597d", "E"),
    "regex_replace/dot-utf8": lambda tf: tf.regex_replace(UTF, ".", "."),
    "regex_replace/flags": lambda tf: tf.regex_replace([b"ABC abc"], "(?i)b", "_"),
    "regex_replace/lookahead": lambda tf: tf.regex_replace([b"ab"], "a(?=b)", "X"),
    "regex_replace/backref": lambda tf: tf.regex_replace([b"aa"], r"(a)\1", "X"),
    "regex_replace/bad-paren": lambda tf: tf.regex_replace([b"aa"], "(a", "X"),
    "regex_replace/bad-rewrite": lambda tf: tf.regex_replace([b"aa"], "(a)", r"\2"),
    "regex_replace/dynamic-bad": lambda tf: tf.regex_replace([b"aa"], tf.constant("(a"), "X"),
    "regex_replace/named-group": lambda tf: tf.regex_replace([b"ab"], "(?P<x>a)", "<\\1>"),
    "regex_replace/perl-classes": lambda tf: tf.regex_replace([b"a1 b\t2"], r"\s\w", "#"),
    "regex_replace/non-greedy": lambda tf: tf.regex_replace([b"<a><b>"], "<.*?>", "T"),
    "regex_full_match/static": lambda tf: tf.strings.regex_full_match(
        [b"abc", b"abcd", b"ab\n"], "ab[a-z]"),
    "regex_full_match/dynamic": lambda tf: tf.strings.regex_full_match(
        [b"abc", b"x"], tf.constant("[a-c]+")),
    "regex_full_match/alternation": lambda tf: tf.strings.regex_full_match(
        [b"ab", b"abc", b"c"], "ab|abc"),
    "regex_full_match/bad": lambda tf: tf.strings.regex_full_match([b"a"], "a{2,1}"),
    # -- length, lower, upper ---------------------------------------------------------------------------
    "length/bytes": lambda tf: tf.strings.length([b"abc", b""] + UTF),
    "length/utf8": lambda tf: tf.strings.length([b"abc", b""] + UTF, unit="UTF8_CHAR"),
    "length/bad-unit": lambda tf: tf.strings.length([b"a"], unit="X"),
    "lower/ascii": lambda tf: tf.strings.lower([b"HeLLo W\xc3\x96RLD"]),
    "lower/utf8": lambda tf: tf.strings.lower([b"HeLLo W\xc3\x96RLD"], encoding="utf-8"),
    "upper/ascii": lambda tf: tf.strings.upper([b"hello w\xc3\xb6rld"]),
    "upper/utf8": lambda tf: tf.strings.upper([b"hello w\xc3\xb6rld"], encoding="utf-8"),
    "upper/bad-encoding": lambda tf: tf.strings.upper([b"a"], encoding="latin1"),
    # -- base64 ----------------------------------------------------------------------------------------------
    "base64/encode": lambda tf: tf.encode_base64([b"hello", b"", b"\xff\xfe\xfd", b"ab?"]),
    "base64/encode-pad": lambda tf: tf.io.encode_base64([b"hello", b"a", b"ab?>"], pad=True),
    "base64/decode": lambda tf: tf.decode_base64([b"aGVsbG8", b"__79", b"aGVsbG8=", b""]),
    "base64/decode-bad": lambda tf: tf.decode_base64([b"a$b"]),
    "base64/decode-std-alphabet": lambda tf: tf.decode_base64([b"a+b/"]),
    "base64/decode-bad-length": lambda tf: tf.io.decode_base64([b"a"]),
    "base64/roundtrip": lambda tf: tf.decode_base64(tf.encode_base64([b"\x00\x01xyz"], True)),
    # -- fingerprint --------------------------------------------------------------------------------------------
    "fingerprint/strings": lambda tf: tf.fingerprint([b"hello", b"", b"tensorflow"]),
    "fingerprint/strings-2d": lambda tf: tf.fingerprint([[b"a", b"b"], [b"c", b"d"]]),
    "fingerprint/float": lambda tf: tf.fingerprint(NUMS),
    "fingerprint/int64-3d": lambda tf: tf.fingerprint(tf.reshape(tf.range(12, dtype=tf.int64),
                                                                 [2, 3, 2])),
    "fingerprint/scalar": lambda tf: tf.fingerprint(b"x"),
    "fingerprint/bad-method": lambda tf: tf.fingerprint([b"x"], method="md5"),
}


CASES.update({
    "format/summarize": lambda tf: tf.strings.format(
        "x={} y={}", (tf.constant([1, 2, 3, 4, 5, 6, 7]), tf.constant(2.5))),
    "format/matrix": lambda tf: tf.strings.format("x={}", tf.reshape(tf.range(30), [5, 6]),
                                                  summarize=2),
    "format/strings": lambda tf: tf.strings.format("{}", [tf.constant(["a", "b"])]),
    "format/count": lambda tf: tf.strings.format("{} {}", [tf.constant(1)]),
    "format/placeholder": lambda tf: tf.strings.format("a<>b", [tf.constant(1)],
                                                       placeholder="<>"),
    "format/python-values": lambda tf: tf.strings.format("a{}b{}", [3, "q"]),
    "format/bool": lambda tf: tf.strings.format("{}", tf.constant([True, False])),
    "format/all": lambda tf: tf.strings.format("{}", [tf.constant([[1.25, 2.0], [3.0, 4.0]])],
                                               summarize=-1),
    "format/named": lambda tf: tf.strings.format("{}", [tf.constant(1.5, tf.float64)],
                                                 name="f"),
    "decode_compressed/alias": lambda tf: tf.decode_compressed([b"abc"]),
})


# flowgrad's tf.decode_compressed (parsing_ops) names its input `Const`, TF
# `DecodeCompressed/bytes`
VALUES_ONLY = ("decode_compressed/alias",)


def cases(tf):
    return run_all(tf, CASES, VALUES_ONLY)

_BAD = [b"ok", b"a\xffb", b"\xe4\xbd", b"\xed\xa0\x80x", b"tab\there\x01\x7f\xc2\x85"]
CASES.update({
    "transcode/utf16": lambda tf: tf.strings.unicode_transcode(UTF + _BAD, "UTF-8",
                                                               "UTF-16-BE"),
    "transcode/utf32": lambda tf: tf.strings.unicode_transcode(UTF + _BAD, "UTF-8",
                                                               "UTF-32-BE"),
    "transcode/roundtrip": lambda tf: tf.strings.unicode_transcode(
        tf.strings.unicode_transcode(UTF, "UTF-8", "UTF-16-BE"), "UTF-16-BE", "UTF-8"),
    "transcode/from-utf32": lambda tf: tf.strings.unicode_transcode(
        [b"\x00\x00\x00a\x00\x01\xf6\x00", b"\x00\x11\x00\x00\x00\x00\x00b", b"\x00\x00"],
        "UTF-32-BE", "UTF-8"),
    "transcode/from-utf16-bad": lambda tf: tf.strings.unicode_transcode(
        [b"\xd8\x00\x00a", b"\x00a\x00"], "UTF-16-BE", "UTF-8"),
    "transcode/ignore": lambda tf: tf.strings.unicode_transcode(_BAD, "UTF-8", "UTF-8",
                                                                errors="ignore"),
    "transcode/replace-char": lambda tf: tf.strings.unicode_transcode(
        _BAD, "UTF-8", "UTF-8", replacement_char=ord("?")),
    "transcode/control": lambda tf: tf.strings.unicode_transcode(
        _BAD, "UTF-8", "UTF-8", replace_control_characters=True),
    "transcode/strict": lambda tf: tf.strings.unicode_transcode(_BAD, "UTF-8", "UTF-8",
                                                                errors="strict"),
    "transcode/strict-ok": lambda tf: tf.strings.unicode_transcode(UTF, "UTF-8", "UTF-8",
                                                                   errors="strict"),
    "transcode/bad-encoding": lambda tf: tf.strings.unicode_transcode(UTF, "latin1", "UTF-8"),
    "transcode/bad-errors": lambda tf: tf.strings.unicode_transcode(UTF, "UTF-8", "UTF-8",
                                                                    errors="x"),
    "transcode/2d": lambda tf: tf.strings.unicode_transcode([[b"a", b"b"]], "UTF-8",
                                                            "UTF-16-BE", name="t"),
})
