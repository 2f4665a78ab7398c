package io.obspipe.generator.incremental;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What a job's state belongs to: a bucket and a prefix. Its {@link #id()}, a hash of both, names the job's
 * records in the state topic and its producers' transactional ids, whatever characters the key prefix has.
 */
record JobId(String bucket, String prefix) {

    String id() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((bucket + "\n" + prefix).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return bucket + "/" + prefix;
    }
}
