package org.plenary.proposal;

/**
 * The response to a creating POST: what is sent, and what an idempotent retry gets again
 * ({@code replayed}: it was sent before, and {@code Idempotent-Replayed: true} says so).
 */
record Created(int status, String location, String body, String etag, boolean replayed) {

  static Created replayed(IdempotencyKeys.Stored s) {
    return new Created(s.status(), s.location(), s.body(), null, true);
  }
}
