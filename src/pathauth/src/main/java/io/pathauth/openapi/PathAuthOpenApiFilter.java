package io.pathauth.openapi;

import io.pathauth.config.PathAuthConfig;
import io.pathauth.config.PathAuthConfigException;
import io.pathauth.path.Mechanism;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

/**
 * A MicroProfile OpenAPI filter that documents, on every operation, the security that pathauth's
 * path rules apply there: the bearer scheme on jwt paths, the session-cookie scheme on session
 * paths, none on none paths (an operation spanning several rules lists each scheme as an
 * alternative). Every operation also gets {@code x-pathauth-mechanisms}, the mechanisms of its
 * rules ({@code none} included: OpenAPI's empty requirement {@code {}} would say "optional", but
 * Liberty's validator refuses it). The document then says what the server does, whatever the
 * annotations or the static file claim. Turn it on with {@code
 * mp.openapi.filter=io.pathauth.openapi.PathAuthOpenApiFilter}.
 *
 * <pre>
 * pathauth.openapi.bearer-scheme=bearerJwt        (the security scheme's name for jwt paths)
 * pathauth.openapi.session-scheme=sessionCookie   (and for session paths)
 * </pre>
 *
 * A scheme the document does not define is added: HTTP bearer with format JWT, and an API key in
 * the session cookie ({@code JSESSIONID}).
 */
public final class PathAuthOpenApiFilter implements OASFilter {

  public static final String BEARER_SCHEME = "pathauth.openapi.bearer-scheme";
  public static final String SESSION_SCHEME = "pathauth.openapi.session-scheme";

  /** The operation extension that lists the mechanisms of its path rules. */
  public static final String MECHANISMS_EXTENSION = "x-pathauth-mechanisms";

  private final OperationSecurity security;
  private final String bearerScheme;
  private final String sessionScheme;

  /** Reads the application's configuration (MicroProfile OpenAPI creates the filter). */
  public PathAuthOpenApiFilter() {
    this(ConfigProvider.getConfig(PathAuthOpenApiFilter.class.getClassLoader()));
  }

  PathAuthOpenApiFilter(Config config) {
    PathAuthConfig pathauth = PathAuthConfig.from(config);
    this.security = new OperationSecurity(pathauth.rules(), pathauth.matcher(), pathauth.session());
    this.bearerScheme = scheme(config, BEARER_SCHEME, "bearerJwt");
    this.sessionScheme = scheme(config, SESSION_SCHEME, "sessionCookie");
  }

  private static String scheme(Config config, String key, String defaultName) {
    String name = config.getOptionalValue(key, String.class).map(String::trim).orElse(defaultName);
    if (!name.matches("[A-Za-z0-9._-]+")) {
      throw new PathAuthConfigException(key, "must be a security scheme name ([A-Za-z0-9._-]+)");
    }
    return name;
  }

  @Override
  public void filterOpenAPI(OpenAPI openAPI) {
    boolean bearerUsed = false;
    boolean sessionUsed = false;
    if (openAPI.getPaths() != null && openAPI.getPaths().getPathItems() != null) {
      for (Map.Entry<String, PathItem> path : openAPI.getPaths().getPathItems().entrySet()) {
        Map<PathItem.HttpMethod, Operation> operations = path.getValue().getOperations();
        if (operations == null) {
          continue;
        }
        for (Map.Entry<PathItem.HttpMethod, Operation> op : operations.entrySet()) {
          Set<Mechanism> mechanisms = security.mechanisms(path.getKey(), op.getKey().name());
          op.getValue().setSecurity(requirements(mechanisms));
          op.getValue()
              .addExtension(
                  MECHANISMS_EXTENSION, mechanisms.stream().map(Mechanism::configName).toList());
          bearerUsed |= mechanisms.contains(Mechanism.JWT);
          sessionUsed |= mechanisms.contains(Mechanism.SESSION);
        }
      }
    }
    // Every operation states its own security now; a document-wide default would only mislead. An
    // empty list, not null: Payara's model (OpenAPIImpl.clone) fails on a null list.
    openAPI.setSecurity(new ArrayList<>());
    Components components = openAPI.getComponents();
    if (components == null) {
      components = OASFactory.createComponents();
      openAPI.setComponents(components);
    }
    Map<String, SecurityScheme> schemes = components.getSecuritySchemes();
    if (bearerUsed && (schemes == null || !schemes.containsKey(bearerScheme))) {
      components.addSecurityScheme(
          bearerScheme,
          OASFactory.createSecurityScheme()
              .type(SecurityScheme.Type.HTTP)
              .scheme("bearer")
              .bearerFormat("JWT"));
    }
    if (sessionUsed && (schemes == null || !schemes.containsKey(sessionScheme))) {
      components.addSecurityScheme(
          sessionScheme,
          OASFactory.createSecurityScheme()
              .type(SecurityScheme.Type.APIKEY)
              .in(SecurityScheme.In.COOKIE)
              .name("JSESSIONID"));
    }
  }

  private List<SecurityRequirement> requirements(Set<Mechanism> mechanisms) {
    List<SecurityRequirement> alternatives = new ArrayList<>();
    if (mechanisms.contains(Mechanism.JWT)) {
      alternatives.add(OASFactory.createSecurityRequirement().addScheme(bearerScheme));
    }
    if (mechanisms.contains(Mechanism.SESSION)) {
      alternatives.add(OASFactory.createSecurityRequirement().addScheme(sessionScheme));
    }
    return alternatives; // empty for a none-only operation: "security: []"
  }
}
