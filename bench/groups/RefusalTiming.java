import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Does the time of a refusal tell an outsider whether a group's private stage has notes? Sets up one negotiation
 * on a running Plenary: ARAB's stage on revision 1 with {@code notes} notes, no stage for G77; then, as the United
 * States (not a member), requests in turn (interleaved, so load affects all alike) the notes, the stage and one
 * note of ARAB (exists, full) and of G77 (does not exist), and prints the median and the 90th percentile of each.
 *
 * <pre>
 *   java bench/groups/RefusalTiming.java http://127.0.0.1:8098 admin@bench.test bench-password sample.txt 500 2000
 * </pre>
 */
public final class RefusalTiming {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  public static void main(String[] args) throws Exception {
    String base = args[0] + "/api/v1";
    String admin = login(base, args[1], args[2]);
    String sample = Files.readString(Path.of(args[3]));
    int notes = Integer.parseInt(args[4]);
    int rounds = Integer.parseInt(args[5]);
    long n = id(send(admin, "POST", base + "/negotiations", "{\"title\":\"timing\",\"languages\":[\"ar\"]}"));
    String nb = base + "/negotiations/" + n;
    long r = id(send(admin, "POST", nb + "/revisions?label=Zero", sample, "text/plain; charset=utf-8"));
    String egy = participant(base, admin, nb, "egy@bench.test", "EGY");
    String sau = participant(base, admin, nb, "sau@bench.test", "SAU");
    String usa = participant(base, admin, nb, "usa@bench.test", "USA");
    send(admin, "POST", nb + "/delegations", "{\"code\":\"ARAB\"}");
    send(admin, "PUT", nb + "/delegations/ARAB/coordinator", "{\"coordinator\":\"EGY\"}");
    send(admin, "POST", nb + "/delegations", "{\"code\":\"G77\"}");
    String rb = nb + "/revisions/" + r;
    long paragraph = firstParagraph(send(admin, "GET", rb, null));
    send(egy, "PUT", rb + "/groups/ARAB/stage", "{\"deadline\":\"" + Instant.now().plusSeconds(86_400) + "\"}");
    long note = 0;
    for (int i = 0; i < notes; i++) {
      note = id(send(sau, "POST", rb + "/groups/ARAB/notes", "{\"kind\":\"comment\",\"paragraph\":" + paragraph
          + ",\"text\":\"ملاحظة سرية رقم " + i + "\"}"));
    }
    String[][] probes = {
        {"ARAB notes (stage with " + notes + " notes)", rb + "/groups/ARAB/notes"},
        {"G77 notes (no stage)", rb + "/groups/G77/notes"},
        {"ARAB stage", rb + "/groups/ARAB/stage"},
        {"G77 stage", rb + "/groups/G77/stage"},
        {"ARAB note " + note, rb + "/groups/ARAB/notes/" + note},
        {"G77 note " + note, rb + "/groups/G77/notes/" + note}};
    long[][] times = new long[probes.length][rounds];
    for (int warm = 0; warm < 300; warm++) {
      for (String[] p : probes) {
        status(usa, p[1]);
      }
    }
    for (int i = 0; i < rounds; i++) {
      for (int k = 0; k < probes.length; k++) {
        long t0 = System.nanoTime();
        int s = status(usa, probes[k][1]);
        times[k][i] = System.nanoTime() - t0;
        if (s != 404) {
          throw new AssertionError(probes[k][0] + ": " + s + " for a non-member");
        }
      }
    }
    for (int k = 0; k < probes.length; k++) {
      long[] t = times[k];
      Arrays.sort(t);
      System.out.printf("| %s | 404 | %.2f | %.2f |%n", probes[k][0], t[t.length / 2] / 1e6, t[(int) (t.length * 0.9)] / 1e6);
    }
  }

  private static String participant(String base, String admin, String nb, String email, String delegation)
      throws Exception {
    send(admin, "POST", nb + "/participants", "{\"email\":\"" + email + "\",\"password\":\"password-of-" + email
        + "\",\"role\":\"delegate\",\"delegation\":\"" + delegation + "\"}");
    return login(base, email, "password-of-" + email);
  }

  private static long firstParagraph(String revision) {
    Matcher m = Pattern.compile("\"paragraphs\":\\[\\{\"id\":(\\d+)").matcher(revision);
    if (!m.find()) {
      throw new AssertionError("no paragraph in " + revision.substring(0, Math.min(200, revision.length())));
    }
    return Long.parseLong(m.group(1));
  }

  private static long id(String json) {
    Matcher m = Pattern.compile("\"id\":(\\d+)").matcher(json);
    if (!m.find()) {
      throw new AssertionError("no id in " + json);
    }
    return Long.parseLong(m.group(1));
  }

  private static String login(String base, String email, String password) throws Exception {
    String body = send(null, "POST", base + "/session", "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
    Matcher m = Pattern.compile("\"token\":\"([^\"]+)\"").matcher(body);
    if (!m.find()) {
      throw new AssertionError("login failed: " + body);
    }
    return m.group(1);
  }

  private static int status(String token, String url) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).GET().build(),
        HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private static String send(String token, String method, String url, String body) throws Exception {
    return send(token, method, url, body, "application/json");
  }

  private static String send(String token, String method, String url, String body, String type) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", type)
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() >= 300) {
      throw new AssertionError(method + " " + url + ": " + r.statusCode() + " " + r.body());
    }
    return r.body();
  }

}
