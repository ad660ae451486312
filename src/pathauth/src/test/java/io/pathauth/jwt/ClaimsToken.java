package io.pathauth.jwt;

import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** A verified token in unit tests: just its claims. */
public record ClaimsToken(Map<String, Object> claims) implements JsonWebToken {

  /** A token of {@code sub} issued at {@code iat}, expiring at {@code exp} (epoch seconds). */
  public static ClaimsToken of(String sub, long iat, long exp) {
    return new ClaimsToken(Map.of("sub", sub, "iat", iat, "exp", exp));
  }

  public ClaimsToken with(String claim, Object value) {
    Map<String, Object> m = new java.util.HashMap<>(claims);
    m.put(claim, value);
    return new ClaimsToken(Map.copyOf(m));
  }

  @Override
  public String getName() {
    return (String) claims.get("sub");
  }

  @Override
  public Set<String> getClaimNames() {
    return claims.keySet();
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> T getClaim(String claimName) {
    return (T) claims.get(claimName);
  }
}
