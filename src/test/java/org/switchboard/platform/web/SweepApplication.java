package org.switchboard.platform.web;

import java.util.Map;

import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.switchboard.SwitchboardApplication;
import org.switchboard.testing.IntegrationTestBase;

/**
 * An application of its own for tests that send thousands of requests which may change anything
 * they reach: its own embedded PostgreSQL, no jobs, mail kept in the outbox. Passwords are hashed
 * at bcrypt's lowest cost, as every API request checks one (HTTP Basic): the same code, fast.
 */
final class SweepApplication {

    private SweepApplication() {
    }

    static ConfigurableApplicationContext start() {
        return start(null);
    }

    /** With a clock of the test's (a {@code MutableClock} to close a month), or the real one when null. */
    static ConfigurableApplicationContext start(java.time.Clock clock) {
        return start(clock, new String[0]);
    }

    /** As {@link #start(java.time.Clock)}, with further settings ({@code --name=value}). */
    static ConfigurableApplicationContext start(java.time.Clock clock, String... settings) {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("--switchboard.embedded-db.ephemeral=true",
                "--switchboard.demo.enabled=false", "--switchboard.scheduling.enabled=false", "--server.port=0",
                "--switchboard.sip.enabled=false", "--switchboard.admin.email=" + IntegrationTestBase.OPERATOR_EMAIL,
                "--switchboard.admin.password=" + IntegrationTestBase.PASSWORD, "--logging.level.root=WARN",
                "--spring.main.banner-mode=off"));
        args.addAll(java.util.List.of(settings));
        return new SpringApplicationBuilder(SwitchboardApplication.class)
                .initializers(context -> {
                    if (clock != null) {
                        context.getBeanFactory().registerSingleton("testClock", clock);
                    }
                })
                .initializers(context -> context.addBeanFactoryPostProcessor(factory -> {
                    BeanDefinitionRegistry registry = (BeanDefinitionRegistry) factory;
                    registry.removeBeanDefinition("passwordEncoder");
                    registry.registerBeanDefinition("passwordEncoder", new RootBeanDefinition(PasswordEncoder.class,
                            () -> new DelegatingPasswordEncoder("bcrypt", Map.of("bcrypt", new BCryptPasswordEncoder(4)))));
                }))
                .run(args.toArray(String[]::new));
    }

    static int port(ConfigurableApplicationContext app) {
        return app.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }
}
