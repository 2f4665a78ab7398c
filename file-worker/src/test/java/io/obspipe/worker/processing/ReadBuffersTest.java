package io.obspipe.worker.processing;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReadBuffersTest {

    @Test
    void aSmallObjectGetsABufferOneByteLargerThanItself() {
        assertThat(ReadBuffers.sizeFor(2_010)).isEqualTo(2_011);
    }

    @Test
    void aTinyObjectGetsTheSmallestBuffer() {
        assertThat(ReadBuffers.sizeFor(3)).isEqualTo(512);
    }

    @Test
    void aLargeObjectOrAnUnknownSizeGetsTheFullBuffer() {
        assertThat(ReadBuffers.sizeFor(ReadBuffers.FULL_BYTES)).isEqualTo(ReadBuffers.FULL_BYTES);
        assertThat(ReadBuffers.sizeFor(5_000_000_000L)).isEqualTo(ReadBuffers.FULL_BYTES);
        assertThat(ReadBuffers.sizeFor(0)).isEqualTo(ReadBuffers.FULL_BYTES);
        assertThat(ReadBuffers.sizeFor(-1)).isEqualTo(ReadBuffers.FULL_BYTES);
    }
}
