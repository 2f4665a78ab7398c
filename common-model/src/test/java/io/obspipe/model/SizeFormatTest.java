package io.obspipe.model;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class SizeFormatTest {

    @ParameterizedTest
    @CsvSource({"0,0.0 B", "512,512.0 B", "1024,1.0 KB", "2048,2.0 KB", "1536,1.5 KB",
            "1048576,1.0 MB", "5368709120,5.0 GB"})
    void formatsLikeTheSeed(long bytes, String expected) {
        assertThat(SizeFormat.format(bytes)).isEqualTo(expected);
    }
}
