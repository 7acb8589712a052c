package org.plenary.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Resolves {@link TestServer} and {@link Res88Negotiation} parameters for {@link PlenaryServer} classes: one
 * server per test method (its {@code @BeforeEach} methods and the test share it), started on the backend the
 * test instance names, and closed with its temporary directory when the test ends. The negotiation is created
 * on first request and shared the same way.
 */
public final class TestServerExtension implements ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(TestServerExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == TestServer.class || type == Res88Negotiation.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    ExtensionContext.Store store = context.getStore(NAMESPACE);
    Running running = store.getOrComputeIfAbsent(Running.class, k -> start(context), Running.class);
    if (parameter.getParameter().getType() == TestServer.class) {
      return running.server;
    }
    return store.getOrComputeIfAbsent(Res88Negotiation.class, k -> Res88Negotiation.create(running.server),
        Res88Negotiation.class);
  }

  private static Running start(ExtensionContext context) {
    Backend backend = backendOf(context.getRequiredTestInstance());
    String[] args = AnnotationSupport.findAnnotation(context.getRequiredTestClass(), PlenaryServer.class)
        .map(PlenaryServer::args).orElse(new String[0]);
    Path dir;
    try {
      dir = Files.createTempDirectory("plenary-test-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Running(TestServer.start(backend, dir, args), dir);
  }

  /** The value of the instance's {@code Backend} field (a {@code @Parameter} of a parameterized class), or H2. */
  private static Backend backendOf(Object instance) {
    for (Class<?> c = instance.getClass(); c != null; c = c.getSuperclass()) {
      for (Field f : c.getDeclaredFields()) {
        if (f.getType() == Backend.class && !java.lang.reflect.Modifier.isStatic(f.getModifiers())) {
          try {
            f.setAccessible(true);
            Backend b = (Backend) f.get(instance);
            if (b != null) {
              return b;
            }
          } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
          }
        }
      }
    }
    return Backend.H2;
  }

  /** A started server and its directory, closed together when the test's store closes. */
  @SuppressWarnings("deprecation")
  private static final class Running implements AutoCloseable, ExtensionContext.Store.CloseableResource {
    final TestServer server;
    final Path dir;
    private boolean closed;

    Running(TestServer server, Path dir) {
      this.server = server;
      this.dir = dir;
    }

    @Override
    public synchronized void close() {
      if (closed) {
        return;
      }
      closed = true;
      try {
        server.close();
      } finally {
        delete(dir);
      }
    }

    private static void delete(Path dir) {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        // a leftover temporary directory is not a test failure
      }
    }
  }
}
