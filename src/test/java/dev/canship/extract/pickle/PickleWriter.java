package dev.canship.extract.pickle;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes pickles opcode by opcode for tests, the way CPython's pickler would, so no binary is ever committed
 * and no Python is needed. Each method appends one opcode with its operand and returns this writer.
 */
public final class PickleWriter {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    public static PickleWriter proto(int version) {
        PickleWriter w = new PickleWriter();
        w.op(0x80).raw(version);
        return w;
    }

    /** A writer with no PROTO opcode (protocol 0 and 1 pickles start directly with their first opcode). */
    public static PickleWriter plain() {
        return new PickleWriter();
    }

    public PickleWriter op(int opcode) {
        out.write(opcode);
        return this;
    }

    public PickleWriter raw(int b) {
        out.write(b);
        return this;
    }

    public PickleWriter raw(byte[] b) {
        out.writeBytes(b);
        return this;
    }

    private PickleWriter le(long v, int n) {
        for (int i = 0; i < n; i++) {
            out.write((int) (v >>> (8 * i)) & 0xff);
        }
        return this;
    }

    /** GLOBAL 'c': module and name as lines. */
    public PickleWriter global(String module, String name) {
        return op('c').raw((module + "\n" + name + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** INST 'i': module and name as lines; pops to the mark and instantiates. */
    public PickleWriter inst(String module, String name) {
        return op('i').raw((module + "\n" + name + "\n").getBytes(StandardCharsets.UTF_8));
    }

    public PickleWriter stackGlobal() {
        return op(0x93);
    }

    /** SHORT_BINUNICODE (protocol 4) or BINUNICODE for longer strings. */
    public PickleWriter unicode(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (b.length < 256) {
            return op(0x8c).le(b.length, 1).raw(b);
        }
        return op('X').le(b.length, 4).raw(b);
    }

    /** STRING 'S': a quoted protocol 0 string. */
    public PickleWriter string(String s) {
        return op('S').raw(("'" + s + "'\n").getBytes(StandardCharsets.UTF_8));
    }

    /** SHORT_BINBYTES or BINBYTES. */
    public PickleWriter bytes(byte[] b) {
        if (b.length < 256) {
            return op('C').le(b.length, 1).raw(b);
        }
        return op('B').le(b.length, 4).raw(b);
    }

    public PickleWriter binput(int i) {
        return op('q').le(i, 1);
    }

    public PickleWriter longBinput(long i) {
        return op('r').le(i, 4);
    }

    public PickleWriter binget(int i) {
        return op('h').le(i, 1);
    }

    public PickleWriter longBinget(long i) {
        return op('j').le(i, 4);
    }

    public PickleWriter memoize() {
        return op(0x94);
    }

    public PickleWriter binint(int v) {
        return op('J').le(v, 4);
    }

    public PickleWriter binint1(int v) {
        return op('K').le(v, 1);
    }

    public PickleWriter mark() {
        return op('(');
    }

    public PickleWriter tuple() {
        return op('t');
    }

    public PickleWriter tuple1() {
        return op(0x85);
    }

    public PickleWriter tuple2() {
        return op(0x86);
    }

    public PickleWriter emptyTuple() {
        return op(')');
    }

    public PickleWriter emptyDict() {
        return op('}');
    }

    public PickleWriter reduce() {
        return op('R');
    }

    public PickleWriter build() {
        return op('b');
    }

    public PickleWriter newobj() {
        return op(0x81);
    }

    public PickleWriter setitem() {
        return op('s');
    }

    public PickleWriter none() {
        return op('N');
    }

    public PickleWriter frame(long length) {
        return op(0x95).le(length, 8);
    }

    public PickleWriter stop() {
        return op('.');
    }

    public byte[] bytes() {
        return out.toByteArray();
    }

    /**
     * The pickle of a one-tensor state_dict as torch.save writes it in data.pkl (protocol 2): an OrderedDict whose
     * value is {@code torch._utils._rebuild_tensor_v2(persistent_load(('storage', torch.BFloat16Storage, '0', 'cpu', 4)),
     * 0, (2, 2), (2, 1), False, OrderedDict())}, set with SETITEMS.
     */
    public static byte[] stateDict(String tensorName) {
        return proto(2)
                .global("collections", "OrderedDict").binput(0).emptyTuple().reduce().binput(1)
                .mark()
                .unicodeX(tensorName).binput(2)
                .global("torch._utils", "_rebuild_tensor_v2").binput(3)
                .mark()
                .mark().unicodeX("storage").binput(4).global("torch", "BFloat16Storage").binput(5).unicodeX("0").binput(6)
                .unicodeX("cpu").binput(7).binint1(4).tuple().binput(8).op('Q')
                .binint1(0)
                .binint1(2).binint1(2).tuple2().binput(9)
                .binint1(2).binint1(1).tuple2().binput(10)
                .op(0x89)
                .global("collections", "OrderedDict").binput(11).emptyTuple().reduce().binput(12)
                .tuple().binput(13)
                .reduce().binput(14)
                .op('u')
                .stop().bytes();
    }

    /** BINUNICODE 'X' (protocol 2 strings). */
    public PickleWriter unicodeX(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return op('X').le(b.length, 4).raw(b);
    }

    /** A PyTorch zip checkpoint: {@code archive/data.pkl} plus tensor data entries, stored like torch.save does. */
    public static Path torchZip(Path file, byte[] dataPkl, int dataEntries) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            stored(zip, "archive/data.pkl", dataPkl);
            stored(zip, "archive/byteorder", "little".getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < dataEntries; i++) {
                stored(zip, "archive/data/" + i, new byte[8]);
            }
            stored(zip, "archive/version", "3\n".getBytes(StandardCharsets.US_ASCII));
        }
        return file;
    }

    static void stored(ZipOutputStream zip, String name, byte[] data) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setMethod(ZipEntry.STORED);
        e.setSize(data.length);
        e.setCompressedSize(data.length);
        CRC32 crc = new CRC32();
        crc.update(data);
        e.setCrc(crc.getValue());
        zip.putNextEntry(e);
        zip.write(data);
        zip.closeEntry();
    }

