package io.obspipe.worker.processing;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Accumulates one CSV column as pandas' {@code describe()} reports it: a column whose non-empty
 * values all parse as numbers is a {@code number} column with mean, min, max and sum; any other is a
 * {@code text} column with distinct values and the most frequent one; a column without values is
 * {@code empty}. Blank values are missing values, as pandas reads them.
 */
final class CsvColumnStatistics {

    private final BoundedFrequencies frequencies;
    private long count;
    private boolean numeric = true;
    private double sum;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;

    CsvColumnStatistics(int maxDistinctValues) {
        this.frequencies = new BoundedFrequencies(maxDistinctValues);
    }

    void add(String value) {
        if (value.isBlank()) {
            return;
        }
        count++;
        if (numeric) {
            double number = parseNumber(value.strip());
            if (Double.isNaN(number)) {
                numeric = false;
            } else {
                sum += number;
                min = Math.min(min, number);
                max = Math.max(max, number);
            }
        }
        frequencies.add(value);
    }

    Map<String, Object> summary() {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("count", count);
        if (count == 0) {
            summary.put("type", "empty");
        } else if (numeric) {
            summary.put("type", "number");
            summary.put("mean", sum / count);
            summary.put("min", min);
            summary.put("max", max);
            summary.put("sum", sum);
        } else {
            summary.put("type", "text");
            summary.put("distinct", frequencies.distinct());
            if (frequencies.capped()) {
                summary.put("distinct_capped", true);
            }
            Map.Entry<String, Long> mostFrequent = frequencies.mostFrequent();
            summary.put("most_frequent", mostFrequent.getKey());
            summary.put("most_frequent_count", mostFrequent.getValue());
        }
        return summary;
    }

    /**
     * A plain decimal such as {@code -12}, {@code 3.5}, {@code .5} or {@code 1e-3}, else NaN. Checked
     * by hand because {@link Double#parseDouble} also takes {@code NaN}, {@code 1d} or hex, and a
     * thrown exception per text value would slow text columns down.
     */
    static double parseNumber(String text) {
        int i = 0;
        int length = text.length();
        if (i < length && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
            i++;
        }
        int digits = 0;
        for (; i < length && isDigit(text.charAt(i)); i++) {
            digits++;
        }
        if (i < length && text.charAt(i) == '.') {
            for (i++; i < length && isDigit(text.charAt(i)); i++) {
                digits++;
            }
        }
        if (digits == 0) {
            return Double.NaN;
        }
        if (i < length && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
            i++;
            if (i < length && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
                i++;
            }
            int exponentDigits = 0;
            for (; i < length && isDigit(text.charAt(i)); i++) {
                exponentDigits++;
            }
            if (exponentDigits == 0) {
                return Double.NaN;
            }
        }
        if (i != length) {
            return Double.NaN;
        }
        double number = Double.parseDouble(text);
        return Double.isInfinite(number) ? Double.NaN : number;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
