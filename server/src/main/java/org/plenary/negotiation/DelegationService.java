package org.plenary.negotiation;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.plenary.access.Membership;
import org.plenary.access.Principal;
import org.plenary.access.Role;
import org.plenary.audit.AuditLog;
import org.plenary.domain.DomainException;
import org.plenary.store.Database;

/**
 * The delegations of one negotiation: adding a reference or a custom one, and designating the delegation a
 * group acts through (its coordinator). The secretariat's; refusals are {@link DomainException}s, and each
 * change appends its audit event in its transaction.
 *
 * <pre>
 *   delegations.add(p, n, "ITU-BDT", "organisation", "ITU Telecommunication Development Bureau", null);
 *   delegations.setCoordinator(p, n, "ARAB", "EGY");
 * </pre>
 */
final class DelegationService {
  private final Database db;

  DelegationService(Database db) {
    this.db = Objects.requireNonNull(db, "db");
  }

  /**
   * Adds {@code code}: from the reference list (then only the code may be sent), or as a custom delegation
   * with its {@code kind} ({@code organisation} or {@code observer}) and names.
   */
  Future<NegotiationDelegations.Chosen> add(Principal p, long n, String code, String kind, String nameEn,
      String nameAr) {
    return db.tx(dsl -> {
      Membership.requireRole(dsl, n, p, Role.SECRETARIAT);
      AuditLog.Actor actor = new AuditLog.Actor(p.accountId(), null);
      if (NegotiationDelegations.inNegotiation(dsl, n, code).isPresent()) {
        throw DomainException.conflict("already-added", code + " already takes part in this negotiation");
      }
      var known = NegotiationDelegations.visibleIn(dsl, n, code);
      boolean custom = known.isEmpty();
      if (custom) {
        List<DomainException.FieldError> errors = new ArrayList<>();
        if (NegotiationDelegations.codeTaken(dsl, code)) {
          throw DomainException.conflict("code-taken", "the code " + code
              + " is used by another negotiation's custom delegation; choose another");
        }
        if (nameEn == null) {
          errors.add(new DomainException.FieldError("nameEn", "a custom delegation (" + code
              + " is not in the reference list) needs an English name"));
        }
        if (kind == null || !List.of("organisation", "observer").contains(kind)) {
          errors.add(new DomainException.FieldError("kind", "a custom delegation is an \"organisation\" or an \"observer\""));
        }
        if (!errors.isEmpty()) {
          throw DomainException.invalid(errors);
        }
        NegotiationDelegations.createCustom(dsl, n, code, kind, nameEn.strip(), nameAr == null ? null : nameAr.strip());
      } else if (nameEn != null || nameAr != null || kind != null) {
        throw DomainException.invalid(nameEn != null ? "nameEn" : nameAr != null ? "nameAr" : "kind",
            code + " is reference data: send only its code");
      }
      NegotiationDelegations.add(dsl, n, code);
      var added = NegotiationDelegations.inNegotiation(dsl, n, code).orElseThrow();
      Map<String, Object> payload = new LinkedHashMap<>();
      payload.put("code", code);
      payload.put("custom", custom);
      payload.put("kind", added.kind());
      payload.put("nameEn", added.nameEn());
      if (added.nameAr() != null) {
        payload.put("nameAr", added.nameAr());
      }
      AuditLog.append(dsl, n, actor, "delegation.added", "delegation:" + code, payload);
      return added;
    });
  }

  /** Designates (or with null clears) the coordinator of {@code group}: a member of it that takes part. */
  Future<NegotiationDelegations.Chosen> setCoordinator(Principal p, long n, String group, String coordinator) {
    return db.tx(dsl -> {
      Membership.requireRole(dsl, n, p, Role.SECRETARIAT);
      var g = NegotiationDelegations.inNegotiation(dsl, n, group)
          .orElseThrow(() -> DomainException.notFound("delegation " + group + " in negotiation " + n));
      if (!"group".equals(g.kind())) {
        throw DomainException.invalid("delegation", group + " is not a group; only groups have a coordinator");
      }
      if (coordinator != null) {
        var c = NegotiationDelegations.inNegotiation(dsl, n, coordinator).orElseThrow(() -> DomainException.invalid(
            "coordinator", coordinator + " does not take part in this negotiation: add it first"));
        if ("group".equals(c.kind())) {
          throw DomainException.invalid("coordinator", "a group cannot coordinate a group");
        }
        List<String> members = NegotiationDelegations.members(dsl, group);
        if (!members.isEmpty() && !members.contains(coordinator)) {
          throw DomainException.invalid("coordinator", coordinator + " is not a member of " + g.nameEn());
        }
      }
      NegotiationDelegations.setCoordinator(dsl, n, group, coordinator);
      Map<String, Object> payload = new LinkedHashMap<>();
      payload.put("group", group);
      payload.put("before", g.coordinator() == null ? "" : g.coordinator());
      payload.put("after", coordinator == null ? "" : coordinator);
      AuditLog.append(dsl, n, new AuditLog.Actor(p.accountId(), null), "delegation.coordinator-set",
          "delegation:" + group, payload);
      return NegotiationDelegations.inNegotiation(dsl, n, group).orElseThrow();
    });
  }
}
