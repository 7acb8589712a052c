package org.plenary.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A real Server-Sent Events client for tests: java.net.http streaming the body line by line on its own
 * thread, parsed as the EventSource specification says (id:, event:, data:, comments, blank line ends an
 * event).
 */
public final class SseClient implements AutoCloseable {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final Event END = new Event(null, null, null);

  /** One received event. */
  public record Event(String id, String type, String data) {
    public long eventId() {
      return Long.parseLong(id);
    }

    public JsonNode json() {
      try {
        return MAPPER.readTree(data);
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + data, e);
      }
    }
  }

  private final HttpResponse<InputStream> response;
  private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
  private final List<String> comments = new CopyOnWriteArrayList<>();
  private final String errorBody;
  private volatile boolean ended;

  private SseClient(HttpResponse<InputStream> response) throws IOException {
    this.response = response;
    if (response.statusCode() != 200) {
      try (InputStream in = response.body()) {
        errorBody = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      ended = true;
      return;
    }
    errorBody = null;
    Thread reader = new Thread(this::read, "sse-test-client");
    reader.setDaemon(true);
    reader.start();
  }

  /** Opens {@code path} with a bearer token (may be null) and, when not null, a Last-Event-ID. */
  public static SseClient open(String base, String path, String token, String lastEventId) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "text/event-stream");
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    if (lastEventId != null) {
      b.header("Last-Event-ID", lastEventId);
    }
    try {
      return new SseClient(HTTP.send(b.GET().build(), HttpResponse.BodyHandlers.ofInputStream()));
    } catch (IOException e) {
      throw new AssertionError("SSE request failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  public int status() {
    return response.statusCode();
  }

  public String header(String name) {
    return response.headers().firstValue(name).orElse(null);
  }

  public String errorBody() {
    return errorBody;
  }

  public List<String> comments() {
    return comments;
  }

  /** The next event, or null when none comes within {@code timeout} or the stream has ended. */
  public Event next(Duration timeout) {
    try {
      Event e = events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (e == END) {
        events.add(END);
        return null;
      }
      return e;
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  /** Events until one matches (included), failing when none does within {@code timeout}. */
  public List<Event> until(Predicate<Event> match, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<Event> seen = new ArrayList<>();
    while (System.nanoTime() < deadline) {
      Event e = next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
      if (e == null) {
        break;
      }
      seen.add(e);
      if (match.test(e)) {
        return seen;
      }
    }
    throw new AssertionError("no matching event within " + timeout + "; received " + seen
        + (ended ? " (the stream ended)" : ""));
  }

  /** The event of {@code type}, skipping others. */
  public Event await(String type, Duration timeout) {
    List<Event> seen = until(e -> type.equals(e.type()), timeout);
    return seen.get(seen.size() - 1);
  }

  /** Waits until the server ends the stream; true when it did within {@code timeout}. */
  public boolean awaitEnd(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!ended && System.nanoTime() < deadline) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return ended;
  }

  private void read() {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      String id = null;
      String type = null;
      StringBuilder data = null;
      String line;
      while ((line = in.readLine()) != null) {
        if (line.isEmpty()) {
          if (data != null) {
            events.add(new Event(id, type == null ? "message" : type, data.toString()));
          }
          type = null;
          data = null;
        } else if (line.startsWith(":")) {
          comments.add(line.substring(1).strip());
        } else {
          int colon = line.indexOf(':');
          String field = colon < 0 ? line : line.substring(0, colon);
          String value = colon < 0 ? "" : line.substring(colon + 1);
          if (value.startsWith(" ")) {
            value = value.substring(1);
          }
          switch (field) {
            case "id" -> id = value;
            case "event" -> type = value;
            case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
            default -> { }
          }
        }
      }
    } catch (IOException ignored) {
      // the connection was closed: the stream has ended
    } finally {
      ended = true;
      events.add(END);
    }
  }

  @Override
  public void close() {
    try {
      response.body().close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }
}
