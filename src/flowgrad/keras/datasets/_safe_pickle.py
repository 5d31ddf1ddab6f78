"""Reads the data Keras's dataset files keep in Python's pickle format - CIFAR's batches (a
dict of bytes keys, a uint8 array, lists of labels and file names) and the object arrays of
imdb.npz / reuters.npz (lists of word ids) - without running pickle: a small interpreter
of the pickle opcodes that builds only plain data (None, bools, ints, floats, bytes, str,
lists, tuples, dicts) and NumPy arrays of fixed-size dtypes (or object arrays of that
data). The only globals it knows are NumPy's array and dtype reconstructors and
`_codecs.encode` (Python 3's protocol-2 bytes); anything else is a ValueError, so a file
cannot run code.
"""
from __future__ import annotations

import codecs
import io
import struct
import zipfile

import numpy as np

__all__ = ["loads", "load_npz"]

_ALLOWED = {("numpy.core.multiarray", "_reconstruct"): "reconstruct",
            ("numpy._core.multiarray", "_reconstruct"): "reconstruct",
            ("numpy", "ndarray"): "ndarray", ("numpy", "dtype"): "dtype",
            ("numpy.core.numeric", "_frombuffer"): "frombuffer",
            ("numpy._core.numeric", "_frombuffer"): "frombuffer",
            ("_codecs", "encode"): "encode"}
_MARK = object()


class _Array:
    """An ndarray being unpickled (its state arrives with BUILD)."""
    value = None


class _Dtype:
    def __init__(self, name):
        self.name = name
        self.value = np.dtype(name)


def _bad(msg):
    raise ValueError("not a data pickle Keras's datasets use: " + msg)


def _build_array(state):
    if not isinstance(state, tuple) or len(state) != 5:
        _bad("array state")
    _, shape, dtype, fortran, raw = state
    if not isinstance(dtype, _Dtype):
        _bad("array dtype")
    dt = dtype.value
    order = "F" if fortran else "C"
    if dt.hasobject:
        if not isinstance(raw, list):
            _bad("object array data")
        out = np.empty(len(raw), dtype=object)
        for i, item in enumerate(raw):
            out[i] = item
        return out.reshape(shape, order=order)
    if isinstance(raw, str):
        raw = raw.encode("latin1")
    if not isinstance(raw, (bytes, bytearray)):
        _bad("array data")
    count = int(np.prod(shape)) if shape else 1
    if len(raw) != count * dt.itemsize:
        _bad("array size")
    return np.frombuffer(bytes(raw), dtype=dt).reshape(shape, order=order).copy()


def _build_dtype(obj, state):
    order = state[1] if isinstance(state, tuple) and len(state) >= 2 else None
    order = order.decode("ascii") if isinstance(order, bytes) else order
    if order in ("<", ">"):
        obj.value = obj.value.newbyteorder(order)
    if obj.value.fields is not None:
        _bad("structured dtype")


def _reduce(func, args):
    if not isinstance(args, tuple):
        _bad("call arguments")
    if func == "reconstruct":
        return _Array()
    if func == "dtype":   # Python 2 files read with encoding='bytes' name it in bytes
        if not args or not isinstance(args[0], (str, bytes)):
            _bad("dtype")
        name = args[0].decode("ascii") if isinstance(args[0], bytes) else args[0]
        if name not in ("O", "O8", "O4") and np.dtype(name).hasobject:
            _bad("dtype")
        return _Dtype(name)
    if func == "frombuffer":   # NumPy's protocol-5 arrays: (buffer, dtype, shape, order)
        if len(args) != 4 or not isinstance(args[0], (bytes, bytearray)) or \
                not isinstance(args[1], _Dtype) or args[1].value.hasobject:
            _bad("array buffer")
        return _build_array((1, tuple(args[2]), args[1], args[3] == "F", bytes(args[0])))
    if func == "encode":
        if len(args) != 2 or not isinstance(args[0], str) or args[1] != "latin1":
            _bad("bytes")
        return args[0].encode("latin1")
    _bad("call")
    return None


