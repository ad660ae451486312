package io.pathauth.jwt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipal;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;

class BearerPrincipalTest {

  private static JsonWebToken token(String upn, String jti) {
    JwtClaims claims = new JwtClaims();
    claims.setClaim("upn", upn);
    claims.setJwtId(jti);
    claims.setStringListClaim("groups", "user");
    return new DefaultJWTCallerPrincipal("raw-" + jti, "JWT", claims);
  }

  @Test
  void whenTheRequestTokenChanges_thenTheClaimsAreThoseOfTheCurrentToken() {
    AtomicReference<JsonWebToken> current = new AtomicReference<>(token("alice", "one"));
    BearerPrincipal principal = new BearerPrincipal("alice", current::get);
    assertEquals("one", principal.getTokenID());
    assertEquals("raw-one", principal.getRawToken());
    current.set(token("alice", "two"));
    assertEquals("two", principal.getTokenID());
    assertEquals(Set.of("user"), principal.getGroups());
    assertTrue(principal.getClaimNames().contains("jti"));
    assertEquals("alice", principal.getName());
  }

  @Test
  void whenNoRequestToken_thenClaimsAreRefusedAndTheNameStays() {
    BearerPrincipal principal = new BearerPrincipal("alice", () -> null);
    assertEquals("alice", principal.getName());
    assertThrows(IllegalStateException.class, principal::getTokenID);
    assertThrows(IllegalStateException.class, principal::getClaimNames);
  }

  @Test
  void whenTheRequestTokenIsAnotherCallers_thenClaimsAreRefused() {
    BearerPrincipal principal = new BearerPrincipal("alice", () -> token("mallory", "m"));
    assertThrows(IllegalStateException.class, () -> principal.getClaim("jti"));
  }

  @Test
  void whenComparedOrPrinted_thenOnlyTheNameCounts() {
    AtomicReference<JsonWebToken> current = new AtomicReference<>(token("alice", "secret-jti"));
    BearerPrincipal a = new BearerPrincipal("alice", current::get);
    assertEquals(a, new BearerPrincipal("alice", () -> null));
    assertEquals(a.hashCode(), new BearerPrincipal("alice", () -> null).hashCode());
    assertFalse(a.equals(new BearerPrincipal("bob", current::get)));
    assertFalse(a.toString().contains("secret"), a.toString());
  }
}
