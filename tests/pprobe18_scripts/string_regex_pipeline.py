"""String ops in an NLP input path: tf.strings.lower / regex_replace (global and first-only) /
regex_full_match / strip, tf.string_split with a delimiter set and skip_empty=False,
tf.strings.split, substr with negative positions and UTF8_CHAR units, length, reduce_join
over axes with a separator and keepdims, string_join, as_string with precision and width,
to_number, and the three hash-bucket ops: op counts and the bytes produced."""
import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(1801)
raw = tf.constant([b"  Hello, World!  The  cat's HAT. ", b"A--b  c;;d", b"",
                   u"Caf\u00e9 na\u00efve \u00fcber".encode("utf-8"), b"x1 22 333"])
low = tf.strings.lower(raw)
clean = tf.strings.regex_replace(low, r"[^a-z0-9' \x80-\xff]", " ")
first = tf.strings.regex_replace(low, r"\s+", "_", replace_global=False)
squash = tf.strings.strip(tf.strings.regex_replace(clean, r"\s+", " "))
full = tf.strings.regex_full_match(squash, r"[a-z ]+")
sp = tf.string_split(squash, " ")
sp2 = tf.string_split(raw, " ,;-", skip_empty=False)
sp3 = tf.strings.split(low, sep="  ")
sub = tf.substr(sp.values, -1, 3)
bad = tf.substr(squash, -3, 2)
subu = tf.strings.substr(sp.values, 0, 3, unit="UTF8_CHAR")
badu = tf.strings.substr(squash, 1, 3, unit="UTF8_CHAR")
lens = tf.strings.length(squash), tf.strings.length(squash, unit="UTF8_CHAR")
dense = tf.sparse.to_dense(sp, default_value="<pad>")
rj0 = tf.strings.reduce_join(dense, axis=0, separator="|")
rj1 = tf.reduce_join(dense, axis=1, separator=" ", keep_dims=True)
try:
    tf.strings.reduce_join(dense, axis=1, keepdims=True)
except ValueError as e:
    print("ValueError", e)
rjall = tf.reduce_join(dense, separator="+")
sj = tf.strings.join([squash, tf.as_string(tf.strings.length(squash)), "end"], separator="#")
nums = tf.constant([1.5, -2.25, 3.0e-5, 12345.678], tf.float32)
fmt = tf.as_string(nums, precision=3), tf.as_string(nums, scientific=True, precision=2), \
    tf.as_string(tf.constant([7, -42, 3]), width=5, fill="0")
tonum = tf.strings.to_number(tf.constant(["3.25", "-1e3", "0.1"])), tf.strings.to_number(
    tf.constant(["12", "-7"]), tf.int64)
hashes = (tf.strings.to_hash_bucket_fast(sp.values, 97), tf.strings.to_hash_bucket_strong(
    sp.values, 97, key=[11, 13]), tf.strings.to_hash_bucket(sp.values, 97))
up = tf.strings.upper(squash)
print(len(tf.get_default_graph().get_operations()))
with tf.Session() as s:
    v = s.run(dict(low=low, clean=clean, first=first, squash=squash, full=full, sp=sp, sp2=sp2,
                   sp3=sp3, sub=sub, subu=subu, lens=lens, dense=dense, rj0=rj0, rj1=rj1,
                   rjall=rjall, sj=sj, fmt=fmt, tonum=tonum, hashes=hashes, up=up))
    for k in sorted(v):
        x = v[k]
        if hasattr(x, "indices"):
            print(k, x.indices.tolist(), x.values.tolist(), x.dense_shape.tolist())
        elif isinstance(x, tuple):
            print(k, [a.tolist() for a in x])
        else:
            print(k, np.asarray(x).tolist())
    try:
        s.run(bad)
    except tf.errors.InvalidArgumentError as e:
        print(type(e).__name__, e.message.split("\n")[0])
    try:
        s.run(badu)
    except tf.errors.InvalidArgumentError as e:
        print(type(e).__name__, e.message.split("\n")[0])
