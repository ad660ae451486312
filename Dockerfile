# pathauth demo on Open Liberty. Build:  docker build -t pathauth .
# Run:     docker run -p 9080:9080 -v pathauth-state:/pathauth-state pathauth
# The demo issues its own tokens (key generated at first start, kept in the volume). To also accept
# tokens of another issuer: -e MP_JWT_VERIFY_PUBLICKEY_LOCATION=file:/keys/public.pem -v "$PWD/keys:/keys:ro"
# Keep the feature list in step with server.xml: this image installs exactly what server.xml names.

# ---- build the WAR with the project's own Maven wrapper -------------------------------------
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY .mvn/ .mvn/
COPY mvnw pom.xml server.xml ./
COPY src/ src/
# The library and the demo that uses it (README, "Layout"). Unit tests run; the integration tests
# need a server of their own and run in CI instead.
RUN ./mvnw -B -ntp -DskipITs -Dspotbugs.skip -pl src/demo -am package

# ---- runtime: the official Open Liberty kernel image, features installed from server.xml ----
FROM icr.io/appcafe/open-liberty:kernel-slim-java17-openj9-ubi-minimal

# The same server.xml that `./mvnw liberty:dev` and the integration tests use.
COPY --chown=1001:0 server.xml /config/server.xml
RUN features.sh

COPY --chown=1001:0 --from=build /src/src/demo/target/pathauth.war /config/dropins/pathauth.war

# Listen on all interfaces inside the container (server.xml defaults to localhost).
ENV HTTP_HOST="*"

# pathauth's signing keys, revocations and refresh tokens (pathauth.state.dir): mount a volume here
# so they survive a new container; written by the server user (1001, group 0 as on OpenShift).
USER root
RUN mkdir -p /pathauth-state && chown 1001:0 /pathauth-state && chmod 770 /pathauth-state
USER 1001
ENV PATHAUTH_STATE_DIR=/pathauth-state
VOLUME /pathauth-state
# Behind TLS in production, also set cookieSecure="true" on <httpSession> (README, "Security").

RUN configure.sh
