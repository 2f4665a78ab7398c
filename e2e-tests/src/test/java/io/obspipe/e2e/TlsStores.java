package io.obspipe.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * PKCS12 keystores and truststores made at test time with the JDK's {@code keytool}: a self-signed
 * certificate for the broker (valid for 127.0.0.1 and localhost, so clients verify the host name), one
 * for the client (mutual TLS), each trusted by the other side, and a truststore that trusts neither.
 */
record TlsStores(Path brokerKeystore, Path brokerTruststore, Path clientKeystore, Path clientTruststore,
                 Path strangerTruststore, String password) {

    static TlsStores create(Path dir) {
        String password = "tls-store-password";
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        TlsStores stores = new TlsStores(dir.resolve("broker.p12"), dir.resolve("broker-trust.p12"), dir.resolve("client.p12"),
                dir.resolve("client-trust.p12"), dir.resolve("stranger-trust.p12"), password);
        keyPair(stores.brokerKeystore, "broker", "CN=localhost", "SAN=ip:127.0.0.1,dns:localhost", password);
        keyPair(stores.clientKeystore, "client", "CN=pipeline-client", null, password);
        Path stranger = dir.resolve("stranger.p12");
        keyPair(stranger, "stranger", "CN=another-broker", "SAN=dns:another-broker", password);
        trust(stores.clientTruststore, stores.brokerKeystore, "broker", dir.resolve("broker.crt"), password);
        trust(stores.brokerTruststore, stores.clientKeystore, "client", dir.resolve("client.crt"), password);
        trust(stores.strangerTruststore, stranger, "stranger", dir.resolve("stranger.crt"), password);
        return stores;
    }

    private static void keyPair(Path keystore, String alias, String name, String extension, String password) {
        List<String> args = new ArrayList<>(List.of("-genkeypair", "-alias", alias, "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", name, "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(),
                "-storepass", password, "-keypass", password));
        if (extension != null) {
            args.addAll(List.of("-ext", extension));
        }
        keytool(args);
    }

    /** A truststore holding the certificate of {@code alias} in {@code keystore}. */
    private static void trust(Path truststore, Path keystore, String alias, Path certificate, String password) {
        keytool(List.of("-exportcert", "-alias", alias, "-keystore", keystore.toString(), "-storepass", password,
                "-file", certificate.toString()));
        keytool(List.of("-importcert", "-noprompt", "-alias", alias, "-file", certificate.toString(), "-storetype", "PKCS12",
                "-keystore", truststore.toString(), "-storepass", password));
    }

    private static void keytool(List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(args);
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("keytool " + args.get(0) + " failed:\n" + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
