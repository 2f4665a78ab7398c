package io.obspipe.worker.processing;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which charset text content is read in, by object key: the setting of the longest matching key
 * prefix ({@code WORKER_CHARSET_BY_PREFIX}), else the global one ({@code WORKER_CHARSET}). A setting
 * is a charset name or {@code auto} (recognise it from the content). A byte order mark in the
 * content outranks both (see {@link ContentDecoder}).
 */
public final class TextCharsets {

    private static final String AUTO = "auto";
    private static final String BY_PREFIX = "WORKER_CHARSET_BY_PREFIX";

    private final Choice global;
    private final List<Choice> byPrefix;

    private TextCharsets(Choice global, List<Choice> byPrefix) {
        this.global = global;
        this.byPrefix = byPrefix.stream().sorted(Comparator.comparingInt((Choice c) -> c.prefix().length()).reversed()).toList();
    }

    /** Every key auto-detected. */
    public static TextCharsets auto() {
        return new TextCharsets(new Choice("", null, "WORKER_CHARSET"), List.of());
    }

    /**
     * {@code global}: a charset name or {@code auto}; {@code byPrefix}: {@code prefix:charset} entries
     * separated by {@code ;} (e.g. {@code legacy/:GB18030;eu/:windows-1252}), blank for none.
     *
     * @throws IllegalArgumentException a sentence naming the variable and what is wrong in it: an unknown
     *                                  charset, an entry without a prefix or without a charset, a prefix given twice
     */
    public static TextCharsets parse(String global, String byPrefix) {
        String globalName = global == null || global.isBlank() ? AUTO : global.trim();
        Choice globalChoice = new Choice("", charsetOrAuto(globalName, "WORKER_CHARSET"), "WORKER_CHARSET");
        List<Choice> prefixes = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String entry : byPrefix == null ? new String[0] : byPrefix.split(";")) {
            if (entry.isBlank()) {
                continue;
            }
            int colon = entry.lastIndexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException(BY_PREFIX + " entry '" + entry.trim() + "' is not prefix:charset");
            }
            String prefix = entry.substring(0, colon).trim();
            String charset = entry.substring(colon + 1).trim();
            if (prefix.isEmpty()) {
                throw new IllegalArgumentException(BY_PREFIX + " entry '" + entry.trim() + "' has no key prefix (set WORKER_CHARSET for every key)");
            }
            if (charset.isEmpty()) {
                throw new IllegalArgumentException(BY_PREFIX + " entry '" + entry.trim() + "' names no charset");
            }
            if (!seen.add(prefix)) {
                throw new IllegalArgumentException(BY_PREFIX + " names key prefix '" + prefix + "' twice");
            }
            prefixes.add(new Choice(prefix, charsetOrAuto(charset, BY_PREFIX), BY_PREFIX + " for '" + prefix + "'"));
        }
        return new TextCharsets(globalChoice, prefixes);
    }

    /** The charset set for {@code key}; empty when it is to be recognised from the content. */
    Optional<Charset> forKey(String key) {
        return Optional.ofNullable(choiceFor(key).charset());
    }

    /** Which setting chose the charset of {@code key}, for messages, e.g. {@code WORKER_CHARSET_BY_PREFIX for 'legacy/'}. */
    String settingFor(String key) {
        return choiceFor(key).setting();
    }

    private Choice choiceFor(String key) {
        return byPrefix.stream().filter(choice -> key.startsWith(choice.prefix())).findFirst().orElse(global);
    }

    private static Charset charsetOrAuto(String name, String variable) {
        if (name.toLowerCase(Locale.ROOT).equals(AUTO)) {
            return null;
        }
        try {
            return Charset.forName(name);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new IllegalArgumentException(variable + " names '" + name + "', which is not a charset this Java runtime knows"
                    + " (use a name such as UTF-8, GB18030, GBK, Big5, Shift_JIS, windows-1252, ISO-8859-1, or auto)", e);
        }
    }

    /** {@code charset} null: auto. */
    private record Choice(String prefix, Charset charset, String setting) {
    }
}
