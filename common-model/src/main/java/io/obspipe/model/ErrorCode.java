package io.obspipe.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Why a task failed, for dashboards and alerts; the human sentence is in {@code error}.
 * {@link #isPermanent()} tells whether retrying the same task can help.
 */
public enum ErrorCode {
    @JsonProperty("invalid_task") INVALID_TASK(true),
    @JsonProperty("unsafe_key") UNSAFE_KEY(true),
    @JsonProperty("object_not_found") OBJECT_NOT_FOUND(true),
    @JsonProperty("bucket_not_found") BUCKET_NOT_FOUND(true),
    @JsonProperty("access_denied") ACCESS_DENIED(true),
    @JsonProperty("storage_rejected") STORAGE_REJECTED(true),
    @JsonProperty("unsupported_format") UNSUPPORTED_FORMAT(true),
    @JsonProperty("corrupt_content") CORRUPT_CONTENT(true),
    @JsonProperty("too_large") TOO_LARGE(true),
    @JsonProperty("storage_unavailable") STORAGE_UNAVAILABLE(false),
    @JsonProperty("internal_error") INTERNAL_ERROR(false);

    private final boolean permanent;

    ErrorCode(boolean permanent) {
        this.permanent = permanent;
    }

    public boolean isPermanent() {
        return permanent;
    }
}
