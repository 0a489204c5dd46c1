package dev.canship.extract.pickle;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The oldest torch.save format: a tar whose members {@code storages}, {@code tensors} and {@code pickle} each hold
 * pickles. torch.load tries every non-zip file as such a tar before anything else, and unpickles the first pickle of
 * {@code storages}, every record pickle of {@code tensors} and the object pickle in {@code pickle}. Members are read
 * within the pickle-bytes budget; tensor data is never interpreted.
 *
 * <p>The {@code storages} member interleaves a pickle per storage with that storage's raw bytes, whose length
 * depends on a dtype only the unpickled record gives. canship walks its first pickle (the count) and refuses the
 * rest (an error, fail closed): such a checkpoint cannot be shown safe without loading it.
 */
final class LegacyTar {

    /** The members torch's legacy_load reads, in the order it reads them. */
    private static final Set<String> MEMBERS = Set.of("storages", "tensors", "pickle");

    private LegacyTar() {
    }

    static SerializationScan scan(Path file, PickleScanState state, boolean weights) {
        String format = "pytorch-legacy-tar";
        Map<String, byte[]> members = new LinkedHashMap<>();
        try {
            read(file, state, members);
        } catch (PickleFormatException e) {
            return state.result(format, weights, e.reason());
        }
        if (members.isEmpty()) {
            state.note("tar archive without storages, tensors or pickle members: torch.load fails on it before unpickling anything");
            return state.result("not-pickle", false, null);
        }
        try {
            for (String name : new String[] {"storages", "tensors", "pickle"}) {
                byte[] data = members.get(name);
                if (data == null) {
                    // torch stops here with a KeyError: nothing after this member is unpickled.
                    return state.result(format, weights, null);
                }
                PickleInput in = PickleInput.of(data);
                switch (name) {
                    case "storages" -> {
                        new PickleWalker(state, 0, "tar member storages: ").walk(in);
                        if (in.remaining() > 0) {
                            throw state.fail("tar member storages holds " + in.remaining() + " bytes after its count pickle:"
                                    + " storage record pickles interleaved with raw data, which canship does not walk");
                        }
                    }
                    case "tensors" -> walkTensors(in, state);
                    default -> new PickleWalker(state, 0, "tar member pickle: ").walk(in);
                }
            }
            return state.result(format, weights, null);
        } catch (PickleFormatException e) {
            return state.result(format, weights, e.reason());
        } catch (IOException e) {
            return state.result(format, weights, "cannot be read: " + e.getMessage());
        }
    }

    /** The tensors member: a count pickle, then per tensor a record pickle and its sizes (ndim, 4 pad bytes, 2 x ndim + 1 longs). */
    private static void walkTensors(PickleInput in, PickleScanState state) throws PickleFormatException, IOException {
        new PickleWalker(state, 0, "tar member tensors: ").walk(in);
        for (int n = 1; in.remaining() > 0; n++) {
            new PickleWalker(state, 0, "tar member tensors, record " + n + ": ").walk(in);
            byte[] nd = in.read(4);
            if (nd == null) {
                throw state.fail("tar member tensors: record " + n + " has no dimension count (truncated)");
            }
            long ndim = (nd[0] & 0xffL) | (nd[1] & 0xffL) << 8 | (nd[2] & 0xffL) << 16 | (long) nd[3] << 24;
            if (ndim < 0 || ndim > 64 || !in.skip(4 + 16 * ndim + 8)) {
                throw state.fail("tar member tensors: record " + n + " has a bad dimension count " + ndim + " or is truncated");
            }
        }
    }

    private static void read(Path file, PickleScanState state, Map<String, byte[]> members) throws PickleFormatException {
        Set<String> seen = new HashSet<>();
        int count = 0;
        try (InputStream raw = Files.newInputStream(file); TarArchiveInputStream tar = new TarArchiveInputStream(raw)) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                if (++count > state.limits().maxZipEntries()) {
                    throw state.fail("tar has more than " + state.limits().maxZipEntries() + " members (max-zip-entries)");
                }
                String name = e.getName();
                if (!MEMBERS.contains(name)) {
                    continue;
                }
                if (!seen.add(name)) {
                    // tarfile takes the last member of a name; two of them could hide one from a reader taking the first.
                    throw state.fail("tar holds two members named " + name + "; a loader reads the last one");
                }
                if (!e.isFile()) {
                    throw state.fail("tar member " + name + " is not a regular file (link or special entry)");
                }
                long size = e.getSize();
                long left = state.bytesLeft(0);
                if (size > left) {
                    throw state.fail("tar member " + name + " of " + size + " bytes is over the " + left + " left of max-pickle-bytes");
                }
                byte[] data = tar.readNBytes((int) size);
                if (data.length != size) {
                    throw state.fail("tar member " + name + " holds " + data.length + " bytes, not the " + size + " it declares (truncated)");
                }
                state.charge(data.length);
                members.put(name, data);
            }
        } catch (IOException | RuntimeException e) {
            throw state.fail("not a readable tar archive: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
    }
}
