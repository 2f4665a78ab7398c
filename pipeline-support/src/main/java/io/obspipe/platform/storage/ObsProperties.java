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
 * @param server      endpoint URL (OBS_SERVER), e.g. https://obs.cn-north-4.myhuaweicloud.com
 * @param pathStyle   true for local / S3-compatible servers (OBS_PATH_STYLE); real OBS needs
 *                    virtual-hosted style, the default
 * @param authType    request signing: OBS (native), V2 or V4 (S3) (OBS_AUTH_TYPE)
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
