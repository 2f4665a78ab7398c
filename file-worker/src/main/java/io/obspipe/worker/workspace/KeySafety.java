package io.obspipe.worker.workspace;

import java.util.Optional;

/**
 * Object keys the worker refuses: they could name a path outside the work folders on a file-based
 * store or tool downstream, and no legitimate producer sends them.
 */
public final class KeySafety {

    private KeySafety() {
    }

    /** Why the key is unsafe, or empty when it is fine. */
    public static Optional<String> problemWith(String key) {
        if (key.startsWith("/")) {
            return Optional.of("key '" + printable(key) + "' is an absolute path");
        }
        if (key.indexOf('\\') >= 0) {
            return Optional.of("key '" + printable(key) + "' contains a backslash");
        }
        for (int i = 0; i < key.length(); i++) {
            if (Character.isISOControl(key.charAt(i))) {
                return Optional.of("key '" + printable(key) + "' contains a control character");
            }
        }
        for (String segment : key.split("/", -1)) {
            if (segment.equals("..") || segment.equals(".")) {
                return Optional.of("key '" + printable(key) + "' contains a '" + segment + "' path segment");
            }
        }
        return Optional.empty();
    }

    private static String printable(String key) {
        StringBuilder out = new StringBuilder();
        key.codePoints().limit(200).forEach(c -> {
            if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
