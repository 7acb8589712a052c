package org.plenary.events;

import static org.plenary.schema.Tables.EVENT;
import static org.plenary.schema.Tables.EVENT_CHAIN;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import org.jooq.DSLContext;
import org.plenary.http.Json;
import org.plenary.schema.tables.records.EventRecord;

/**
 * The append-only audit log. Every state change calls {@link #append} inside the transaction that
 * makes the change, so the change and its record commit or roll back together. Each event carries
 * the hash of the previous event of its chain (one chain per negotiation, one global): editing or
 * deleting a row breaks {@link #verify}.
 */
public final class AuditLog {
  public static final String GLOBAL_CHAIN = "global";

  /** Who acted: the account, and the delegation it acted for (null for secretariat or admin work). */
  public record Actor(Long accountId, String delegation) {
    public static final Actor SYSTEM = new Actor(null, null);
  }

  /** One stored event, as read back. */
  public record Event(long id, Long negotiationId, Long accountId, String delegation, String type,
      String subject, String payload, OffsetDateTime createdAt) {}

  private AuditLog() {}

  public static long append(DSLContext dsl, Long negotiationId, Actor actor, String type, String subject,
      Object payload) {
    String chain = negotiationId == null ? GLOBAL_CHAIN : "negotiation:" + negotiationId;
    dsl.insertInto(EVENT_CHAIN, EVENT_CHAIN.CHAIN_KEY, EVENT_CHAIN.LAST_HASH)
        .values(chain, "")
        .onConflictDoNothing()
        .execute();
    String prev = dsl.select(EVENT_CHAIN.LAST_HASH).from(EVENT_CHAIN)
        .where(EVENT_CHAIN.CHAIN_KEY.eq(chain)).forUpdate().fetchOne(EVENT_CHAIN.LAST_HASH);
    String payloadJson = payload instanceof String s ? s : Json.string(payload == null ? Json.object() : payload);
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    String hash = hash(prev, negotiationId, actor.accountId(), actor.delegation(), type, subject, payloadJson, now);
    long id = dsl.insertInto(EVENT)
        .set(EVENT.NEGOTIATION_ID, negotiationId)
        .set(EVENT.ACCOUNT_ID, actor.accountId())
        .set(EVENT.DELEGATION_CODE, actor.delegation())
        .set(EVENT.TYPE, type)
        .set(EVENT.SUBJECT, subject)
        .set(EVENT.PAYLOAD, payloadJson)
        .set(EVENT.CREATED_AT, now)
        .set(EVENT.PREV_HASH, prev.isEmpty() ? null : prev)
        .set(EVENT.HASH, hash)
        .returningResult(EVENT.ID)
        .fetchOne()
        .value1();
    dsl.update(EVENT_CHAIN).set(EVENT_CHAIN.LAST_HASH, hash).where(EVENT_CHAIN.CHAIN_KEY.eq(chain)).execute();
    LiveSignal.appended(dsl, negotiationId);
    return id;
  }

  /** Events of a negotiation after {@code afterId}, oldest first. */
  public static List<Event> since(DSLContext dsl, long negotiationId, long afterId, int limit) {
    return dsl.selectFrom(EVENT)
        .where(EVENT.NEGOTIATION_ID.eq(negotiationId).and(EVENT.ID.gt(afterId)))
        .orderBy(EVENT.ID)
        .limit(limit)
        .fetch(AuditLog::toEvent);
  }

  /** Recomputes a chain; returns the id of the first event whose hash does not match, or -1 when intact. */
  public static long verify(DSLContext dsl, Long negotiationId) {
    var rows = dsl.selectFrom(EVENT)
        .where(negotiationId == null ? EVENT.NEGOTIATION_ID.isNull() : EVENT.NEGOTIATION_ID.eq(negotiationId))
        .orderBy(EVENT.ID)
        .fetch();
    String prev = "";
    for (EventRecord r : rows) {
      String expectedPrev = prev.isEmpty() ? null : prev;
      String h = hash(prev, r.getNegotiationId(), r.getAccountId(), r.getDelegationCode(), r.getType(),
          r.getSubject(), r.getPayload(), r.getCreatedAt().withOffsetSameInstant(ZoneOffset.UTC));
      if (!java.util.Objects.equals(expectedPrev, r.getPrevHash()) || !h.equals(r.getHash())) {
        return r.getId();
      }
      prev = r.getHash();
    }
    String head = dsl.select(EVENT_CHAIN.LAST_HASH).from(EVENT_CHAIN)
        .where(EVENT_CHAIN.CHAIN_KEY.eq(negotiationId == null ? GLOBAL_CHAIN : "negotiation:" + negotiationId))
        .fetchOne(EVENT_CHAIN.LAST_HASH);
    if (head != null && !head.equals(prev)) {
      return rows.isEmpty() ? 0 : rows.get(rows.size() - 1).getId();
    }
    return -1;
  }

  private static Event toEvent(EventRecord r) {
    return new Event(r.getId(), r.getNegotiationId(), r.getAccountId(), r.getDelegationCode(), r.getType(),
        r.getSubject(), r.getPayload(), r.getCreatedAt());
  }

  static String hash(String prev, Long negotiationId, Long accountId, String delegation, String type,
      String subject, String payload, OffsetDateTime at) {
    String canonical = String.join("\u001f", prev, String.valueOf(negotiationId), String.valueOf(accountId),
        String.valueOf(delegation), type, String.valueOf(subject), payload,
        at.withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS).toString());
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(canonical.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
