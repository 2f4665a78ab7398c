package io.obspipe.notifier.sink;

import java.util.List;

/** Several sinks made by one configuration, e.g. one webhook sink per URL; each still gets its own lane. */
@FunctionalInterface
public interface ResultSinkGroup {

    List<ResultSink> sinks();
}
