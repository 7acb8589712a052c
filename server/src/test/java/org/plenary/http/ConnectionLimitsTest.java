package org.plenary.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plenary.testing.Backend;
import org.plenary.testing.TestServer;

/**
 * Idle and slow clients cannot hold the server's file descriptors. Each test waits for the server to close a
 * socket (read returns end of stream), with a generous read timeout that only a server never closing hits.
 */
@DisplayName("Connections: header and idle timeouts, a cap per node")
class ConnectionLimitsTest {
  private static final int GENEROUS_MILLIS = 30_000;

  @TempDir Path temp;

  private static Socket connect(TestServer server) throws IOException {
    Socket s = new Socket("127.0.0.1", server.plenary().port());
    s.setSoTimeout(GENEROUS_MILLIS);
    return s;
  }

  /** Reads until the server closes the socket; returns what it sent. */
  private static String readToEnd(Socket s) throws IOException {
    InputStream in = s.getInputStream();
    return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
  }

  private static void awaitOpen(TestServer server, int count) throws InterruptedException {
    for (int i = 0; i < 500 && server.plenary().connections().open() != count; i++) {
      Thread.sleep(20);
    }
    assertThat(server.plenary().connections().open()).isEqualTo(count);
  }

  @Test
  @DisplayName("a client that sends no headers, or half of them, is disconnected after the header timeout")
  void headerTimeout() throws Exception {
    try (TestServer server = TestServer.start(Backend.H2, temp, "--header-timeout", "1");
        Socket silent = connect(server); Socket slow = connect(server)) {
      slow.getOutputStream().write("GET /health HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
      slow.getOutputStream().flush();
      assertThat(readToEnd(silent)).isEmpty();
      assertThat(readToEnd(slow)).isEmpty();
    }
  }

  @Test
  @DisplayName("a keep-alive connection left idle after its response is closed after the idle timeout")
  void idleTimeout() throws Exception {
    try (TestServer server = TestServer.start(Backend.H2, temp, "--idle-timeout", "1");
        Socket s = connect(server)) {
      s.getOutputStream().write("GET /health HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      s.getOutputStream().flush();
      assertThat(readToEnd(s)).startsWith("HTTP/1.1 200").contains("\"status\":\"UP\"");
    }
  }

  @Test
  @DisplayName("beyond the cap a new connection is closed at once; /health answers again once idle ones are dropped")
  void cap() throws Exception {
    try (TestServer server = TestServer.start(Backend.H2, temp, "--max-connections", "3", "--header-timeout", "2",
        "--idle-timeout", "2")) {
      // The test client's own keep-alive connection (its login) may still be open: wait until it is dropped.
      awaitOpen(server, 0);
      List<Socket> idle = new ArrayList<>();
      try {
        for (int i = 0; i < 3; i++) {
          idle.add(connect(server));
        }
        awaitOpen(server, 3);
        try (Socket refused = connect(server)) {
          assertThat(readToEnd(refused)).isEmpty();
        }
        assertThat(server.plenary().connections().refused()).isEqualTo(1);
        for (Socket s : idle) {
          assertThat(readToEnd(s)).isEmpty();
        }
      } finally {
        for (Socket s : idle) {
          s.close();
        }
      }
      assertThat(server.client().get("/health").status()).isEqualTo(200);
    }
  }
}
