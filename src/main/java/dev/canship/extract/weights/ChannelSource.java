package dev.canship.extract.weights;

import java.io.IOException;
import java.nio.channels.FileChannel;

/**
 * Opens the file a reader reads: for a repository file, {@code RepoFile::open}, which checks it against the scanned
 * folder at the moment of opening (see {@code dev.canship.inventory.FencedOpen}).
 */
@FunctionalInterface
public interface ChannelSource {
    FileChannel open() throws IOException;
}
