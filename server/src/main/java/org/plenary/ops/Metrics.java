package org.plenary.ops;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.datagram.DatagramSocketOptions;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.spi.metrics.ClientMetrics;
import io.vertx.core.spi.metrics.DatagramSocketMetrics;
import io.vertx.core.spi.metrics.EventBusMetrics;
import io.vertx.core.spi.metrics.HttpClientMetrics;
import io.vertx.core.spi.metrics.HttpServerMetrics;
import io.vertx.core.spi.metrics.PoolMetrics;
import io.vertx.core.spi.metrics.TCPMetrics;
import io.vertx.core.spi.metrics.VertxMetrics;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.plenary.http.Problem;

/**
 * The node's meters in the Prometheus text format at {@code GET /metrics}: Vert.x's HTTP server meters labelled
 * by route template ({@code /api/v1/*>/negotiations/:n}, never a raw path with ids), method and status, with
 * latency histograms; Vert.x's worker pools ({@code plenary-db} runs every transaction); HikariCP's pool; the
 * JVM; and what features register (live streams, the group commit's queue and batch sizes).
 *
 * <pre>
 *   curl -s -H "Authorization: Bearer $PLENARY_METRICS_TOKEN" localhost:8080/metrics | grep http_server
 * </pre>
 * With a token configured, a scrape without it gets 401; without one, {@code /metrics} is open (keep it behind
 * the proxy, which should not route it from outside).
 */
public final class Metrics implements AutoCloseable {
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final JvmGcMetrics gc = new JvmGcMetrics();
  private final String token;

  /** A registry with the JVM's meters; {@code token} (null or blank: none) guards the scrape. */
  public Metrics(String token) {
    this.token = token == null || token.isBlank() ? null : token;
    // latency histograms (…_bucket series) for the HTTP server, so quantiles can be computed across nodes
    registry.config().meterFilter(new MeterFilter() {
      @Override
      public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
        return id.getName().startsWith("vertx.http.server.response.time")
            ? DistributionStatisticConfig.builder().percentilesHistogram(true)
                .minimumExpectedValue(1e6).maximumExpectedValue(30e9).build().merge(config) // 1 ms to 30 s, in ns
            : config;
      }
    });
    new ClassLoaderMetrics().bindTo(registry);
    new JvmMemoryMetrics().bindTo(registry);
    gc.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
  }

  public MeterRegistry registry() {
    return registry;
  }

  /** A Vert.x whose HTTP server and worker pools publish to this registry. */
  public Vertx vertx(VertxOptions options) {
    MicrometerMetricsOptions metrics = new MicrometerMetricsOptions()
        .setEnabled(true)
        // the HTTP server's meters are HttpServerMeters (route template, never the raw path)
        .setLabels(java.util.EnumSet.of(Label.POOL_TYPE, Label.POOL_NAME));
    MicrometerMetricsFactory micrometer = new MicrometerMetricsFactory(registry);
    HttpServerMeters http = new HttpServerMeters(registry);
    return Vertx.builder().with(options.setMetricsOptions(metrics))
        .withMetrics(o -> new WithHttpServer(micrometer.metrics(o), http)).build();
  }

  /** Vert.x Micrometer's meters (pools, event bus), with the HTTP server's own ({@link HttpServerMeters}). */
  private record WithHttpServer(VertxMetrics micrometer, HttpServerMeters http) implements VertxMetrics {
    @Override
    public HttpServerMetrics<?, ?, ?> createHttpServerMetrics(HttpServerOptions options, SocketAddress local) {
      return http;
    }

    @Override
    public EventBusMetrics<?> createEventBusMetrics() {
      return micrometer.createEventBusMetrics();
    }

    @Override
    public ClientMetrics<?, ?, ?> createClientMetrics(SocketAddress remote, String type, String namespace) {
      return micrometer.createClientMetrics(remote, type, namespace);
    }

    @Override
    public HttpClientMetrics<?, ?, ?> createHttpClientMetrics(HttpClientOptions options) {
      return micrometer.createHttpClientMetrics(options);
    }

    @Override
    public TCPMetrics<?> createNetServerMetrics(NetServerOptions options, SocketAddress local) {
      return micrometer.createNetServerMetrics(options, local);
    }

    @Override
    public TCPMetrics<?> createNetClientMetrics(NetClientOptions options) {
      return micrometer.createNetClientMetrics(options);
    }

    @Override
    public DatagramSocketMetrics createDatagramSocketMetrics(DatagramSocketOptions options) {
      return micrometer.createDatagramSocketMetrics(options);
    }

    @Override
    public PoolMetrics<?, ?> createPoolMetrics(String type, String name, int maxSize) {
      return micrometer.createPoolMetrics(type, name, maxSize);
    }

    @Override
    public void vertxCreated(Vertx vertx) {
      micrometer.vertxCreated(vertx);
    }

    @Override
    public boolean isMetricsEnabled() {
      return micrometer.isMetricsEnabled();
    }

    @Override
    public void close() {
      micrometer.close();
    }
  }

  /** Mounts {@code GET /metrics} on the root router. */
  public void mount(Router root) {
    root.get("/metrics").handler(this::scrape);
  }

  private void scrape(RoutingContext ctx) {
    if (token != null && !authorised(ctx.request().getHeader("Authorization"))) {
      ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"plenary-metrics\"");
      ctx.fail(Problem.unauthorized("the metrics need Authorization: Bearer with PLENARY_METRICS_TOKEN"));
      return;
    }
    ctx.response().putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8").end(registry.scrape());
  }

  private boolean authorised(String header) {
    String expected = "Bearer " + token;
    return header != null && MessageDigest.isEqual(header.getBytes(StandardCharsets.UTF_8),
        expected.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void close() {
    gc.close();
    registry.close();
  }
}
