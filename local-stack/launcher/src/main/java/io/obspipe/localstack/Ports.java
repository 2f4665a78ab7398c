package io.obspipe.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;

/** Loopback ports: pick a free one, wait until one accepts connections. */
public final class Ports {

    private Ports() {
    }

    /**
     * Below the ephemeral ranges (Linux 32768–60999, macOS and Windows 49152–65535), from which the kernel takes the
     * local port of every outgoing connection: a port chosen there can be taken by some client's connection before
     * the server binds it, or while a server restarts on it.
     */
    private static final int FIRST_PORT = 20_000;
    private static final int LAST_PORT = 32_767;

    /** A loopback port free now, outside the ephemeral range (a server that restarts keeps its address). */
    public static int freePort() {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(FIRST_PORT, LAST_PORT + 1);
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                return port;
            } catch (IOException taken) {
                // another server has it: try the next
            }
        }
        throw new UncheckedIOException(new IOException("no free loopback port between " + FIRST_PORT + " and " + LAST_PORT));
    }

    public static boolean isOpen(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Polls until the condition holds; false if the timeout passed first or the process died. */
    public static boolean await(Duration timeout, ChildJvm process, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            if (process != null && !process.isAlive()) {
                return false;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return condition.getAsBoolean();
    }
}
