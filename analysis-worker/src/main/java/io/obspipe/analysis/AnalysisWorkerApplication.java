package io.obspipe.analysis;

import io.obspipe.platform.lifecycle.GracefulExit;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class AnalysisWorkerApplication {

    public static void main(String[] args) {
        GracefulExit.run(AnalysisWorkerApplication.class, args);
    }
}
