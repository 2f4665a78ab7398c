package io.obspipe.analysis.route;

import io.obspipe.analysis.AnalysisProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The routing rule, announced in one startup line. */
@Configuration(proxyBeanMethods = false)
class RouteConfiguration {

    private static final Logger log = LoggerFactory.getLogger(RouteConfiguration.class);

    @Bean
    AnalysisRoutes analysisRoutes(AnalysisProperties settings) {
        AnalysisRoutes routes = AnalysisRoutes.of(settings.fileTypes(), settings.prefixes());
        if (routes.routesNothing()) {
            log.warn("nothing is routed to analysis: set ANALYSIS_FILE_TYPES and/or ANALYSIS_PREFIXES; results are read and skipped");
        } else {
            log.info("analysing successful results with {}", routes);
        }
        return routes;
    }
}
