package io.obspipe.worker;

import io.obspipe.platform.lifecycle.GracefulExit;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class FileWorkerApplication {

    public static void main(String[] args) {
        GracefulExit.run(FileWorkerApplication.class, args);
    }
}
