package io.obspipe.platform.lifecycle;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import sun.misc.Signal;

/**
 * Runs a long-lived app so that SIGTERM (Kubernetes, docker stop) and SIGINT (Ctrl+C) close the
 * Spring context — graceful shutdown: stop taking work, finish or hand back what is running — and
 * the process then exits 0 instead of the JVM's 143, so orchestrators see a clean stop.
 */
public final class GracefulExit {

    private GracefulExit() {
    }

    public static ConfigurableApplicationContext run(Class<?> application, String[] args) {
        ConfigurableApplicationContext context = SpringApplication.run(application, args);
        for (String name : new String[] {"TERM", "INT"}) {
            Signal.handle(new Signal(name), signal ->
                    new Thread(() -> System.exit(SpringApplication.exit(context)), "graceful-exit").start());
        }
        return context;
    }
}
