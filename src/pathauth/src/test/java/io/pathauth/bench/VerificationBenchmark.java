package io.pathauth.bench;

import io.pathauth.config.JwtSettings;
import io.pathauth.dev.DevTokens;
import io.pathauth.jwt.CachingTokenVerifier;
import io.pathauth.jwt.DefaultBearerTokenResolver;
import io.pathauth.jwt.SmallRyeTokenVerifier;
import io.pathauth.jwt.TimestampCheck;
import io.pathauth.support.FakeRequests;
import io.pathauth.support.TestSettings;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.build.Jwt;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.base64url.Base64Url;
import org.jose4j.json.JsonUtil;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.EcdsaUsingShaAlgorithm;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The per-request cost of bearer verification, against the physical limit (one JCA signature
 * check). Run with {@code ./mvnw -Pbench verify} (see BENCHMARKS.md).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class VerificationBenchmark {

  private String rsToken;
  private String esToken;
  private byte[] rsInput;
  private byte[] rsSignature;
  private byte[] esInput;
  private byte[] esDerSignature;
  private KeyPair rsa;
  private KeyPair ec;
  private SmallRyeTokenVerifier rsVerifier;
  private SmallRyeTokenVerifier esVerifier;
  private CachingTokenVerifier rsCached;
  private DefaultJWTParser smallryeParser;
  private DefaultBearerTokenResolver resolver;
  private HttpServletRequest rsRequest;
  private HttpServletRequest esRequest;
  private JwtConsumer rsConsumer;
  private String[] rsParts;
  private String rsHeaderJson;
  private String rsClaimsJson;
  private final Base64Url base64Url = new Base64Url();

  @Setup
  public void setUp() throws Exception {
    rsa = TestSettings.rsa();
    KeyPairGenerator eg = KeyPairGenerator.getInstance("EC");
    eg.initialize(new ECGenParameterSpec("secp256r1"));
    ec = eg.generateKeyPair();
    rsToken = token().jws().keyId("rs").sign(rsa.getPrivate());
    esToken = token().jws().keyId("es").algorithm(SignatureAlgorithm.ES256).sign(ec.getPrivate());

    String[] rs = rsToken.split("\\.");
    rsInput = (rs[0] + "." + rs[1]).getBytes(StandardCharsets.US_ASCII);
    rsSignature = Base64.getUrlDecoder().decode(rs[2]);
    String[] es = esToken.split("\\.");
    esInput = (es[0] + "." + es[1]).getBytes(StandardCharsets.US_ASCII);
    esDerSignature =
        EcdsaUsingShaAlgorithm.convertConcatenatedToDer(Base64.getUrlDecoder().decode(es[2]));

    rsVerifier = new SmallRyeTokenVerifier(settings(rsa, "RS256"));
    esVerifier = new SmallRyeTokenVerifier(settings(ec, "ES256"));
    rsCached =
        new CachingTokenVerifier(
            rsVerifier,
            16 << 20,
            new TimestampCheck(60, java.util.OptionalLong.empty(), Clock.systemUTC()));
    JWTAuthContextInfo info = new JWTAuthContextInfo();
    info.setPublicKeyContent(DevTokens.pem("PUBLIC KEY", rsa.getPublic().getEncoded()));
    info.setIssuedBy("https://issuer.bench");
    smallryeParser = new DefaultJWTParser(info);
    resolver = new DefaultBearerTokenResolver(false, "Bearer", 8192);
    rsRequest = request("Bearer " + rsToken);
    esRequest = request("Bearer " + esToken);
    rsParts = rs;
    rsHeaderJson = new String(Base64.getUrlDecoder().decode(rs[0]), StandardCharsets.UTF_8);
    rsClaimsJson = new String(Base64.getUrlDecoder().decode(rs[1]), StandardCharsets.UTF_8);
    rsConsumer =
        new JwtConsumerBuilder()
            .setVerificationKey(rsa.getPublic())
            .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, "RS256")
            .setExpectedIssuer("https://issuer.bench")
            .setExpectedAudience("bench")
            .setRequireExpirationTime()
            .setRequireIssuedAt()
            .setAllowedClockSkewInSeconds(60)
            .build();
  }

  /**
   * jose4j alone, the library under smallrye-jwt, with a consumer built once for a fixed key and
   * issuer (smallrye-jwt builds one per token): the floor of library-based verification.
   */
  @Benchmark
  public JwtClaims jose4jPrebuiltConsumerRs256() throws Exception {
    return rsConsumer.processToClaims(rsToken);
  }

  /** Where jose4j's time goes, part 1: its Base64URL codec on the three parts of the token. */
  @Benchmark
  public void jose4jBase64Rs256(Blackhole bh) {
    bh.consume(base64Url.base64UrlDecode(rsParts[0]));
    bh.consume(base64Url.base64UrlDecode(rsParts[1]));
    bh.consume(base64Url.base64UrlDecode(rsParts[2]));
  }

  /** Part 2: its JSON parser on the header and the claims. */
  @Benchmark
  public void jose4jJsonRs256(Blackhole bh) throws Exception {
    bh.consume(JsonUtil.parseJson(rsHeaderJson));
    bh.consume(JsonUtil.parseJson(rsClaimsJson));
  }

  /** For comparison: the JDK's Base64URL decoder on the same three parts. */
  @Benchmark
  public void jdkBase64Rs256(Blackhole bh) {
    Base64.Decoder d = Base64.getUrlDecoder();
    bh.consume(d.decode(rsParts[0]));
    bh.consume(d.decode(rsParts[1]));
    bh.consume(d.decode(rsParts[2]));
  }

  private static io.smallrye.jwt.build.JwtClaimsBuilder token() {
    return Jwt.issuer("https://issuer.bench")
        .audience("bench")
        .upn("alice")
        .subject("alice")
        .groups(Set.of("user"))
        .expiresIn(3600);
  }

  private static JwtSettings settings(KeyPair kp, String algorithm) {
    return TestSettings.jwt(
        kp.getPublic(), Set.of(algorithm), "https://issuer.bench", List.of("bench"), 60);
  }

  private static HttpServletRequest request(String authorization) {
    return FakeRequests.withCredentials(List.of(authorization), null, null);
  }

  /** The physical limit: one RSA-2048 signature check. */
  @Benchmark
  public boolean jcaRs256() throws Exception {
    Signature s = Signature.getInstance("SHA256withRSA");
    s.initVerify(rsa.getPublic());
    s.update(rsInput);
    return s.verify(rsSignature);
  }

  /** The physical limit: one P-256 ECDSA signature check. */
  @Benchmark
  public boolean jcaEs256() throws Exception {
    Signature s = Signature.getInstance("SHA256withECDSA");
    s.initVerify(ec.getPublic());
    s.update(esInput);
    return s.verify(esDerSignature);
  }

  /** smallrye-jwt's parser alone (signature, claims, principal). */
  @Benchmark
  public JsonWebToken smallryeParserRs256() throws Exception {
    return smallryeParser.parse(rsToken);
  }

  /** pathauth's whole pipeline without the cache: header resolution, syntax, verification. */
  @Benchmark
  public JsonWebToken pathauthUncachedRs256() {
    return rsVerifier.verify(resolver.resolve(rsRequest).orElseThrow());
  }

  @Benchmark
  public JsonWebToken pathauthUncachedEs256() {
    return esVerifier.verify(resolver.resolve(esRequest).orElseThrow());
  }

  /** pathauth's pipeline with the verified-token cache, the same token again. */
  @Benchmark
  public JsonWebToken pathauthCachedRs256() {
    return rsCached.verify(resolver.resolve(rsRequest).orElseThrow());
  }
}
