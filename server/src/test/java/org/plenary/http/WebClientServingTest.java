package org.plenary.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plenary.testing.ApiClient.Response;
import org.plenary.testing.Backend;
import org.plenary.testing.TestServer;

@DisplayName("The web client is served fresh, its assets immutable, under a strict Content-Security-Policy")
class WebClientServingTest {
  @TempDir Path temp;
  TestServer server;

  @BeforeEach
  void start() {
    server = TestServer.start(Backend.H2, temp);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static void assertPolicy(Response r) {
    assertThat(r.header("Content-Security-Policy")).contains("default-src 'self'").contains("frame-ancestors 'none'")
        .contains("object-src 'none'").contains("base-uri 'none'").doesNotContain("unsafe-inline");
    assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(r.header("X-Frame-Options")).isEqualTo("DENY");
  }

  @Test
  @DisplayName("index.html and every client-side route are no-cache, so an upgrade reaches users at once")
  void index() {
    for (String path : new String[] {"/", "/index.html", "/negotiations/1/revisions/2"}) {
      Response r = server.client().get(path);
      assertThat(r.status()).as(path).isEqualTo(200);
      assertThat(r.header("Cache-Control")).as(path).isEqualTo("no-cache");
      assertThat(r.contentType()).startsWith("text/html");
      assertThat(r.text()).contains("<plenary-app>");
      assertPolicy(r);
    }
  }

  @Test
  @DisplayName("a hashed asset is immutable for a year; a missing asset or file is a 404, not the app")
  void assets() {
    String index = server.client().get("/").text();
    Matcher m = Pattern.compile("src=\"(/assets/[^\"]+\\.js)\"").matcher(index);
    assertThat(m.find()).as(index).isTrue();
    Response asset = server.client().get(m.group(1));
    assertThat(asset.status()).isEqualTo(200);
    assertThat(asset.header("Cache-Control")).contains("immutable").contains("max-age=31536000");
    assertPolicy(asset);
    for (String missing : new String[] {"/assets/x.js", "/assets/index-00000000.css", "/favicon.ico",
        "/negotiations/1/report.pdf"}) {
      Response r = server.client().get(missing);
      assertThat(r.status()).as(missing).isEqualTo(404);
      assertThat(r.contentType()).startsWith("application/problem+json");
      assertThat(r.text()).doesNotContain("<plenary-app>");
    }
  }
}
