package io.obspipe.generator.incremental;

/**
 * The order in which OBS and S3 list keys: ascending by their UTF-8 bytes, which is code point order. It
 * differs from {@link String#compareTo} (UTF-16 code units) where a character beyond the Basic Multilingual
 * Plane meets one from U+E000 to U+FFFF, so the merge of a listing with the previous scan's manifest compares
 * keys this way.
 */
final class KeyOrder {

    private KeyOrder() {
    }

    static int compare(String a, String b) {
        int length = Math.min(a.length(), b.length());
        for (int i = 0; i < length; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                boolean xSurrogate = Character.isSurrogate(x);
                if (xSurrogate == Character.isSurrogate(y)) {
                    return x < y ? -1 : 1;
                }
                return xSurrogate ? 1 : -1;
            }
        }
        return Integer.compare(a.length(), b.length());
    }

    /** {@code key} lies in the range ({@code after}, {@code upTo}]; a null bound is open. */
    static boolean inRange(String key, String after, String upTo) {
        return (after == null || compare(key, after) > 0) && (upTo == null || compare(key, upTo) <= 0);
    }
}
