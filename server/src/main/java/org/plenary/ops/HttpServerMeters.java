package org.plenary.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.spi.metrics.HttpServerMetrics;
import io.vertx.core.spi.observability.HttpRequest;
import io.vertx.core.spi.observability.HttpResponse;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The HTTP server's meters, under the names Vert.x Micrometer gives them ({@code vertx_http_server_requests_total},
 * {@code vertx_http_server_response_time_seconds}, {@code …_active_requests}, {@code …_active_connections},
 * {@code …_request_resets_total}), labelled by route template, method and status code.
 *
 * <p>Vert.x Micrometer's own implementation builds the tags and looks up four meters in the registry on every
 * request: a tenth of the time of a read served from memory. Here the meters of one (route, method, code) are
 * looked up once and kept, and the gauges are registered once for the node (one object serves every HTTP server
 * instance, so the gauges count them all: with Vert.x Micrometer each instance registered its own and only the
 * first one's was kept, with a warning at start). The route is the templates of the routes that handled the
 * request joined by {@code >} ({@code /api/v1/>/negotiations/:n/revisions/:r}), as Vert.x Micrometer writes it,
 * never a path with ids.
 */
final class HttpServerMeters implements HttpServerMetrics<HttpServerMeters.Request, Void, Void> {
  private final MeterRegistry registry;
  private final LongAdder activeRequests = new LongAdder();
  private final LongAdder activeConnections = new LongAdder();
  private final Counter resets;
  private final ConcurrentHashMap<Key, Meters> meters = new ConcurrentHashMap<>();

  private record Key(String route, String method, int code) {}

  private record Meters(Counter requests, Timer time) {}

  HttpServerMeters(MeterRegistry registry) {
    this.registry = registry;
    Gauge.builder("vertx.http.server.active.requests", activeRequests, LongAdder::doubleValue)
        .description("Number of requests being processed").register(registry);
    Gauge.builder("vertx.http.server.active.connections", activeConnections, LongAdder::doubleValue)
        .description("Number of opened connections to the HTTP Server").register(registry);
    resets = Counter.builder("vertx.http.server.request.resets").description("Number of request resets")
        .register(registry);
  }

  /** One request in flight: when it began, its method, the routes that handled it, and which ends it saw. */
  static final class Request {
    private final long start = System.nanoTime();
    private final String method;
    private String route;
    private boolean requestEnded;
    private boolean responseEnded;
    private boolean reset;

    private Request(String method) {
      this.method = method;
    }
  }

  @Override
  public Void connected(SocketAddress remoteAddress, String remoteName) {
    activeConnections.increment();
    return null;
  }

  @Override
  public void disconnected(Void socketMetric, SocketAddress remoteAddress) {
    activeConnections.decrement();
  }

  @Override
  public Request requestBegin(Void socketMetric, HttpRequest request) {
    activeRequests.increment();
    return new Request(request.method().name());
  }

  @Override
  public void requestRouted(Request r, String route) {
    if (route != null) {
      r.route = r.route == null ? route : r.route + ">" + route;
    }
  }

  @Override
  public void requestEnd(Request r, HttpRequest request, long bytesRead) {
    r.requestEnded = true;
    if (r.responseEnded) {
      activeRequests.decrement();
    }
  }

  @Override
  public void requestReset(Request r) {
    resets.increment();
    if (!r.reset && !(r.requestEnded && r.responseEnded)) {
      activeRequests.decrement();
    }
    r.reset = true;
  }

  @Override
  public void responseEnd(Request r, HttpResponse response, long bytesWritten) {
    if (r.reset) {
      return;
    }
    Meters m = meters.computeIfAbsent(new Key(r.route == null ? "" : r.route, r.method, response.statusCode()),
        this::register);
    m.requests().increment();
    m.time().record(System.nanoTime() - r.start, TimeUnit.NANOSECONDS);
    r.responseEnded = true;
    if (r.requestEnded) {
      activeRequests.decrement();
    }
  }

  private Meters register(Key k) {
    String code = Integer.toString(k.code());
    return new Meters(
        Counter.builder("vertx.http.server.requests").description("Number of processed requests")
            .tags("route", k.route(), "method", k.method(), "code", code).register(registry),
        Timer.builder("vertx.http.server.response.time").description("Request processing time")
            .tags("route", k.route(), "method", k.method(), "code", code).register(registry));
  }
}
