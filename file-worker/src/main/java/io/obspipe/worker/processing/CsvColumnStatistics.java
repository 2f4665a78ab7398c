package io.obspipe.worker.processing;

import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.quantilescommon.QuantileSearchCriteria;
import org.apache.datasketches.quantilescommon.QuantilesUtil;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Accumulates one CSV column as pandas' {@code describe()} reports it: a column whose non-empty
 * values all parse as numbers is a {@code number} column with mean, min, max, sum and the quantiles
 * p50, p90 and p99 (exact while the column's distinct values are counted exactly, else from a KLL
 * sketch of Apache DataSketches); any other is a {@code text} column with
 * distinct values and the most frequent one; a column without values is {@code empty}. Blank values
 * are missing values, as pandas reads them.
 *
 * <p>The statistics of consecutive parts of a file {@link #merge} into those of the whole. The sum is
 * compensated (Neumaier), so that adding the parts' sums gives what adding every value in order
 * gives, up to rounding far below a double's precision.
 */
final class CsvColumnStatistics {

    /** The KLL sketch's size parameter: a quantile's rank is within about 1.33 % of the one asked for (99 % confidence). */
    static final int QUANTILES_K = 200;
    static final double QUANTILES_RANK_ERROR = KllDoublesSketch.getNormalizedRankError(QUANTILES_K, false);

    private static final double[] POWERS_OF_TEN = {
            1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20,
            1e21, 1e22};
    private static final int PENDING_NUMBERS = 256;

    private final BoundedFrequencies frequencies;
    /** While the column is numeric: the number of each value {@link #frequencies} tracks, by entry. */
    private double[] numbers = new double[16];
    private long count;
    private boolean numeric = true;
    private double sum;
    private double sumCompensation;
    /**
     * Null while every number is counted in {@link #frequencies}, whose counts give exact quantiles;
     * the sketch from when the frequencies pass their bound.
     */
    private KllDoublesSketch quantiles;
    /** Numbers not yet in {@link #quantiles}: the sketch takes them in bulk, cheaper than one by one. */
    private double[] pending;
    private int pendingCount;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;

    CsvColumnStatistics(int maxDistinctValues) {
        this.frequencies = new BoundedFrequencies(maxDistinctValues);
    }

    /** Adds the UTF-8 value in {@code bytes[start, end)}. */
    void add(byte[] bytes, int start, int end) {
        int first = start;
        while (first < end && isAsciiWhitespace(bytes[first])) {
            first++;
        }
        if (first == end) {
            return;
        }
        int last = end;
        while (isAsciiWhitespace(bytes[last - 1])) {
            last--;
        }
        if (bytes[first] < 0 || bytes[last - 1] < 0) {
            addUnicodePadded(bytes, start, end);
            return;
        }
        count++;
        int tracked = frequencies.distinct();
        int entry = frequencies.add(bytes, start, end);
        if (numeric) {
            addNumber(entry != BoundedFrequencies.NOT_TRACKED && entry < tracked ? numbers[entry]
                    : keepNumber(entry, parseNumber(bytes, first, last)));
        }
    }

    /** A value that may begin or end with Unicode whitespace, and so be blank. */
    private void addUnicodePadded(byte[] bytes, int start, int end) {
        String value = new String(bytes, start, end - start, StandardCharsets.UTF_8);
        if (value.isBlank()) {
            return;
        }
        count++;
        int entry = frequencies.add(bytes, start, end);
        if (numeric) {
            addNumber(keepNumber(entry, parseNumber(value.strip())));
        }
    }

    /** Keeps the number of a tracked value, so that the value's next occurrences need no parsing; returns it. */
    private double keepNumber(int entry, double number) {
        if (entry != BoundedFrequencies.NOT_TRACKED && !Double.isNaN(number)) {
            if (entry >= numbers.length) {
                numbers = Arrays.copyOf(numbers, Math.max(2 * numbers.length, entry + 1));
            }
            numbers[entry] = number;
        }
        return number;
    }

    private void addNumber(double number) {
        if (Double.isNaN(number)) {
            becomeText();
        } else {
            addToSum(number);
            min = Math.min(min, number);
            max = Math.max(max, number);
            if (quantiles == null && frequencies.capped()) {
                sketchQuantiles(); // this number went past the frequencies' bound: it is not among their counts
            }
            if (quantiles != null) {
                pending[pendingCount++] = number;
                if (pendingCount == pending.length) {
                    flushPending();
                }
            }
        }
    }

    /** Makes {@link #quantiles} hold every number counted so far. */
    private void sketchQuantiles() {
        if (quantiles == null) {
            quantiles = KllDoublesSketch.newHeapInstance(QUANTILES_K);
            pending = new double[PENDING_NUMBERS];
            for (int entry = 0; entry < frequencies.distinct(); entry++) {
                quantiles.update(numbers[entry], frequencies.count(entry));
            }
        }
        flushPending();
    }

    private void flushPending() {
        quantiles.update(pending, 0, pendingCount);
        pendingCount = 0;
    }

    private void becomeText() {
        numeric = false;
        numbers = null;
        quantiles = null;
        pending = null;
    }

    private void addToSum(double number) {
        double total = sum + number;
        sumCompensation += Math.abs(sum) >= Math.abs(number) ? (sum - total) + number : (number - total) + sum;
        sum = total;
    }

    /** Adds the statistics of {@code later}, the same column in the part of the content that follows this one's. */
    void merge(CsvColumnStatistics later) {
        count += later.count;
        if (numeric && later.numeric) {
            addToSum(later.sum);
            addToSum(later.sumCompensation);
            min = Math.min(min, later.min);
            max = Math.max(max, later.max);
            if (quantiles != null || later.quantiles != null || frequencies.capsWith(later.frequencies)) {
                sketchQuantiles();
                later.sketchQuantiles();
                quantiles.merge(later.quantiles);
            }
        } else if (numeric) {
            becomeText();
        }
        int tracked = frequencies.distinct();
        frequencies.merge(later.frequencies);
        if (numeric) {
            for (int entry = tracked; entry < frequencies.distinct(); entry++) {
                keepNumber(entry, numberOf(frequencies.value(entry)));
            }
        }
    }

    Map<String, Object> summary() {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("count", count);
        if (count == 0) {
            summary.put("type", "empty");
        } else if (numeric) {
            double total = sum + sumCompensation;
            summary.put("type", "number");
            summary.put("mean", total / count);
            summary.put("min", min);
            summary.put("max", max);
            summary.put("sum", total);
            double[] percentiles = quantiles(0.5, 0.9, 0.99);
            summary.put("p50", percentiles[0]);
            summary.put("p90", percentiles[1]);
            summary.put("p99", percentiles[2]);
            summary.put("quantiles_rank_error", QUANTILES_RANK_ERROR);
        } else {
            summary.put("type", "text");
            summary.put("distinct", frequencies.distinct());
            if (frequencies.capped()) {
                summary.put("distinct_capped", true);
                BoundedFrequencies.DistinctEstimate estimate = frequencies.estimate();
                summary.put("distinct_estimate", estimate.estimate());
                summary.put("distinct_estimate_low", estimate.lowerBound());
                summary.put("distinct_estimate_high", estimate.upperBound());
            }
            Map.Entry<String, Long> mostFrequent = frequencies.mostFrequent();
            summary.put("most_frequent", mostFrequent.getKey());
            summary.put("most_frequent_count", mostFrequent.getValue());
        }
        return summary;
    }

    /** For each rank, the smallest number with at least that rank of the numbers at or below it, as the sketch defines it. */
    private double[] quantiles(double... ranks) {
        double[] found = new double[ranks.length];
        if (quantiles != null) {
            flushPending();
            for (int i = 0; i < ranks.length; i++) {
                found[i] = quantiles.getQuantile(ranks[i]);
            }
            return found;
        }
        Weighted[] sorted = new Weighted[frequencies.distinct()];
        for (int entry = 0; entry < sorted.length; entry++) {
            sorted[entry] = new Weighted(numbers[entry], frequencies.count(entry));
        }
        Arrays.sort(sorted, Comparator.comparingDouble(Weighted::number));
        for (int i = 0; i < ranks.length; i++) {
            double naturalRank = QuantilesUtil.getNaturalRank(ranks[i], count, QuantileSearchCriteria.INCLUSIVE);
            long atOrBelow = 0;
            int at = 0;
            while (at < sorted.length - 1 && (atOrBelow += sorted[at].times()) < naturalRank) {
                at++;
            }
            found[i] = sorted[at].number();
        }
        return found;
    }

    private record Weighted(double number, long times) {
    }

    /** The number a counted value of a number column holds. */
    private static double numberOf(byte[] value) {
        return parseNumber(new String(value, StandardCharsets.UTF_8).strip());
    }

    /**
     * A plain decimal such as {@code -12}, {@code 3.5}, {@code .5} or {@code 1e-3}, else NaN. Checked
     * by hand because {@link Double#parseDouble} also takes {@code NaN}, {@code 1d} or hex, and a
     * thrown exception per text value would slow text columns down.
     */
    static double parseNumber(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return parseNumber(bytes, 0, bytes.length);
    }

    /**
     * {@link #parseNumber(String)} of the ASCII in {@code bytes[start, end)}. Up to 15 significant
     * digits and a power of ten up to 22 — nearly every value in a CSV — it computes exactly as
     * {@code Double.parseDouble} does (both operands are exact doubles, so one rounding); longer
     * numbers are handed to it.
     */
    static double parseNumber(byte[] bytes, int start, int end) {
        int i = start;
        boolean negative = false;
        if (i < end && (bytes[i] == '+' || bytes[i] == '-')) {
            negative = bytes[i] == '-';
            i++;
        }
        long mantissa = 0;
        int significantDigits = 0;
        int digits = 0;
        int powerOfTen = 0;
        boolean afterPoint = false;
        for (; i < end; i++) {
            if (bytes[i] == '.' && !afterPoint) {
                afterPoint = true;
                continue;
            }
            if (!isDigit(bytes[i])) {
                break;
            }
            digits++;
            if (mantissa > 0 || bytes[i] != '0') {
                mantissa = significantDigits < 18 ? mantissa * 10 + (bytes[i] - '0') : mantissa; // more digits go to parseDouble
                significantDigits++;
            }
            if (afterPoint) {
                powerOfTen--;
            }
        }
        if (digits == 0) {
            return Double.NaN;
        }
        if (i < end && (bytes[i] == 'e' || bytes[i] == 'E')) {
            i++;
            boolean negativeExponent = false;
            if (i < end && (bytes[i] == '+' || bytes[i] == '-')) {
                negativeExponent = bytes[i] == '-';
                i++;
            }
            int exponent = 0;
            int exponentDigits = 0;
            for (; i < end && isDigit(bytes[i]); i++, exponentDigits++) {
                exponent = Math.min(exponent * 10 + (bytes[i] - '0'), 100_000);
            }
            if (exponentDigits == 0) {
                return Double.NaN;
            }
            powerOfTen += negativeExponent ? -exponent : exponent;
        }
        if (i != end) {
            return Double.NaN;
        }
        if (mantissa == 0) {
            return negative ? -0.0 : 0.0;
        }
        if (significantDigits <= 15 && Math.abs(powerOfTen) < POWERS_OF_TEN.length) {
            double magnitude = powerOfTen >= 0 ? mantissa * POWERS_OF_TEN[powerOfTen] : mantissa / POWERS_OF_TEN[-powerOfTen];
            return negative ? -magnitude : magnitude;
        }
        double number = Double.parseDouble(new String(bytes, start, end - start, StandardCharsets.ISO_8859_1));
        return Double.isInfinite(number) ? Double.NaN : number;
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    /** What {@link Character#isWhitespace} says of an ASCII byte. */
    private static boolean isAsciiWhitespace(byte b) {
        return b == ' ' || (b >= '\t' && b <= '\r') || (b >= 0x1C && b <= 0x1F);
    }
}
