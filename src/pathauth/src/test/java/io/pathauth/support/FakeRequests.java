package io.pathauth.support;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.util.Map;

/** A read-only {@link HttpServletRequest} for unit tests of small pieces. */
public final class FakeRequests {

  private FakeRequests() {}

  /** A request with the given Authorization headers, cookies and query string. */
  public static HttpServletRequest withCredentials(
      java.util.List<String> authorization, jakarta.servlet.http.Cookie[] cookies, String query) {
    return (HttpServletRequest)
        Proxy.newProxyInstance(
            HttpServletRequest.class.getClassLoader(),
            new Class<?>[] {HttpServletRequest.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "getHeaders" ->
                      "Authorization".equalsIgnoreCase((String) args[0])
                          ? java.util.Collections.enumeration(authorization)
                          : java.util.Collections.emptyEnumeration();
                  case "getHeader" ->
                      "Authorization".equalsIgnoreCase((String) args[0]) && !authorization.isEmpty()
                          ? authorization.get(0)
                          : null;
                  case "getCookies" -> cookies;
                  case "getQueryString" -> query;
                  default -> throw new UnsupportedOperationException(method.getName());
                });
  }

  /**
   * A request answering the given getters by name ({@code "getContextPath"} to its value); any
   * other call fails the test.
   */
  public static HttpServletRequest of(Map<String, Object> getters) {
    return (HttpServletRequest)
        Proxy.newProxyInstance(
            HttpServletRequest.class.getClassLoader(),
            new Class<?>[] {HttpServletRequest.class},
            (proxy, method, args) -> {
              if (getters.containsKey(method.getName())) {
                return getters.get(method.getName());
              }
              throw new UnsupportedOperationException(method.getName());
            });
  }

  /** A request that keeps request attributes (set and get) and answers nothing else. */
  public static HttpServletRequest withAttributes() {
    Map<String, Object> attributes = new java.util.HashMap<>();
    return (HttpServletRequest)
        Proxy.newProxyInstance(
            HttpServletRequest.class.getClassLoader(),
            new Class<?>[] {HttpServletRequest.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "setAttribute" -> attributes.put((String) args[0], args[1]);
                  case "getAttribute" -> attributes.get((String) args[0]);
                  default -> throw new UnsupportedOperationException(method.getName());
                });
  }
}
