package org.plenary.access;

/** The authenticated account behind a request. */
public record Principal(long accountId, String email, String displayName, boolean admin, String tokenHash,
    boolean viaCookie, String csrfToken) {}
