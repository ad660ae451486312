package io.pathauth.jwt;

import io.pathauth.http.BearerTokenErrors;
import java.time.Clock;
import java.util.OptionalLong;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The time step of verification: {@code exp} and {@code nbf} with the clock skew, the maximum age
 * since {@code iat} ({@code mp.jwt.verify.token.age}), and {@code iat} not after {@code exp}. The
 * signature step checks the same when it parses a token; the verified-token cache runs this step
 * alone on every hit, with the same {@link Clock}.
 */
public final class TimestampCheck {

  private final long skewSeconds;
  private final OptionalLong tokenAgeSeconds;
  private final Clock clock;

  /**
   * @param skewSeconds {@code mp.jwt.verify.clock.skew}
   * @param tokenAgeSeconds {@code mp.jwt.verify.token.age}, when set
   */
  public TimestampCheck(long skewSeconds, OptionalLong tokenAgeSeconds, Clock clock) {
    this.skewSeconds = skewSeconds;
    this.tokenAgeSeconds = tokenAgeSeconds;
    this.clock = clock;
  }

  /** The clock every time check uses. */
  public Clock clock() {
    return clock;
  }

  /** The skew allowed on {@code exp} and {@code nbf}. */
  public long skewSeconds() {
    return skewSeconds;
  }

  /**
   * Checks a verified token's times now.
   *
   * @throws InvalidBearerTokenException naming the first time that fails
   */
  public void check(JsonWebToken jwt) {
    String problem = problem(jwt, clock.instant().getEpochSecond());
    if (problem != null) {
      throw new InvalidBearerTokenException(BearerTokenErrors.invalidToken(problem));
    }
  }

  /** Whether a verified token's times still hold now. */
  public boolean holds(JsonWebToken jwt) {
    return problem(jwt, clock.instant().getEpochSecond()) == null;
  }

  private String problem(JsonWebToken jwt, long now) {
    long exp = jwt.getExpirationTime();
    if (exp + skewSeconds <= now) {
      return "The token has expired";
    }
    long iat = jwt.getIssuedAtTime();
    if (iat > exp) {
      return "The token is issued after it expires";
    }
    if (tokenAgeSeconds.isPresent() && iat + tokenAgeSeconds.getAsLong() + skewSeconds <= now) {
      return "The token is too old";
    }
    Long nbf = notBefore(jwt);
    if (nbf != null && nbf - skewSeconds > now) {
      return "The token is not yet valid";
    }
    return null;
  }

  private static Long notBefore(JsonWebToken jwt) {
    Object nbf = jwt.getClaim("nbf");
    if (nbf instanceof Number n) {
      return n.longValue();
    }
    if (nbf instanceof jakarta.json.JsonNumber jn) {
      return jn.longValue();
    }
    return null;
  }
}
