package org.plenary.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test class whose tests take a started {@link TestServer} (and, if they ask, the Arabic Resolution 88
 * negotiation on it, {@link Res88Negotiation}) as parameters of their {@code @BeforeEach} or {@code @Test}
 * methods. One server per test, on the class's {@link Backend} (the {@code @Parameter Backend} field of a
 * {@code @ParameterizedClass}, or H2 without one), closed after the test with its data directory.
 *
 * <pre>
 *   &#64;PlenaryServer
 *   &#64;ParameterizedClass(name = "on {0}")
 *   &#64;EnumSource(Backend.class)
 *   class SomeHttpTest {
 *     &#64;Parameter Backend backend;
 *
 *     &#64;Test
 *     void proposes(TestServer server, Res88Negotiation res) { … res.delegate("EGY").post(res.base() + "/proposals", …) … }
 *   }
 * </pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(TestServerExtension.class)
public @interface PlenaryServer {
  /** Extra command-line flags for the server, e.g. {@code {"--sse-heartbeat-millis", "300"}}. */
  String[] args() default {};
}
