package org.plenary.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;

/**
 * A response body rendered once and kept as bytes, with its strong entity tag (a hash of the bytes and their
 * type): what a read cache holds for something that does not change (a published revision, its mapping). Sent
 * as is, or as 304 when {@code If-None-Match} names it. Only ever sent by a handler, that is after the policy
 * guard has let the request through: a 304 tells nothing to someone who may not read the resource.
 *
 * <pre>
 *   ReadyBody body = ReadyBody.json(map);
 *   body.send(ctx);            // 200 with ETag, or 304
 * </pre>
 */
public record ReadyBody(String contentType, Buffer bytes, String etag) {
  public static final String JSON = "application/json; charset=utf-8";

  /** {@code value} as JSON, as {@link Json#send} writes it. */
  public static ReadyBody json(Object value) {
    return of(JSON, Json.bytes(value));
  }

  /** Text in UTF-8. */
  public static ReadyBody text(String contentType, String text) {
    return of(contentType, text.getBytes(StandardCharsets.UTF_8));
  }

  public static ReadyBody of(String contentType, byte[] bytes) {
    MessageDigest sha = org.plenary.store.Digests.sha256();
    sha.update(contentType.getBytes(StandardCharsets.UTF_8));
    byte[] h = sha.digest(bytes);
    return new ReadyBody(contentType, Buffer.buffer(bytes),
        "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(h, 18)) + "\"");
  }

  /** How much memory it holds, about (for a cache's weight bound). */
  public long weight() {
    return bytes.length() + 256L;
  }

  /**
   * 200 with the bytes, or 304 when {@code If-None-Match} names the ETag. {@code private, no-cache}: a browser
   * keeps it but asks every time (its access is checked on every request), and no shared cache keeps it.
   */
  public void send(RoutingContext ctx) {
    send(ctx, null);
  }

  /** Like {@link #send(RoutingContext)}, with a {@code Content-Disposition} (null: none). */
  public void send(RoutingContext ctx, String contentDisposition) {
    var response = ctx.response()
        .putHeader("ETag", etag)
        .putHeader("Cache-Control", "private, no-cache")
        .putHeader("Vary", "Authorization, Cookie");
    if (matches(ctx.request().getHeader("If-None-Match"), etag)) {
      response.setStatusCode(304).end();
      return;
    }
    response.setStatusCode(200).putHeader("Content-Type", contentType);
    if (contentDisposition != null) {
      response.putHeader("Content-Disposition", contentDisposition);
    }
    response.end(bytes);
  }

  /** Whether an {@code If-None-Match} header names this strong entity tag (or is {@code *}). */
  public static boolean matches(String ifNoneMatch, String etag) {
    if (ifNoneMatch == null) {
      return false;
    }
    for (String t : ifNoneMatch.split(",")) {
      String tag = t.strip();
      if (tag.equals("*") || tag.equals(etag) || tag.equals("W/" + etag)) {
        return true;
      }
    }
    return false;
  }
}
