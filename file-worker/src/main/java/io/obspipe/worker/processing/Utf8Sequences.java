package io.obspipe.worker.processing;

/**
 * Checks one multi-byte UTF-8 sequence in place, by the rules of RFC 3629 (no overlong forms, no
 * surrogates, nothing above U+10FFFF) — what a strict {@code CharsetDecoder} accepts.
 */
final class Utf8Sequences {

    /** The bytes up to the limit are a valid start, but the sequence goes on past it. */
    static final int INCOMPLETE = -1;
    static final int INVALID = 0;

    private Utf8Sequences() {
    }

    /**
     * The length (2–4) of the valid sequence starting at {@code bytes[at]} (a byte ≥ 0x80),
     * {@link #INVALID}, or {@link #INCOMPLETE} if it is valid so far but reaches past {@code limit}.
     */
    static int length(byte[] bytes, int at, int limit) {
        int lead = bytes[at] & 0xFF;
        int length;
        int secondLow = 0x80;
        int secondHigh = 0xBF;
        if (lead < 0xC2) {
            return INVALID; // a continuation byte, or an overlong two-byte form
        } else if (lead < 0xE0) {
            length = 2;
        } else if (lead < 0xF0) {
            length = 3;
            if (lead == 0xE0) {
                secondLow = 0xA0;
            } else if (lead == 0xED) {
                secondHigh = 0x9F;
            }
        } else if (lead < 0xF5) {
            length = 4;
            if (lead == 0xF0) {
                secondLow = 0x90;
            } else if (lead == 0xF4) {
                secondHigh = 0x8F;
            }
        } else {
            return INVALID;
        }
        for (int i = 1; i < length; i++) {
            if (at + i >= limit) {
                return INCOMPLETE;
            }
            int next = bytes[at + i] & 0xFF;
            int low = i == 1 ? secondLow : 0x80;
            int high = i == 1 ? secondHigh : 0xBF;
            if (next < low || next > high) {
                return INVALID;
            }
        }
        return length;
    }

    /** The code point of a sequence {@link #length} found valid. */
    static int codePoint(byte[] bytes, int at, int length) {
        int codePoint = bytes[at] & (0xFF >> (length + 1));
        for (int i = 1; i < length; i++) {
            codePoint = (codePoint << 6) | (bytes[at + i] & 0x3F);
        }
        return codePoint;
    }
}
