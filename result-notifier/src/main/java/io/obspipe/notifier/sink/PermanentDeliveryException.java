package io.obspipe.notifier.sink;

/** A delivery that no retry can make succeed (e.g. an HTTP 400 answer): the lane gives up on the result at once. */
public class PermanentDeliveryException extends Exception {

    public PermanentDeliveryException(String message) {
        super(message);
    }
}
