import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The reads benchmark's yardstick: a bare Vert.x HTTP server, one instance per processor as Plenary runs, that
 * answers every GET with the same bytes from memory (no routing, no access check, no database): {@code /health}
 * with a small JSON body, anything else with the file given (the published revision's JSON, as Plenary sends
 * it). Compiled against plenary.jar, so it is the same Vert.x and Netty.
 *   java -cp plenary.jar:. Yardstick 18432 revision.json
 */
public final class Yardstick extends VerticleBase {
  private final int port;
  private final Buffer bytes;
  private final Buffer health = Buffer.buffer("{\"status\":\"UP\",\"database\":\"none\"}");

  Yardstick(int port, Buffer bytes) {
    this.port = port;
    this.bytes = bytes;
  }

  @Override
  public Future<?> start() {
    return vertx.createHttpServer().requestHandler(req -> req.response()
        .putHeader("Content-Type", "application/json; charset=utf-8")
        .end(req.path().equals("/health") ? health : bytes)).listen(port, "127.0.0.1");
  }

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    Buffer bytes = Buffer.buffer(Files.readAllBytes(Path.of(args[1])));
    Vertx vertx = Vertx.vertx();
    vertx.deployVerticle(() -> new Yardstick(port, bytes),
        new DeploymentOptions().setInstances(Runtime.getRuntime().availableProcessors())).await();
    System.out.println("yardstick listening on " + port);
  }
}