    /** A .npy file of object dtype: the header dict, padded, then the pickle. */
    public static byte[] npyObject(byte[] pickle) {
        return npy("'|O'", pickle);
    }

    /** A .npy file whose header's descr is the Python literal {@code descr}, followed by {@code data}. */
    public static byte[] npy(String descr, byte[] data) {
        String dict = "{'descr': " + descr + ", 'fortran_order': False, 'shape': (1,), }";
        int total = 10 + dict.length() + 1;
        int pad = (64 - total % 64) % 64;
        String header = dict + " ".repeat(pad) + "\n";
        ByteBuffer b = ByteBuffer.allocate(10 + header.length() + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        b.putShort((short) header.length());
        b.put(header.getBytes(StandardCharsets.ISO_8859_1));
        b.put(data);
        return b.array();
    }

    /** A zip of stored entries, in the given order. */
    public static Path zip(Path file, java.util.Map<String, byte[]> entries) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            for (var e : entries.entrySet()) {
                stored(zip, e.getKey(), e.getValue());
            }
        }
        return file;
    }

    /** A tar (ustar) of the given members, in order, as Python's tarfile writes one. */
    public static Path tar(Path file, java.util.Map<String, byte[]> members) throws IOException {
        try (var tar = new org.apache.commons.compress.archivers.tar.TarArchiveOutputStream(Files.newOutputStream(file))) {
            for (var e : members.entrySet()) {
                var entry = new org.apache.commons.compress.archivers.tar.TarArchiveEntry(e.getKey());
                entry.setSize(e.getValue().length);
                tar.putArchiveEntry(entry);
                tar.write(e.getValue());
                tar.closeArchiveEntry();
            }
        }
        return file;
    }

    /** The first pickle of a legacy torch.save file: the magic number as a LONG1, protocol 2. */
    public static byte[] legacyMagic() {
        return proto(2).op(0x8a).raw(10).raw(new byte[] {0x6c, (byte) 0xfc, (byte) 0x9c, 0x46, (byte) 0xf9, 0x20, 0x6a, (byte) 0xa8, 0x50, 0x19})
                .stop().bytes();
    }

    /** Concatenates byte arrays (pickles back to back, a header and its payload). */
    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            o.writeBytes(p);
        }
        return o.toByteArray();
    }

    /** {@code data} compressed as joblib writes it: zlib, gzip or bz2 (kept libraries); old joblib's {@code ZF} header. */
    public static byte[] compress(String how, byte[] data) throws IOException {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        if (how.equals("zf")) {
            o.writeBytes(String.format("ZF%-19s", "0x" + Integer.toHexString(data.length)).getBytes(StandardCharsets.US_ASCII));
            how = "zlib";
        }
        try (java.io.OutputStream c = switch (how) {
            case "zlib" -> new java.util.zip.DeflaterOutputStream(o);
            case "gzip" -> new java.util.zip.GZIPOutputStream(o);
            case "bz2" -> new org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream(o);
            default -> throw new IllegalArgumentException(how);
        }) {
            c.write(data);
        }
        return o.toByteArray();
    }
}
