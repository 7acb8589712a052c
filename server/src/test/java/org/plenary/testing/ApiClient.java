package org.plenary.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * A real HTTP client for tests: JSON in, {@link Response} out, optional bearer token. Every response from the API
 * is checked against the OpenAPI document ({@link Contract}): a status, header or body the document does not
 * describe fails the test.
 */
public final class ApiClient {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final String base;
  private final String token;
  private final Map<String, String> headers;

  public ApiClient(String base) {
    this(base, null, Map.of());
  }

  private ApiClient(String base, String token, Map<String, String> headers) {
    this.base = base;
    this.token = token;
    this.headers = headers;
  }

  /** A response, its body read whole ({@link #openStream} reads none of a successful stream's body). */
  public record Response(int status, HttpResponse<?> raw, byte[] body) {
    public JsonNode json() {
      try {
        return MAPPER.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + text(), e);
      }
    }

    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    public String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }

    public String contentType() {
      return header("Content-Type");
    }
  }

  public String base() {
    return base;
  }

  public ApiClient withToken(String newToken) {
    return new ApiClient(base, newToken, headers);
  }

  public ApiClient withHeader(String name, String value) {
    Map<String, String> h = new HashMap<>(headers);
    h.put(name, value);
    return new ApiClient(base, token, h);
  }

  /** Logs in and returns a client that sends the bearer token. */
  public ApiClient login(String email, String password) {
    Response r = post("/api/v1/session", Map.of("email", email, "password", password));
    if (r.status() != 200) {
      throw new AssertionError("login of " + email + " failed: " + r.status() + " " + r.text());
    }
    return withToken(r.json().get("token").asText());
  }

  public Response get(String path) {
    return send(request(path).GET());
  }

  /** HEAD: the GET's status and headers, no body. */
  public Response head(String path) {
    return send(request(path).method("HEAD", HttpRequest.BodyPublishers.noBody()));
  }

  /**
   * GET of an endless response such as a Server-Sent Events stream: returns once the headers arrive; a
   * successful stream is closed unread, an error's body (a problem) is read whole.
   */
  public Response openStream(String path) {
    try {
      HttpResponse<java.io.InputStream> r = HTTP.send(request(path).header("Accept", "text/event-stream").GET().build(),
          HttpResponse.BodyHandlers.ofInputStream());
      try (java.io.InputStream in = r.body()) {
        byte[] body = r.statusCode() / 100 == 2 ? new byte[0] : in.readAllBytes();
        Response resp = new Response(r.statusCode(), r, body);
        Contract.check(r.request().method(), r.request().uri(), resp);
        return resp;
      }
    } catch (IOException e) {
      throw new AssertionError("request failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  public Response delete(String path) {
    return send(request(path).DELETE());
  }

  public Response post(String path, Object json) {
    return send(path, "POST", "application/json", bytes(json));
  }

  public Response put(String path, Object json) {
    return send(path, "PUT", "application/json", bytes(json));
  }

  public Response patch(String path, Object json) {
    return send(path, "PATCH", "application/json", bytes(json));
  }

  public Response send(String path, String method, String contentType, byte[] body) {
    HttpRequest.Builder b = request(path).method(method, HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    return send(b);
  }

  public Response postText(String path, String text) {
    return send(path, "POST", "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] bytes(Object json) {
    try {
      return json instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : MAPPER.writeValueAsBytes(json);
    } catch (IOException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    headers.forEach(b::header);
    return b;
  }

  private Response send(HttpRequest.Builder b) {
    try {
      HttpRequest req = b.build();
      HttpResponse<byte[]> r = HTTP.send(req, HttpResponse.BodyHandlers.ofByteArray());
      Response resp = new Response(r.statusCode(), r, r.body());
      Contract.check(req.method(), req.uri(), resp);
      return resp;
    } catch (IOException e) {
      throw new AssertionError("request failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
