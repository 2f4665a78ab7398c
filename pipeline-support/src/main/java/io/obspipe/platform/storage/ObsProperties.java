package io.obspipe.platform.storage;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Object storage connection, bound from the seed's OBS_* variables (see pipeline-shared.yml).
 *
 * @param accessKey      access key of the object store (never logged)
 * @param secretKey      secret key of the object store (never logged)
 * @param server         endpoint URL, e.g. https://obs.cn-north-4.myhuaweicloud.com
 * @param region         region of the endpoint
 * @param pathStyle      {@code true} for MinIO, S3Proxy and other local or S3-compatible stores; real OBS needs
 *                       virtual-hosted style, the default
 * @param authType       request signing: {@code OBS} (native), {@code V2} or {@code V4} (S3)
 * @param sourceBucket   source bucket of a task that names none
 * @param destBucket     result bucket of a task that names none
 * @param connectTimeout HTTP connect timeout
 * @param socketTimeout  HTTP read timeout
 * @param maxConnections HTTP connection pool size
 * @param maxErrorRetry  retries of one HTTP request by the SDK
 */
@Validated
@ConfigurationProperties("pipeline.obs")
public record ObsProperties(
        String accessKey,
        String secretKey,
        @NotBlank(message = "OBS_SERVER (the object-store endpoint) must be set") String server,
        String region,
        boolean pathStyle,
        @NotNull AuthType authType,
        String sourceBucket,
        String destBucket,
        @NotNull Duration connectTimeout,
        @NotNull Duration socketTimeout,
        @Min(1) int maxConnections,
        @Min(0) int maxErrorRetry) {

    public enum AuthType { OBS, V2, V4 }

    /** Never print the keys. */
    @Override
    public String toString() {
        return "ObsProperties[server=" + server + ", region=" + region + ", pathStyle=" + pathStyle
                + ", authType=" + authType + ", sourceBucket=" + sourceBucket + ", destBucket=" + destBucket
                + ", accessKey=" + (accessKey == null || accessKey.isEmpty() ? "<unset>" : "<set>") + "]";
    }
}
