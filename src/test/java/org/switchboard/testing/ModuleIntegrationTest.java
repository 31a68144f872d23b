package org.switchboard.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.AliasFor;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * One application module on its own (Spring Modulith's {@link ApplicationModuleTest}) with the
 * platform it runs on: the embedded PostgreSQL in a fresh folder, migrated by Flyway, and the
 * tests' clock. Beans of other modules the module needs are mocked in the test
 * ({@code @MockitoBean}) unless {@link #mode()} brings them in. The context is closed after the
 * test class, so its database does not stay up for the rest of the run.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ApplicationModuleTest(extraIncludes = "platform", verifyAutomatically = false)
@Import(TestClockConfiguration.class)
@TestPropertySource(properties = {
        "switchboard.embedded-db.ephemeral=true",
        "switchboard.demo.enabled=false",
        "switchboard.admin.email=" + IntegrationTestBase.OPERATOR_EMAIL,
        "switchboard.admin.password=" + IntegrationTestBase.PASSWORD })
@DirtiesContext
public @interface ModuleIntegrationTest {

    @AliasFor(annotation = ApplicationModuleTest.class, attribute = "mode")
    BootstrapMode mode() default BootstrapMode.STANDALONE;

    @AliasFor(annotation = ApplicationModuleTest.class, attribute = "extraIncludes")
    String[] extraIncludes() default "platform";
}
