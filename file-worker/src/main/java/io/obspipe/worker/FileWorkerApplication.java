package io.obspipe.worker;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class FileWorkerApplication {

    public static void main(String[] args) {
        SpringApplication.run(FileWorkerApplication.class, args);
    }
}
