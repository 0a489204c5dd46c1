"""Differential check of canship's pickle walker against CPython.

Pickles a range of objects at protocols 0-5 (and two .npy files) into the folder given as the first argument,
and records in expected.json the globals CPython's own Unpickler imports when loading each one (find_class).
PickleDifferentialTest then scans every file and requires no error and exactly those globals:

    python3 src/test/python/pickle_differential.py /tmp/pickle-diff
    CANSHIP_PICKLE_DIFF=/tmp/pickle-diff mvn -o test -Dtest=PickleDifferentialTest

Needs numpy. Nothing here is committed as binary; the folder is made fresh each time.
"""
import os, sys
import pickle, io, json, collections, numpy as np, fractions, decimal, datetime
class Point:
    def __init__(s, x, y): s.x, s.y = x, y
class Slots:
    __slots__ = ("a", "b")
    def __init__(s): s.a, s.b = 1, [2]
rec = [1, 2]; rec.append(rec)
objs = {
 "dict": {"a": 1, "b": [1.5, None, True, False], "c": (1,), "d": (1, 2), "e": (1, 2, 3), "f": (1, 2, 3, 4)},
 "bigint": [2**70, -2**70, 2**2000, 255, 256, 65535, 65536, -1, 0],
 "strings": ["", "ascii", "é\u20ac\U0001F600", "a\nb\\c'\"", "x" * 300, b"bytes\x00\xff", bytearray(b"ba"), b"y" * 300],
 "sets": [set([1, 2]), frozenset([3]), set()],
 "ordered": collections.OrderedDict([("w", 1), ("v", [1, 2])]),
 "recursive": rec,
 "shared": [[1], [1]] ,
 "numpy": [np.arange(6, dtype=np.float32).reshape(2, 3), np.array(["a", None], dtype=object), np.float64(1.5), np.dtype("<i4")],
 "point": Point(1, 2),
 "slots": Slots(),
 "allbytes": [bytes(range(256)), "".join(map(chr, range(256))), "\\u0041\\\\u0042"],
 "big": [list(range(100000)), {str(i): i for i in range(10000)}, "z" * 100000, b"q" * 1000000],
 "deep": None,
 "nparray": [np.zeros((256, 256), dtype=np.float64), np.arange(10, dtype=np.int8)],
 "misc": [complex(1, 2), slice(1, 2, 3), fractions.Fraction(1, 3), decimal.Decimal("1.1"), datetime.date(2024, 1, 2)],
}
d = []
cur = d
for _ in range(400):
    n = []
    cur.append(n)
    cur = n
objs["deep"] = d
out = sys.argv[1]
os.makedirs(out, exist_ok=True)
os.chdir(out)
expected = {}
for name, obj in objs.items():
    for proto in range(0, 6):
        try:
            data = pickle.dumps(obj, protocol=proto)
        except TypeError:
            continue
        found = set()
        class U(pickle.Unpickler):
            def find_class(self, m, n):
                found.add(m + "." + n)
                return super().find_class(m, n)
        U(io.BytesIO(data)).load()
        fn = f"{name}-p{proto}.pkl"
        open(fn, "wb").write(data)
        expected[fn] = sorted(found)
np.save("obj.npy", np.array([{"k": 1}, Point(3, 4)], dtype=object), allow_pickle=True)
expected["obj.npy"] = [__name__ + ".Point", "numpy._core.multiarray._reconstruct", "numpy.dtype", "numpy.ndarray"]
np.save("num.npy", np.arange(10))
expected["num.npy"] = []
json.dump(expected, open("expected.json", "w"), indent=0)
print(len(expected), "files")
