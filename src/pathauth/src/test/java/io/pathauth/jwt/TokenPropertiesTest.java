package io.pathauth.jwt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.pathauth.support.TestSettings;
import io.smallrye.jwt.build.Jwt;
import java.security.KeyPair;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Property-based: whatever arrives in the {@code Authorization} header, the resolver and the
 * verifier either accept a token whose bytes are exactly those of a validly signed one, or throw
 * the documented {@link InvalidBearerTokenException}; nothing else escapes.
 */
class TokenPropertiesTest {

  private static final KeyPair KEYS = TestSettings.rsa();
  private static final String VALID =
      Jwt.issuer("iss")
          .audience("aud")
          .upn("alice")
          .groups("user")
          .expiresIn(3600)
          .sign(KEYS.getPrivate());
  private static final DefaultBearerTokenResolver RESOLVER =
      new DefaultBearerTokenResolver(false, "Bearer", 8192);
  private static final SmallRyeTokenVerifier VERIFIER =
      new SmallRyeTokenVerifier(
          TestSettings.jwt(KEYS.getPublic(), Set.of("RS256", "ES256"), "iss", List.of("aud"), 0));

  @Property(tries = 500)
  void arbitraryHeadersAreRefusedCleanly(@ForAll String header) {
    check(header);
  }

  @Property(tries = 1500)
  void mutatedValidTokensAreAcceptedOnlyWithTheSignedBytes(@ForAll("mutations") String token) {
    check("Bearer " + token);
  }

  @Provide
  Arbitrary<String> mutations() {
    Arbitrary<Integer> position = Arbitraries.integers().between(0, VALID.length() - 1);
    Arbitrary<Character> chars = Arbitraries.chars().ascii();
    return Arbitraries.oneOf(
        Arbitraries.of(VALID),
        position.flatMap(p -> chars.map(c -> VALID.substring(0, p) + c + VALID.substring(p + 1))),
        position.map(p -> VALID.substring(0, p) + VALID.substring(p + 1)),
        position.flatMap(p -> chars.map(c -> VALID.substring(0, p) + c + VALID.substring(p))),
        position.map(p -> VALID.substring(0, p)),
        Arbitraries.integers()
            .between(0, 2)
            .flatMap(
                i ->
                    Arbitraries.strings()
                        .withCharRange('!', '~')
                        .ofMaxLength(40)
                        .map(junk -> Tuple.of(i, junk)))
            .map(
                t -> {
                  String[] parts = VALID.split("\\.");
                  parts[t.get1()] = t.get2();
                  return String.join(".", parts);
                }));
  }

  private static void check(String header) {
    try {
      Optional<String> token =
          RESOLVER.resolve(DefaultBearerTokenResolverTest.request(List.of(header), null, null));
      if (token.isEmpty()) {
        return;
      }
      VERIFIER.verify(token.get());
      // accepted: it must decode to the validly signed token's exact bytes
      String[] a = token.get().split("\\.");
      String[] v = VALID.split("\\.");
      for (int i = 0; i < 3; i++) {
        assertArrayEquals(
            Base64.getUrlDecoder().decode(v[i]), Base64.getUrlDecoder().decode(a[i]), header);
      }
    } catch (InvalidBearerTokenException expected) {
      // the documented rejection
    }
  }
}
