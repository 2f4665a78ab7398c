package io.obspipe.localstack;

/** The program {@link AotCacheTest} runs from a jar of its own. */
public final class AotCacheProbe {

    static final String GREETING = "probe ran";

    private AotCacheProbe() {
    }

    public static void main(String[] args) {
        System.out.println(GREETING);
    }
}
