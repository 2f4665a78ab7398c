package io.obspipe.localstack;

/** The program {@link ChildJvmClassDataTest} runs: says it is ready, then runs until it is stopped. */
public final class SleepingProbe {

    static final String READY = "probe ready";

    private SleepingProbe() {
    }

    public static void main(String[] args) throws InterruptedException {
        System.out.println(READY);
        Thread.sleep(Long.MAX_VALUE);
    }
}
