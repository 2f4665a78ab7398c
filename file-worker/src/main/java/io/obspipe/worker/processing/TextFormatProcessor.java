package io.obspipe.worker.processing;

/**
 * A built-in processor: it reads text, and handles the keys that end with one of its
 * {@link FileExtensions}, which its description lists, e.g. {@code csv (.csv, .tsv)}.
 */
abstract class TextFormatProcessor implements FileProcessor {

    private final String name;
    private final FileExtensions extensions;

    TextFormatProcessor(String name, FileExtensions extensions) {
        this.name = name;
        this.extensions = extensions;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return extensions.describe(name());
    }

    @Override
    public boolean supports(String key) {
        return extensions.matches(key);
    }

    @Override
    public boolean readsText() {
        return true;
    }
}
