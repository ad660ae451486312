package io.pathauth.issuer;

/**
 * A successful token endpoint answer.
 *
 * @param accessToken the signed JWT
 * @param expiresIn its lifetime in seconds
 * @param refreshToken the opaque refresh token, or null when none is issued
 * @param user whom the tokens are for (for the audit log; not sent)
 */
public record TokenResponse(String accessToken, long expiresIn, String refreshToken, String user) {}
