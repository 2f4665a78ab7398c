package io.obspipe.generator.incremental;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** What the ranges of one incremental scan did, added up across their threads. */
final class ScanCounts {

    final LongAdder listed = new LongAdder();
    final LongAdder skipped = new LongAdder();
    final LongAdder newObjects = new LongAdder();
    final LongAdder changed = new LongAdder();
    final LongAdder unchanged = new LongAdder();
    final LongAdder published = new LongAdder();
    private final Map<String, AtomicLong> publishedByTopic = new ConcurrentHashMap<>();

    void published(String topic, long count) {
        published.add(count);
        publishedByTopic.computeIfAbsent(topic, t -> new AtomicLong()).addAndGet(count);
    }

    Map<String, Long> publishedByTopic() {
        Map<String, Long> sorted = new TreeMap<>();
        publishedByTopic.forEach((topic, count) -> sorted.put(topic, count.get()));
        return sorted;
    }
}
