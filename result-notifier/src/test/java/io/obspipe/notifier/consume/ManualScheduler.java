package io.obspipe.notifier.consume;

import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.Trigger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** A scheduler that runs nothing by itself: the test sees what was scheduled for when, and runs it. */
final class ManualScheduler implements TaskScheduler {

    final List<Task> tasks = new ArrayList<>();

    /** The pending task; fails when there is none or more than one. */
    Task pending() {
        List<Task> pending = tasks.stream().filter(task -> !task.done && !task.cancelled).toList();
        if (pending.size() != 1) {
            throw new AssertionError("expected one pending task, found " + pending.size());
        }
        return pending.get(0);
    }

    boolean nothingPending() {
        return tasks.stream().allMatch(task -> task.done || task.cancelled);
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable runnable, Instant startTime) {
        Task task = new Task(runnable, startTime);
        tasks.add(task);
        return task;
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable task, Trigger trigger) {
        throw new UnsupportedOperationException();
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable task, Instant startTime, Duration period) {
        throw new UnsupportedOperationException();
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable task, Duration period) {
        throw new UnsupportedOperationException();
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable task, Instant startTime, Duration delay) {
        throw new UnsupportedOperationException();
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable task, Duration delay) {
        throw new UnsupportedOperationException();
    }

    static final class Task implements ScheduledFuture<Object> {

        final Runnable runnable;
        final Instant at;
        boolean done;
        boolean cancelled;

        Task(Runnable runnable, Instant at) {
            this.runnable = runnable;
            this.at = at;
        }

        void run() {
            done = true;
            runnable.run();
        }

        @Override
        public long getDelay(TimeUnit unit) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int compareTo(Delayed other) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            cancelled = true;
            return true;
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }

        @Override
        public boolean isDone() {
            return done || cancelled;
        }

        @Override
        public Object get() {
            return null;
        }

        @Override
        public Object get(long timeout, TimeUnit unit) {
            return null;
        }
    }
}
