package io.obspipe.notifier.sink.live;

/**
 * One event of the live feed, encoded once for every client of a transport however many follow the feed: as a
 * server-sent event ({@code event:<type>} and {@code data:<json>}) and as a WebSocket text frame
 * ({@code {"type":"<type>","data":<json>}}). A comment (keep-alive) has no type and no data.
 */
final class LiveEvent {

    static final LiveEvent KEEP_ALIVE = comment("keep-alive");

    private final String type;
    private final String json;
    private final String comment;
    private String serverSentText;
    private String webSocketText;

    private LiveEvent(String type, String json, String comment) {
        this.type = type;
        this.json = json;
        this.comment = comment;
    }

    /** An event with its data, JSON of one line as the codec writes it. */
    static LiveEvent of(String type, String json) {
        return new LiveEvent(type, json, null);
    }

    static LiveEvent comment(String text) {
        return new LiveEvent(null, null, text);
    }

    boolean isComment() {
        return comment != null;
    }

    /** The event as text of an event stream; the same text may be computed by two threads at once, harmlessly. */
    String serverSentText() {
        String text = serverSentText;
        if (text == null) {
            text = isComment() ? ":" + comment + "\n\n" : "event:" + type + "\ndata:" + json.replace("\n", "\ndata:") + "\n\n";
            serverSentText = text;
        }
        return text;
    }

    /** The event as a WebSocket text frame; not defined for a comment. */
    String webSocketText() {
        String text = webSocketText;
        if (text == null) {
            text = "{\"type\":\"" + type + "\",\"data\":" + json + "}";
            webSocketText = text;
        }
        return text;
    }
}
