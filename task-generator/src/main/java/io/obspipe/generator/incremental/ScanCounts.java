package io.obspipe.generator.incremental;

import java.util.Map;
import java.util.LinkedHashMap;
import java.util.List;
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
    private final List<String> topics;

    /** @param topics the tasks topics, in the order the summary names them */
    ScanCounts(List<String> topics) {
        this.topics = List.copyOf(topics);
        topics.forEach(topic -> publishedByTopic.put(topic, new AtomicLong()));
    }

    void published(String topic, long count) {
        published.add(count);
        publishedByTopic.computeIfAbsent(topic, t -> new AtomicLong()).addAndGet(count);
    }

    Map<String, Long> publishedByTopic() {
        Map<String, Long> ordered = new LinkedHashMap<>();
        topics.forEach(topic -> ordered.put(topic, publishedByTopic.get(topic).get()));
        publishedByTopic.forEach((topic, count) -> ordered.putIfAbsent(topic, count.get()));
        return ordered;
    }
}
