package io.obspipe.worker.workspace;

/**
 * Bytes of local disk the worker's running tasks may hold at once (WORKER_TEMP_DISK_BUDGET). A task
 * reserves its object's size before downloading and waits while others hold the space; an object
 * larger than the whole budget can never fit and is refused at once.
 */
public class DiskBudget {

    private final long capacity;
    private long reserved;

    public DiskBudget(long capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("the temp-disk budget must be positive, got " + capacity);
        }
        this.capacity = capacity;
    }

    public synchronized void reserve(long bytes) throws InterruptedException, ExceedsBudgetException {
        if (bytes > capacity) {
            throw new ExceedsBudgetException(capacity);
        }
        while (reserved + bytes > capacity) {
            wait();
        }
        reserved += bytes;
    }

    public synchronized void release(long bytes) {
        reserved = Math.max(0, reserved - bytes);
        notifyAll();
    }

    public synchronized long reserved() {
        return reserved;
    }

    public long capacity() {
        return capacity;
    }

    /** The request is larger than the whole budget. */
    public static class ExceedsBudgetException extends Exception {

        private final long capacity;

        ExceedsBudgetException(long capacity) {
            super(null, null, false, false);
            this.capacity = capacity;
        }

        public long capacity() {
            return capacity;
        }
    }
}
