package io.pathauth.cdi;

import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.Typed;
import jakarta.enterprise.inject.spi.InjectionPoint;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.jwt.Claim;
import org.eclipse.microprofile.jwt.ClaimValue;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Producers for {@code @Inject @Claim(...)}: the raw types, the JSON-P types, {@code Optional} and
 * {@code ClaimValue} of the MP-JWT specification. Each reads the current request's token; a {@code
 * ClaimValue} reads it when asked, so it also works in application-scoped beans.
 */
@Dependent
public class ClaimProducers {

  @Inject JsonWebToken token;

  private Object claim(InjectionPoint ip) {
    return ClaimConverter.convert(token.getClaim(nameOf(ip)), ip.getType());
  }

  private static String nameOf(InjectionPoint ip) {
    Claim claim =
        ip.getQualifiers().stream()
            .filter(Claim.class::isInstance)
            .map(Claim.class::cast)
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("no @Claim at " + ip));
    return ClaimConverter.claimName(claim);
  }

  @Produces
  @Claim("")
  @Typed(String.class)
  String string(InjectionPoint ip) {
    return (String) claim(ip);
  }

  @Produces
  @Claim("")
  @Typed(Long.class)
  Long longValue(InjectionPoint ip) {
    return (Long) claim(ip);
  }

  @Produces
  @Claim("")
  @Typed(Double.class)
  Double doubleValue(InjectionPoint ip) {
    return (Double) claim(ip);
  }

  @Produces
  @Claim("")
  @Typed(Boolean.class)
  Boolean booleanValue(InjectionPoint ip) {
    return (Boolean) claim(ip);
  }

  @Produces
  @Claim("")
  @SuppressWarnings("unchecked")
  Set<String> strings(InjectionPoint ip) {
    return (Set<String>) claim(ip);
  }

  @Produces
  @Claim("")
  @Typed(JsonValue.class)
  JsonValue json(InjectionPoint ip) {
    return (JsonValue) claim(ip);
  }

  @Produces
  @Claim("")
  @Typed(JsonString.class)
  JsonString jsonString(InjectionPoint ip) {
    return (JsonString) claim(ip);
  }

  @Produces
  @Claim("")
  @Typed(JsonNumber.class)
  JsonNumber jsonNumber(InjectionPoint ip) {
    return (JsonNumber) claim(ip);
  }

  @Produces
  @Claim("")
  @Typed(JsonArray.class)
  JsonArray jsonArray(InjectionPoint ip) {
    return (JsonArray) claim(ip);
  }

  @Produces
  @Claim("")
  @Typed(JsonObject.class)
  JsonObject jsonObject(InjectionPoint ip) {
    return (JsonObject) claim(ip);
  }

  @Produces
  @Claim("")
  @SuppressWarnings("unchecked")
  <T> Optional<T> optional(InjectionPoint ip) {
    return (Optional<T>) claim(ip);
  }

  @Produces
  @Claim("")
  <T> ClaimValue<T> claimValue(InjectionPoint ip) {
    Type target =
        ip.getType() instanceof ParameterizedType p ? p.getActualTypeArguments()[0] : Object.class;
    return new LazyClaimValue<>(nameOf(ip), target, token);
  }

  /** A claim read from the current request's token each time it is asked for. */
  record LazyClaimValue<T>(String name, Type target, JsonWebToken token) implements ClaimValue<T> {

    @Override
    public String getName() {
      return name;
    }

    @Override
    @SuppressWarnings("unchecked")
    public T getValue() {
      return (T) ClaimConverter.convert(token.getClaim(name), target);
    }

    @Override
    public String toString() {
      return "ClaimValue[" + name + "]";
    }
  }
}
