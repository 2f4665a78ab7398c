package io.obspipe.notifier.sink.email;

import io.obspipe.model.ProcessingResult;
import io.obspipe.model.ResultStatus;
import io.obspipe.notifier.sink.BufferingSink;
import io.obspipe.notifier.sink.RetryPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailSender;
import org.springframework.mail.SimpleMailMessage;

import java.time.Clock;
import java.time.Duration;

/**
 * The Python system's e-mail on failures (docs/compatibility.md), as a digest: the failures of NOTIFIER_EMAIL_INTERVAL after the
 * first one go out in one mail, so a storm of failures sends one mail per interval, not one per file.
 * Successes are skipped. Its lane commits the failures' offsets only after their mail was sent.
 */
final class EmailDigestSink implements BufferingSink {

    private static final Logger log = LoggerFactory.getLogger(EmailDigestSink.class);

    private final MailSender mail;
    private final EmailProperties properties;
    private final Clock clock;
    private FailureDigest digest;

    EmailDigestSink(MailSender mail, EmailProperties properties, Clock clock) {
        this.mail = mail;
        this.properties = properties;
        this.clock = clock;
        this.digest = newDigest();
    }

    @Override
    public String name() {
        return "email";
    }

    @Override
    public boolean accepts(ProcessingResult result) {
        return result.status() == ResultStatus.FAILED;
    }

    @Override
    public synchronized void deliver(ProcessingResult result) {
        digest.add(result, clock.instant());
    }

    @Override
    public Duration flushInterval() {
        return properties.interval();
    }

    @Override
    public synchronized int buffered() {
        return digest.count();
    }

    @Override
    public synchronized void flush() {
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(properties.from());
        message.setTo(properties.to().toArray(String[]::new));
        message.setSubject(digest.subject());
        message.setText(digest.body());
        mail.send(message);
        log.atInfo().addKeyValue("failures", digest.count()).addKeyValue("recipients", properties.to().size())
                .log("sent the digest of {} failures to {} recipients", digest.count(), properties.to().size());
        digest = newDigest();
    }

    @Override
    public synchronized String discard() {
        String dropped = digest.body();
        digest = newDigest();
        return dropped;
    }

    @Override
    public RetryPolicy retryPolicy() {
        return properties.retry();
    }

    private FailureDigest newDigest() {
        return new FailureDigest(properties.maxListed(), properties.interval());
    }
}
