package io.obspipe.generator.incremental;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ManifestChunkTest {

    @Test
    void keepsKeysAndVersionsInOrder() {
        List<ObjectVersion> entries = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            entries.add(new ObjectVersion("data/2024/文件-" + i + ".csv", "0123456789abcdef" + i));
        }
        entries.add(new ObjectVersion("k".repeat(1024), "size:0;modified:0"));

        assertThat(ManifestChunk.decode(ManifestChunk.encode(entries))).isEqualTo(entries);
    }

    @Test
    void garbageIsAStateFormatError() {
        assertThatThrownBy(() -> ManifestChunk.decode("not a manifest".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(StateFormatException.class).hasMessageContaining("not in the generator's format");
    }
}
