package io.obspipe.notifier.sink.email;

import io.obspipe.notifier.sink.RetryPolicy;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * Settings of the e-mail digest of failures.
 *
 * @param to        recipients of the digest, comma-separated
 * @param from      sender address
 * @param interval  a digest collects the failures of this long after its first one
 * @param maxListed failures listed one by one in a digest; the rest are only counted
 * @param smtp      the mail server
 * @param retry     how the sink retries a digest it could not send
 */
@Validated
@ConfigurationProperties("pipeline.notifier.sinks.email")
public record EmailProperties(
        @NotEmpty(message = "NOTIFIER_EMAIL_TO must name at least one recipient when NOTIFIER_SINKS_EMAIL_ENABLED is true") List<String> to,
        @NotBlank(message = "NOTIFIER_EMAIL_FROM must not be blank") String from,
        @NotNull @DurationMin(seconds = 1, message = "NOTIFIER_EMAIL_INTERVAL must be at least 1s") Duration interval,
        @Min(value = 1, message = "NOTIFIER_EMAIL_MAX_LISTED must be at least 1") int maxListed,
        @Valid @NotNull Smtp smtp,
        @Valid @NotNull @NestedConfigurationProperty RetryPolicy retry) {

    @AssertTrue(message = "NOTIFIER_EMAIL_TO and NOTIFIER_EMAIL_FROM must be e-mail addresses such as ops@example.com")
    public boolean isEveryAddressValid() {
        return Stream.concat(to == null ? Stream.empty() : to.stream(), Stream.ofNullable(from)).allMatch(EmailProperties::isAddress);
    }

    private static boolean isAddress(String address) {
        try {
            new InternetAddress(address, true);
            return true;
        } catch (AddressException e) {
            return false;
        }
    }

    /**
     * @param host     host name of the mail server
     * @param port     port of the mail server
     * @param username user name; the notifier authenticates when it is set
     * @param password password (never logged)
     * @param starttls upgrade the connection with STARTTLS, and refuse a server that cannot
     * @param ssl      connect with TLS from the start (SMTPS, usually port 465)
     * @param timeout  connect, read and write time of the mail server
     */
    public record Smtp(
            @NotBlank(message = "SMTP_HOST must be set when NOTIFIER_SINKS_EMAIL_ENABLED is true") String host,
            @Min(value = 1, message = "SMTP_PORT must be from 1 to 65535") @Max(value = 65535, message = "SMTP_PORT must be from 1 to 65535") int port,
            String username,
            String password,
            boolean starttls,
            boolean ssl,
            @NotNull @DurationMin(millis = 1, message = "SMTP_TIMEOUT must be positive")
            @DurationMax(minutes = 1, message = "SMTP_TIMEOUT must be at most 1m") Duration timeout) {

        boolean authenticates() {
            return username != null && !username.isEmpty();
        }

        @Override
        public String toString() {
            return "Smtp[host=" + host + ", port=" + port + ", username=" + username + ", password=<hidden>, starttls="
                    + starttls + ", ssl=" + ssl + ", timeout=" + timeout + "]";
        }
    }
}
