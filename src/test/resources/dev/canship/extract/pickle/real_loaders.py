"""Writes one checkpoint per bypass class with the real library and a harmless payload, then loads each with the
real loader and reports whether the payload ran. Used by RealLoaderCheckpointTest; never loads anything canship
did not just write here.

Usage: python3 real_loaders.py LIBRARY OUT_DIR  (LIBRARY: pickle, numpy, joblib, torch)
Prints one line per file: name, TAB, 1 if the real loader ran the payload else 0, TAB, how it was loaded.
"""
import contextlib
import io
import os
import pickle
import sys
import tarfile
import zipfile
import zlib

MARK = "canship-test"


class Payload:
    """Harmless: loading it prints a marker."""

    def __reduce__(self):
        return (print, (MARK,))


def ran(load):
    out = io.StringIO()
    try:
        with contextlib.redirect_stdout(out):
            load()
    except Exception as e:  # the payload may run before the loader fails; that is what counts
        print("  (loader raised %s)" % type(e).__name__, file=sys.stderr)
    return MARK in out.getvalue()


def report(out_dir, name, load, how):
    print("%s\t%d\t%s" % (name, 1 if ran(load) else 0, how))


def npy_header(descr):
    d = "{'descr': %s, 'fortran_order': False, 'shape': (1,), }" % descr
    pad = (64 - (10 + len(d) + 1) % 64) % 64
    h = (d + " " * pad + "\n").encode("latin1")
    return b"\x93NUMPY\x01\x00" + len(h).to_bytes(2, "little") + h


def main():
    lib, out = sys.argv[1], sys.argv[2]
    p = lambda n: os.path.join(out, n)
    if lib == "pickle":
        for proto in range(0, 6):
            name = "proto%d.pkl" % proto
            with open(p(name), "wb") as f:
                pickle.dump(Payload(), f, protocol=proto)
            report(out, name, lambda n=name: pickle.load(open(p(n), "rb")), "pickle.load")
        for name in ["clf.sav", "w2v.model", "index.dat", "weights.xyz"]:
            with open(p(name), "wb") as f:
                pickle.dump(Payload(), f, protocol=4)
            report(out, name, lambda n=name: pickle.load(open(p(n), "rb")), "pickle.load")
    elif lib == "numpy":
        import numpy as np
        np.save(p("obj.npy"), np.array([Payload()], dtype=object), allow_pickle=True)
        report(out, "obj.npy", lambda: np.load(p("obj.npy"), allow_pickle=True), "numpy.load")
        np.save(p("struct.npy"), np.array([(1, Payload())], dtype=[("a", "<i4"), ("b", "O")]), allow_pickle=True)
        report(out, "struct.npy", lambda: np.load(p("struct.npy"), allow_pickle=True), "numpy.load")
        body = pickle.dumps(np.array([Payload()], dtype=object), protocol=3)
        for i, descr in enumerate(["'object'", "'object_'", "'O8'", "'<O'", "'i4,O'", "('O', (1,))"]):
            name = "spelling%d.npy" % i
            with open(p(name), "wb") as f:
                f.write(npy_header(descr) + body)
            report(out, name, lambda n=name: np.load(p(n), allow_pickle=True), "numpy.load descr " + descr)
        np.savez(p("plain.npz"), emb=np.array([Payload()], dtype=object))
        with zipfile.ZipFile(p("plain.npz")) as z, zipfile.ZipFile(p("nosuffix.npz"), "w") as w:
            w.writestr("emb", z.read("emb.npy"))
        report(out, "nosuffix.npz", lambda: np.load(p("nosuffix.npz"), allow_pickle=True)["emb"], "numpy.load npz member without .npy")
        os.remove(p("plain.npz"))
    elif lib == "joblib":
        import joblib
        import numpy as np
        for comp in ["zlib", "gzip", "bz2", "lzma", "xz"]:
            name = "model-%s.joblib" % comp
            joblib.dump({"w": np.zeros(3), "p": Payload()}, p(name), compress=(comp, 3))
            report(out, name, lambda n=name: joblib.load(p(n)), "joblib.load " + comp)
        joblib.dump({"w": np.zeros(3), "p": Payload()}, p("plain.joblib"))
        report(out, "plain.joblib", lambda: joblib.load(p("plain.joblib")), "joblib.load")
        data = pickle.dumps(Payload(), protocol=2)
        with open(p("old-zf.pkl"), "wb") as f:
            f.write(b"ZF" + hex(len(data)).encode("ascii").ljust(19) + zlib.compress(data))
        report(out, "old-zf.pkl", lambda: joblib.load(p("old-zf.pkl")), "joblib.load ZF (joblib < 0.10)")
        joblib.dump(Payload(), p("renamed.bin"), compress=("gzip", 3))
        report(out, "renamed.bin", lambda: joblib.load(p("renamed.bin")), "joblib.load gzip under another name")
    elif lib == "torch":
        import torch
        obj = {"w": torch.zeros(2), "p": Payload()}
        torch.save(obj, p("zip.pt"))
        report(out, "zip.pt", lambda: torch.load(p("zip.pt")), "torch.load zip")
        torch.save(obj, p("legacy.pth"), _use_new_zipfile_serialization=False)
        report(out, "legacy.pth", lambda: torch.load(p("legacy.pth")), "torch.load legacy")
        # Legacy file whose sys_info pickle is replaced by a protocol 0 one.
        with open(p("legacy.pth"), "rb") as f:
            magic = pickle.load(f)
            proto = pickle.load(f)
            pickle.load(f)
            rest = f.read()
        with open(p("legacy-proto0.pth"), "wb") as f:
            pickle.dump(magic, f, protocol=2)
            pickle.dump(proto, f, protocol=2)
            pickle.dump(Payload(), f, protocol=0)
            f.write(rest)
        report(out, "legacy-proto0.pth", lambda: torch.load(p("legacy-proto0.pth")), "torch.load legacy, protocol 0 sys_info")
        # The legacy tar format (torch < 0.4 wrote it; torch.load still reads it).
        members = {"storages": pickle.dumps(0, protocol=2) + pickle.dumps([], protocol=2), "tensors": pickle.dumps(0, protocol=2),
                   "pickle": pickle.dumps(Payload(), protocol=2)}
        with tarfile.open(p("old.pth.tar"), "w:", format=tarfile.PAX_FORMAT) as t:
            for n, b in members.items():
                info = tarfile.TarInfo(n)
                info.size = len(b)
                t.addfile(info, io.BytesIO(b))
        report(out, "old.pth.tar", lambda: torch.load(p("old.pth.tar")), "torch.load legacy tar")

        class M(torch.nn.Module):
            def forward(self, x):
                return x + 1
        torch.jit.save(torch.jit.script(M()), p("scripted.pt"))
        # TorchScript has no pickle payload of ours: what runs is its code/ (reported as 0 here, flagged by canship).
        report(out, "scripted.pt", lambda: torch.jit.load(p("scripted.pt")), "torch.jit.load (runs code/)")
    else:
        sys.exit("unknown library " + lib)


if __name__ == "__main__":
    main()
