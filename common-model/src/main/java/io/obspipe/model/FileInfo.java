package io.obspipe.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Sizes of a processed file, raw and formatted the way the seed shows them ("1.0 KB"). */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FileInfo(
        @JsonProperty("input_size") long inputSize,
        @JsonProperty("output_size") long outputSize,
        @JsonProperty("input_size_formatted") String inputSizeFormatted,
        @JsonProperty("output_size_formatted") String outputSizeFormatted) {

    public static FileInfo of(long inputSize, long outputSize) {
        return new FileInfo(inputSize, outputSize, SizeFormat.format(inputSize), SizeFormat.format(outputSize));
    }
}
