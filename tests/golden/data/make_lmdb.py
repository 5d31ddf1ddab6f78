"""Makes the LMDB files under tests/golden/data/lmdb/ that gen_lmdb.py (TF 1.14) and
tests/test_data_lmdb.py (flowgrad) read: run with any Python that has the `lmdb` package
(`python tests/golden/data/make_lmdb.py`). The files are committed; LMDB's key order is
byte order, so the records are written out of order on purpose."""
import os

import lmdb

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "lmdb")

RECORDS = [(b"b", b"2"), (b"a", b"1"), (b"c\x00x", b"\xff\x00"), (b"aa", b""),
           (b"\xc3\xa9t\xc3\xa9", "\u00e9t\u00e9".encode()), (b"z" * 10, b"v" * 5000),
           (b"B", b"upper")]


def _write(path, records, subdir):
    env = lmdb.open(path, subdir=subdir, map_size=1 << 20, lock=False)
    with env.begin(write=True) as txn:
        for k, v in records:
            txn.put(k, v)
    env.close()


def main():
    os.makedirs(HERE, exist_ok=True)
    _write(os.path.join(HERE, "data.mdb"), RECORDS, subdir=False)
    _write(os.path.join(HERE, "dir"), [(b"k%03d" % i, b"%d" % (i * i)) for i in range(40)],
           subdir=True)
    _write(os.path.join(HERE, "empty.mdb"), [], subdir=False)     # no records


if __name__ == "__main__":
    main()
