package io.obspipe.worker.workspace;

import io.obspipe.worker.config.WorkerProperties;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * The local download and upload folders. A task's files are named from a random id plus a
 * sanitised last segment of the key, so no key (whatever it contains) can place a file elsewhere.
 */
public class Workspace {

    private static final int MAX_NAME = 80;

    private final Path downloadDir;
    private final Path uploadDir;

    public Workspace(WorkerProperties properties) {
        this(properties.downloadDir(), properties.uploadDir());
    }

    public Workspace(Path downloadDir, Path uploadDir) {
        this.downloadDir = createDirectory(downloadDir);
        this.uploadDir = createDirectory(uploadDir);
    }

    public TaskFiles allocate(String key) {
        String name = UUID.randomUUID() + "-" + safeName(key);
        return new TaskFiles(inside(downloadDir, name), inside(uploadDir, name + ".json"));
    }

    static String safeName(String key) {
        String last = key.substring(key.lastIndexOf('/') + 1);
        String cleaned = last.replaceAll("[^A-Za-z0-9._-]", "_").replaceAll("^\\.+", "_");
        if (cleaned.isEmpty()) {
            cleaned = "object";
        }
        return cleaned.length() > MAX_NAME ? cleaned.substring(cleaned.length() - MAX_NAME) : cleaned;
    }

    private static Path inside(Path dir, String name) {
        Path file = dir.resolve(name).normalize();
        if (!file.getParent().equals(dir)) {
            throw new IllegalStateException("refusing a work file outside " + dir + ": " + name);
        }
        return file;
    }

    private static Path createDirectory(Path dir) {
        Path absolute = dir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(absolute);
            return absolute;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create work folder " + absolute, e);
        }
    }

    public Path downloadDir() {
        return downloadDir;
    }

    public Path uploadDir() {
        return uploadDir;
    }

    /** The two local files of one task; {@link #delete()} removes whichever exist. */
    public record TaskFiles(Path download, Path upload) {

        public void delete() {
            try {
                Files.deleteIfExists(download);
                Files.deleteIfExists(upload);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete work files of " + download.getFileName(), e);
            }
        }
    }
}
