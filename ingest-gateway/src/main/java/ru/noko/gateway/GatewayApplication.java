package ru.noko.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The public survey endpoint: validate, turn into Avro, write to Kafka, answer 202 once the broker has it. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class GatewayApplication {

    public static void main(String[] args) {
        // One event loop per core: Reactor Netty's default of at least four only adds switching on a small machine
        // (measured in BENCHMARKS.md). A deployment may still set the property itself.
        if (System.getProperty("reactor.netty.ioWorkerCount") == null) {
            System.setProperty(
                    "reactor.netty.ioWorkerCount",
                    String.valueOf(Runtime.getRuntime().availableProcessors()));
        }
        SpringApplication.run(GatewayApplication.class, args);
    }
}
