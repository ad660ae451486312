package io.pathauth.support;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Proxy;
import java.security.Principal;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * A request and its response for unit tests of pieces that read a request and write a response (the
 * filter, the error writer): the request answers its method, path, caller and roles, and keeps
 * attributes; the response records status, headers and body. Any other call fails the test.
 */
public final class FakeExchange {

  private final Map<String, Object> attributes = new HashMap<>();
  private final Map<String, String> headers = new HashMap<>();
  private final StringWriter body = new StringWriter();
  private int status = 200;
  private boolean committed;

  private final String method;
  private final Principal caller;
  private final Set<String> roles;

  public final HttpServletRequest request;
  public final HttpServletResponse response;

  /**
   * @param caller the authenticated caller's name, or null for an anonymous request
   * @param roles the roles {@code isUserInRole} answers true for
   */
  public FakeExchange(String method, String caller, Set<String> roles) {
    this(method, "/", caller, roles);
  }

  /**
   * @param path the path inside the application ({@code servletPath}, context {@code /ctx})
   */
  public FakeExchange(String method, String path, String caller, Set<String> roles) {
    this.method = method;
    this.caller = caller == null ? null : () -> caller;
    this.roles = Set.copyOf(roles);
    this.request =
        (HttpServletRequest)
            Proxy.newProxyInstance(
                HttpServletRequest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class},
                (proxy, m, args) ->
                    switch (m.getName()) {
                      case "getMethod" -> this.method;
                      case "getContextPath" -> "/ctx";
                      case "getUserPrincipal" -> this.caller;
                      case "isUserInRole" -> this.caller != null && this.roles.contains(args[0]);
                      case "getAttribute" -> attributes.get((String) args[0]);
                      case "setAttribute" -> attributes.put((String) args[0], args[1]);
                      case "getHeader" -> null;
                      case "getRequestURI" -> "/ctx" + path;
                      case "getServletPath" -> path;
                      case "getPathInfo" -> null;
                      case "getSession" -> null;
                      case "getRemoteAddr" -> "127.0.0.1";
                      default -> throw new UnsupportedOperationException("request." + m.getName());
                    });
    PrintWriter writer = new PrintWriter(body);
    this.response =
        (HttpServletResponse)
            Proxy.newProxyInstance(
                HttpServletResponse.class.getClassLoader(),
                new Class<?>[] {HttpServletResponse.class},
                (proxy, m, args) ->
                    switch (m.getName()) {
                      case "setStatus" -> {
                        status = (Integer) args[0];
                        yield null;
                      }
                      case "getStatus" -> status;
                      case "setHeader" -> headers.put((String) args[0], (String) args[1]);
                      case "getHeader" -> headers.get((String) args[0]);
                      case "isCommitted" -> committed;
                      case "flushBuffer" -> {
                        writer.flush();
                        committed = true;
                        yield null;
                      }
                      case "getWriter" -> writer;
                      case "reset" -> {
                        status = 200;
                        headers.clear();
                        body.getBuffer().setLength(0);
                        yield null;
                      }
                      case "resetBuffer", "setContentType", "setCharacterEncoding" -> null;
                      default -> throw new UnsupportedOperationException("response." + m.getName());
                    });
  }

  /** The status written (200 when nothing was). */
  public int status() {
    return status;
  }

  /** A response header, or null. */
  public String header(String name) {
    return headers.get(name);
  }

  /** The response body written so far. */
  public String body() {
    return body.toString();
  }
}
