package io.obspipe.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Configuration files shipped with the launcher, copied into a work folder for a child JVM to read. */
final class ConfigFiles {

    private ConfigFiles() {
    }

    /** Copies the resource next to this class into {@code dir}, under its own name; returns the copy. */
    static Path copy(String resource, Path dir) {
        Path target = dir.resolve(resource);
        try (InputStream in = ConfigFiles.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the launcher jar has no " + resource);
            }
            Files.createDirectories(dir);
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }
}
