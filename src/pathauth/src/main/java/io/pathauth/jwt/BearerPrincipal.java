package io.pathauth.jwt;

import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The caller principal pathauth hands the container for a bearer request: a {@link JsonWebToken}
 * with a fixed name that answers every claim from the token verified for the request being
 * processed.
 *
 * <p>Why not the verified token itself: Open Liberty keeps the Subject of a login in its
 * authentication cache under pathauth's identity key (caller name and groups, see {@link
 * io.pathauth.http.ContainerLogin}), so that a new token of a caller already seen costs no JAAS
 * login and no LTPA signature. A Subject shared by several tokens must not pin the claims of the
 * first one; this principal reads them from the request instead. Its name is the key's name and the
 * groups are in the key, so what the container decides from the Subject (remote user, roles) is
 * right for every token that shares it.
 *
 * <p>Outside the request that authenticated with a token of this caller (no request, or a token of
 * another caller, which pathauth never lets happen) the claims are refused with an {@link
 * IllegalStateException} rather than answered from another token.
 */
public final class BearerPrincipal implements JsonWebToken {

  private final String name;
  private final Supplier<JsonWebToken> current;

  /**
   * @param name the caller name, {@link JsonWebToken#getName()} of every token it stands for
   * @param current the verified token of the request being processed, or null when there is none
   */
  public BearerPrincipal(String name, Supplier<JsonWebToken> current) {
    this.name = Objects.requireNonNull(name, "name");
    this.current = Objects.requireNonNull(current, "current");
  }

  @Override
  public String getName() {
    return name;
  }

  @Override
  public Set<String> getClaimNames() {
    return token().getClaimNames();
  }

  @Override
  public <T> T getClaim(String claimName) {
    return token().getClaim(claimName);
  }

  private JsonWebToken token() {
    JsonWebToken token = current.get();
    if (token == null || !name.equals(token.getName())) {
      throw new IllegalStateException(
          "pathauth: the claims of a bearer caller are only available while its request is"
              + " processed");
    }
    return token;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BearerPrincipal other && name.equals(other.name);
  }

  @Override
  public int hashCode() {
    return name.hashCode();
  }

  /** The name only: never a claim or the token. */
  @Override
  public String toString() {
    return "BearerPrincipal[" + name + "]";
  }
}
