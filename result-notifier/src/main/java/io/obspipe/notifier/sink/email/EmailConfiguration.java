package io.obspipe.notifier.sink.email;

import io.obspipe.notifier.sink.ConditionalOnSinkEnabled;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Properties;

/**
 * The e-mail digest sink and its own SMTP client (Spring's {@link JavaMailSenderImpl}), built from
 * the SMTP_* settings only when the sink is on, so that no mail server is needed, nor health-checked, otherwise.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnSinkEnabled("email")
@EnableConfigurationProperties(EmailProperties.class)
class EmailConfiguration {

    @Bean
    EmailDigestSink emailDigestSink(EmailProperties properties, Clock clock) {
        return new EmailDigestSink(mailSender(properties.smtp()), properties, clock);
    }

    private static JavaMailSenderImpl mailSender(EmailProperties.Smtp smtp) {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setProtocol(smtp.ssl() ? "smtps" : "smtp");
        sender.setHost(smtp.host());
        sender.setPort(smtp.port());
        sender.setDefaultEncoding(StandardCharsets.UTF_8.name());
        String prefix = "mail." + sender.getProtocol() + ".";
        Properties mail = new Properties();
        String timeout = Long.toString(smtp.timeout().toMillis());
        mail.setProperty(prefix + "connectiontimeout", timeout);
        mail.setProperty(prefix + "timeout", timeout);
        mail.setProperty(prefix + "writetimeout", timeout);
        if (smtp.starttls()) {
            mail.setProperty(prefix + "starttls.enable", "true");
            mail.setProperty(prefix + "starttls.required", "true");
        }
        if (smtp.authenticates()) {
            sender.setUsername(smtp.username());
            sender.setPassword(smtp.password());
            mail.setProperty(prefix + "auth", "true");
        }
        sender.setJavaMailProperties(mail);
        return sender;
    }
}
