package org.plenary.testing;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The contract check every HTTP test runs (Contract)")
class ContractTest {
  private static final String NEGOTIATION = "{\"id\":1,\"title\":\"القرار 88 (كيغالي، 2022)\",\"languages\":[\"ar\"],"
      + "\"state\":\"open\",\"createdAt\":\"2026-12-07T02:42:26.115457Z\",\"role\":\"delegate\",\"delegation\":\"EGY\"}";

  @Test
  @DisplayName("passes a response as described")
  void passes() {
    assertThatCode(() -> check("GET", "/api/v1/negotiations/1", 200, "application/json", NEGOTIATION, Map.of()))
        .doesNotThrowAnyException();
    assertThatCode(() -> check("GET", "/api/v1/negotiations/1", 404, "application/problem+json",
        "{\"type\":\"urn:plenary:problem:not-found\",\"title\":\"Not found\",\"status\":404,\"detail\":\"x\","
            + "\"instance\":\"/api/v1/negotiations/1\"}", Map.of())).doesNotThrowAnyException();
    assertThatCode(() -> check("GET", "/health", 500, "text/plain", "anything", Map.of())).doesNotThrowAnyException();
  }

  @Test
  @DisplayName("fails a status the operation does not list")
  void undocumentedStatus() {
    assertThatThrownBy(() -> check("GET", "/api/v1/negotiations/1", 409, "application/problem+json",
        "{\"type\":\"urn:plenary:problem:x\",\"title\":\"x\",\"status\":409}", Map.of()))
        .hasMessageContaining("getNegotiation").hasMessageContaining("409");
  }

  @Test
  @DisplayName("fails a field the schema does not declare, a wrong type, a missing field and a bad enum value")
  void bodyDisagrees() {
    assertThatThrownBy(() -> check("GET", "/api/v1/negotiations/1", 200, "application/json",
        NEGOTIATION.replace("}", ",\"secret\":true}"), Map.of())).hasMessageContaining("secret");
    assertThatThrownBy(() -> check("GET", "/api/v1/negotiations/1", 200, "application/json",
        NEGOTIATION.replace("\"id\":1", "\"id\":\"1\""), Map.of())).hasMessageContaining("id");
    assertThatThrownBy(() -> check("GET", "/api/v1/negotiations/1", 200, "application/json",
        NEGOTIATION.replace("\"delegation\":\"EGY\"", "\"x\":1").replace(",\"x\":1", ""), Map.of()))
        .hasMessageContaining("delegation");
    assertThatThrownBy(() -> check("GET", "/api/v1/negotiations/1", 200, "application/json",
        NEGOTIATION.replace("\"open\"", "\"paused\""), Map.of())).hasMessageContaining("state");
  }

  @Test
  @DisplayName("fails a problem type the status does not list, and an undocumented content type or header")
  void problemTypesAndHeaders() {
    assertThatThrownBy(() -> check("GET", "/api/v1/negotiations/1", 404, "application/problem+json",
        "{\"type\":\"urn:plenary:problem:forbidden\",\"title\":\"x\",\"status\":404}", Map.of()))
        .hasMessageContaining("type");
    assertThatThrownBy(() -> check("GET", "/api/v1/negotiations/1", 200, "text/html", "<p>", Map.of()))
        .hasMessageContaining("text/html");
    assertThatThrownBy(() -> check("GET", "/api/v1/negotiations/1", 200, "application/json", NEGOTIATION,
        Map.of("ETag", "\"n1\""))).hasMessageContaining("etag");
  }

  @Test
  @DisplayName("fails a path the document lacks unless the answer is a problem")
  void unknownPath() {
    assertThatCode(() -> check("GET", "/api/v1/nothing-here", 404, "application/problem+json",
        "{\"type\":\"urn:plenary:problem:not-found\",\"title\":\"Not found\",\"status\":404}", Map.of()))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> check("GET", "/api/v1/nothing-here", 200, "application/json", "{}", Map.of()))
        .hasMessageContaining("not in the contract");
  }

  private static void check(String method, String path, int status, String contentType, String body,
      Map<String, String> headers) {
    Map<String, List<String>> all = new java.util.HashMap<>();
    all.put("Content-Type", List.of(contentType + "; charset=utf-8"));
    headers.forEach((k, v) -> all.put(k, List.of(v)));
    HttpResponse<byte[]> raw = new Fake(status, HttpHeaders.of(all, (k, v) -> true), URI.create("http://x" + path));
    Contract.check(method, URI.create("http://x" + path),
        new ApiClient.Response(status, raw, body.getBytes(StandardCharsets.UTF_8)));
  }

  private record Fake(int statusCode, HttpHeaders headers, URI uri) implements HttpResponse<byte[]> {
    @Override
    public HttpRequest request() {
      return HttpRequest.newBuilder(uri).build();
    }

    @Override
    public Optional<HttpResponse<byte[]>> previousResponse() {
      return Optional.empty();
    }

    @Override
    public byte[] body() {
      return new byte[0];
    }

    @Override
    public Optional<SSLSession> sslSession() {
      return Optional.empty();
    }

    @Override
    public HttpClient.Version version() {
      return HttpClient.Version.HTTP_1_1;
    }
  }
}
