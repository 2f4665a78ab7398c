package io.obspipe.generator.incremental;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A run of the manifest in key order, as one record of the state topic: gzip of a format marker, the count,
 * then key and version of each object (modified UTF-8, as {@link DataOutputStream#writeUTF}; object keys are at
 * most 1,024 bytes on OBS and S3).
 */
final class ManifestChunk {

    /** "OBM1": obs-pipeline manifest, format 1. */
    static final int FORMAT = 0x4F424D31;

    private ManifestChunk() {
    }

    static byte[] encode(List<ObjectVersion> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + entries.size() * 48);
        try (DataOutputStream out = new DataOutputStream(new GZIPOutputStream(bytes, 1 << 16))) {
            out.writeInt(FORMAT);
            out.writeInt(entries.size());
            for (ObjectVersion entry : entries) {
                out.writeUTF(entry.key());
                out.writeUTF(entry.version());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static List<ObjectVersion> decode(byte[] value) {
        if (value == null) {
            throw new StateFormatException("a manifest record has no value");
        }
        try (DataInputStream in = new DataInputStream(new GZIPInputStream(new ByteArrayInputStream(value), 1 << 16))) {
            int format = in.readInt();
            if (format != FORMAT) {
                throw new StateFormatException(format >>> 8 == FORMAT >>> 8
                        ? "a manifest record has format " + (char) (format & 0xFF) + ", written by a newer version of the generator"
                        : "a manifest record is not in the generator's format");
            }
            int count = in.readInt();
            List<ObjectVersion> entries = new ArrayList<>(Math.min(count, 1 << 16));
            for (int i = 0; i < count; i++) {
                entries.add(new ObjectVersion(in.readUTF(), in.readUTF()));
            }
            return entries;
        } catch (IOException e) {
            throw new StateFormatException("a manifest record is not in the generator's format (" + e.getMessage() + ")", e);
        }
    }
}
