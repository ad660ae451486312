package io.pathauth.cdi;

import io.pathauth.jwt.BearerAuthentication;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The current request's verified token, produced for {@code @Inject JsonWebToken}. The bearer
 * mechanism leaves the token in a request attribute ({@link BearerAuthentication#token}), which
 * costs nothing on requests whose application never asks for it; this bean reads it only when a
 * token is injected. pathauth produces it itself rather than through smallrye-jwt's CDI beans:
 * Payara puts types added by an extension into a bean archive that cannot see smallrye-jwt's
 * discovered beans, so those producers are not portable between the two servers.
 */
@RequestScoped
public class CurrentToken {

  @Inject HttpServletRequest request;

  /** The verified token of this request, or null when it presented none. */
  public JsonWebToken verified() {
    return BearerAuthentication.token(request);
  }

  /**
   * The verified token, or a token without claims when the request has none (a normal-scoped
   * producer may not return null). Typed to {@link JsonWebToken} only, so that the container's own
   * {@code Principal} bean is not made ambiguous.
   */
  @Produces
  @RequestScoped
  @Typed(JsonWebToken.class)
  JsonWebToken current() {
    JsonWebToken token = verified();
    return token == null ? Anonymous.TOKEN : token;
  }

  /** The token of a request that presented none. */
  enum Anonymous implements JsonWebToken {
    TOKEN;

    @Override
    public String getName() {
      return null;
    }

    /** {@code null}, as the MP-JWT TCK's EmptyTokenTest expects of a request without a token. */
    @Override
    public Set<String> getClaimNames() {
      return null;
    }

    @Override
    public <T> T getClaim(String claimName) {
      return null;
    }
  }
}