def _resolve(x, seen=None):
    """Replaces array and dtype stand-ins by their values, everywhere in `x`."""
    if isinstance(x, (_Array, _Dtype)):
        if x.value is None:
            _bad("array without state")
        return x.value
    if isinstance(x, list):
        for i, item in enumerate(x):
            x[i] = _resolve(item)
        return x
    if isinstance(x, tuple):
        return tuple(_resolve(item) for item in x)
    if isinstance(x, dict):
        return {_resolve(k): _resolve(v) for k, v in x.items()}
    if isinstance(x, np.ndarray) and x.dtype.hasobject:
        for i in range(x.size):
            x.flat[i] = _resolve(x.flat[i])
    return x


def loads(data: bytes, encoding="bytes"):
    """The data a pickle holds (Python 2 str as bytes with encoding='bytes', else decoded
    with `encoding`), or ValueError for anything but plain data and arrays."""
    f = io.BytesIO(data)
    stack, memo, marks = [], {}, []

    def read(n):
        b = f.read(n)
        if len(b) != n:
            _bad("truncated")
        return b

    def readline():
        line = f.readline()
        if not line.endswith(b"\n"):
            _bad("truncated")
        return line[:-1]

    def pop_mark():
        if not marks:
            _bad("no mark")
        k = marks.pop()
        items = stack[k:]
        del stack[k:]
        return items

    def py2str(b):
        return b if encoding == "bytes" else b.decode(encoding)

    while True:
        op = f.read(1)
        if not op:
            _bad("no STOP")
        c = op[0]
        if c == 0x80:                       # PROTO
            read(1)
        elif c == 0x95:                     # FRAME
            read(8)
        elif op == b".":                    # STOP
            if len(stack) != 1:
                _bad("stack")
            return _resolve(stack[0])
        elif op == b"(":
            marks.append(len(stack))
        elif op == b"}":
            stack.append({})
        elif op == b"]":
            stack.append([])
        elif op == b")":
            stack.append(())
        elif op == b"t":
            stack.append(tuple(pop_mark()))
        elif c in (0x85, 0x86, 0x87):       # TUPLE1..3
            n = c - 0x84
            if len(stack) < n:
                _bad("stack")
            items = tuple(stack[-n:])
            del stack[-n:]
            stack.append(items)
        elif op == b"l":
            stack.append(pop_mark())
        elif op == b"d":
            items = pop_mark()
            stack.append(dict(zip(items[::2], items[1::2])))
        elif op == b"a":
            v = stack.pop()
            stack[-1].append(v)
        elif op == b"e":
            items = pop_mark()
            if not isinstance(stack[-1], list):
                _bad("APPENDS")
            stack[-1].extend(items)
        elif op == b"s":
            v, k = stack.pop(), stack.pop()
            stack[-1][k] = v
        elif op == b"u":
            items = pop_mark()
            if not isinstance(stack[-1], dict):
                _bad("SETITEMS")
            for k, v in zip(items[::2], items[1::2]):
                stack[-1][k] = v
        elif op == b"J":
            stack.append(struct.unpack("<i", read(4))[0])
        elif op == b"K":
            stack.append(read(1)[0])
        elif op == b"M":
            stack.append(struct.unpack("<H", read(2))[0])
        elif c == 0x8A:                     # LONG1
            n = read(1)[0]
            stack.append(int.from_bytes(read(n), "little", signed=True))
        elif op == b"I":
            line = readline()
            stack.append({b"00": False, b"01": True}.get(line, None)
                         if line in (b"00", b"01") else int(line))
        elif op == b"G":
            stack.append(struct.unpack(">d", read(8))[0])
        elif op == b"N":
            stack.append(None)
        elif c == 0x88:
            stack.append(True)
        elif c == 0x89:
            stack.append(False)
        elif op == b"U":
            stack.append(py2str(read(read(1)[0])))
        elif op == b"T":
            stack.append(py2str(read(struct.unpack("<i", read(4))[0])))
        elif op == b"X":
            stack.append(read(struct.unpack("<I", read(4))[0]).decode("utf8"))
        elif c == 0x8C:                     # SHORT_BINUNICODE
            stack.append(read(read(1)[0]).decode("utf8"))
        elif c == 0x8D:                     # BINUNICODE8
            stack.append(read(struct.unpack("<Q", read(8))[0]).decode("utf8"))
        elif op == b"C":
            stack.append(read(read(1)[0]))
        elif op == b"B":
            stack.append(read(struct.unpack("<I", read(4))[0]))
        elif c == 0x8E:                     # BINBYTES8
            stack.append(read(struct.unpack("<Q", read(8))[0]))
        elif c == 0x96:                     # BYTEARRAY8
            stack.append(bytearray(read(struct.unpack("<Q", read(8))[0])))
        elif op == b"p":                    # protocol 0: PUT, GET, strings, numbers
            memo[int(readline())] = stack[-1]
        elif op == b"g":
            stack.append(memo[int(readline())])
        elif op == b"S":
            line = readline()
            if len(line) < 2 or line[:1] != line[-1:] or line[:1] not in (b"'", b'"'):
                _bad("STRING")
            stack.append(py2str(codecs.escape_decode(line[1:-1])[0]))
        elif op == b"V":
            stack.append(readline().decode("raw_unicode_escape"))
        elif op == b"F":
            stack.append(float(readline()))
        elif op == b"L":
            stack.append(int(readline().rstrip(b"L")))
        elif op == b"q":
            memo[read(1)[0]] = stack[-1]
        elif op == b"r":
            memo[struct.unpack("<I", read(4))[0]] = stack[-1]
        elif c == 0x94:                     # MEMOIZE
            memo[len(memo)] = stack[-1]
        elif op == b"h":
            stack.append(memo[read(1)[0]])
        elif op == b"j":
            stack.append(memo[struct.unpack("<I", read(4))[0]])
        elif op == b"c":                    # GLOBAL
            key = (readline().decode("ascii"), readline().decode("ascii"))
            if key not in _ALLOWED:
                _bad("global %s.%s" % key)
            stack.append(_ALLOWED[key])
        elif c == 0x93:                     # STACK_GLOBAL
            name, module = stack.pop(), stack.pop()
            if (module, name) not in _ALLOWED:
                _bad("global %s.%s" % (module, name))
            stack.append(_ALLOWED[(module, name)])
        elif op == b"R":
            args, func = stack.pop(), stack.pop()
            stack.append(_reduce(func, args))
        elif op == b"b":
            state = stack.pop()
            obj = stack[-1]
            if isinstance(obj, _Array):
                obj.value = _build_array(state)
            elif isinstance(obj, _Dtype):
                _build_dtype(obj, state)
            else:
                _bad("BUILD")
        else:
            _bad("opcode %r" % op)


_MAX_MEMBER = 1 << 31


def load_npz(path):
    """{name: array} of an .npz file; object arrays are read with `loads`, never pickle."""
    out = {}
    with zipfile.ZipFile(path) as z:
        for info in z.infolist():
            if not info.filename.endswith(".npy") or info.file_size > _MAX_MEMBER:
                continue
            with z.open(info) as f:
                version = np.lib.format.read_magic(f)
                if version == (1, 0):
                    shape, fortran, dtype = np.lib.format.read_array_header_1_0(f)
                else:
                    shape, fortran, dtype = np.lib.format.read_array_header_2_0(f)
                data = f.read()
            name = info.filename[:-4]
            if dtype.hasobject:
                arr = loads(data, encoding="latin1")
                if not isinstance(arr, np.ndarray):
                    _bad("object array")
            else:
                count = int(np.prod(shape)) if shape else 1
                if len(data) != count * dtype.itemsize:
                    _bad("array size")
                arr = np.frombuffer(data, dtype=dtype).reshape(
                    shape, order="F" if fortran else "C").copy()
            out[name] = arr
    return out
