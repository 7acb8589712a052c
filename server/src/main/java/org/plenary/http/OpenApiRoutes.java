package org.plenary.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Serves the API description, {@code openapi/openapi.yaml} on the classpath, as YAML and as JSON. No login
 * is needed: the description discloses no negotiation. {@code OpenApiTest} keeps it in step with the
 * authorization matrix, which lists every route the server mounts.
 *
 * <pre>
 *   curl -s localhost:8080/api/v1/openapi.json | jq '.paths | keys'
 * </pre>
 */
public final class OpenApiRoutes {
  public static final String RESOURCE = "/openapi/openapi.yaml";

  private final byte[] yaml;
  /**
   * The JSON form, made at the first request for it (off the event loop): parsing the YAML loads a YAML parser
   * that a start does not otherwise need (a few hundred milliseconds of a cold start).
   */
  private volatile io.vertx.core.Future<Buffer> json;

  public OpenApiRoutes() {
    this.yaml = read();
  }

  private io.vertx.core.Future<Buffer> json(io.vertx.core.Vertx vertx) {
    io.vertx.core.Future<Buffer> j = json;
    if (j == null) {
      synchronized (this) {
        j = json;
        if (j == null) {
          j = vertx.executeBlocking(() -> Buffer.buffer(Json.bytes(document(yaml))));
          json = j;
        }
      }
    }
    return j;
  }

  /** The parsed document (for tests). */
  public static JsonNode load() {
    return document(read());
  }

  public void mountPublic(Routes api) {
    api.get("/openapi.json").handler(ctx -> json(ctx.vertx()).onSuccess(bytes -> ctx.response()
        .putHeader("Content-Type", "application/json; charset=utf-8")
        .end(bytes)).onFailure(ctx::fail));
    api.get("/openapi.yaml").handler(ctx -> ctx.response()
        .putHeader("Content-Type", "application/yaml; charset=utf-8")
        .end(Buffer.buffer(yaml)));
  }

  private static byte[] read() {
    try (InputStream in = OpenApiRoutes.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the classpath");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode document(byte[] yaml) {
    try {
      return new ObjectMapper(new YAMLFactory()).readTree(yaml);
    } catch (IOException e) {
      throw new IllegalStateException(RESOURCE + " is not valid YAML: " + e.getMessage(), e);
    }
  }
}
