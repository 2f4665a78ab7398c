package io.obspipe.notifier.sink.live;

import java.io.IOException;
import java.util.List;

/** The connection of one client of the live feed: server-sent events or a WebSocket. Used by the client's sender thread only. */
interface LiveConnection {

    /** Writes the events in order; throws when the client went away. */
    void send(List<LiveEvent> events) throws IOException;

    /** Ends the connection; harmless when it is ended already. */
    void close();
}
