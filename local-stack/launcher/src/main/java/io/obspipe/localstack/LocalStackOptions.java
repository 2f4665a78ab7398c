package io.obspipe.localstack;

import java.util.Map;

/**
 * The command line of {@link LocalStack}: {@code [--notifier-port <port>] [--exit-when-done] [--fresh]}.
 *
 * @param fresh start from empty: the broker's topics and the buckets of earlier runs are deleted first
 */
record LocalStackOptions(int notifierPort, boolean exitWhenDone, boolean fresh) {

    static final String USAGE = "usage: ./run-local [--notifier-port <port>] [--exit-when-done] [--fresh]   (or: ./run-local generate)";
    private static final int DEFAULT_NOTIFIER_PORT = 8080;

    /** Arguments win over the environment variable {@code NOTIFIER_PORT}. */
    static LocalStackOptions parse(String[] args, Map<String, String> env) {
        String notifierPort = env.getOrDefault("NOTIFIER_PORT", Integer.toString(DEFAULT_NOTIFIER_PORT));
        boolean exitWhenDone = false;
        boolean fresh = false;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--exit-when-done")) {
                exitWhenDone = true;
            } else if (args[i].equals("--fresh")) {
                fresh = true;
            } else if (args[i].equals("--notifier-port") && i + 1 < args.length) {
                notifierPort = args[++i];
            } else if (args[i].startsWith("--notifier-port=")) {
                notifierPort = args[i].substring("--notifier-port=".length());
            } else {
                throw new IllegalArgumentException("unknown argument '" + args[i] + "'\n" + USAGE);
            }
        }
        return new LocalStackOptions(port(notifierPort), exitWhenDone, fresh);
    }

    private static int port(String value) {
        try {
            int port = Integer.parseInt(value.trim());
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("notifier port must be a number from 1 to 65535, got '" + value + "'\n" + USAGE);
    }
}
