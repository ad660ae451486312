package io.pathauth.it.browser;

import static io.pathauth.it.support.Browser.ALICE;
import static io.pathauth.it.support.Browser.ALICE_PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pathauth.it.support.Scenarios;
import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The demo in a real browser: Debian's headless Chromium, driven by Selenium through Debian's
 * chromedriver. Screenshots go to {@code target/screenshots}.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class BrowserIT {

  @Deployment(testable = false)
  static WebArchive deployment() {
    // 3-second access tokens and no clock skew, so the SPA's refresh happens within the test
    return Scenarios.demoWith(
        Map.of("pathauth.token.access-lifetime", "3", "mp.jwt.verify.clock.skew", "0"));
  }

  @ArquillianResource URL base;

  static WebDriver driver;
  static Path screenshots;

  /**
   * Chromium and ChromeDriver come from Debian's packages, which the build cannot fetch. Without
   * them this test is skipped with one line saying what to install, except where a browser is
   * required: in CI ({@code CI=true}, which {@code .ci/run} has) or with {@code
   * -Dpathauth.browser.required=true}, a missing browser fails the build instead.
   */
  static void requireBrowser(String chromium, String chromedriver) {
    if (Files.isExecutable(Path.of(chromium)) && Files.isExecutable(Path.of(chromedriver))) {
      return;
    }
    String what =
        "BrowserIT needs Chromium and ChromeDriver at "
            + chromium
            + " and "
            + chromedriver
            + ": install them with `apt-get install chromium chromium-driver` (Debian)";
    if (Boolean.getBoolean("pathauth.browser.required") || "true".equals(System.getenv("CI"))) {
      Assertions.fail(what);
    }
    System.err.println("[WARNING] SKIPPED: " + what);
    Assumptions.abort(what);
  }

  @BeforeAll
  static void startBrowser() throws IOException {
    String chromium = System.getProperty("pathauth.chromium", "/usr/bin/chromium");
    String chromedriver = System.getProperty("pathauth.chromedriver", "/usr/bin/chromedriver");
    requireBrowser(chromium, chromedriver);
    screenshots = Files.createDirectories(Path.of("target", "screenshots"));
    Path profile = Files.createTempDirectory("pathauth-chromium-");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium);
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=1100,800",
        "--user-data-dir=" + profile);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(chromedriver))
            .usingAnyFreePort()
            .build();
    driver = new ChromeDriver(service, options);
  }

  @AfterAll
  static void stopBrowser() {
    if (driver != null) {
      driver.quit();
    }
  }

  private WebDriverWait await() {
    return new WebDriverWait(driver, Duration.ofSeconds(10));
  }

  /** Waits for {@code text} in element {@code id}; on timeout, says what the SPA showed. */
  private void awaitText(String id, String text) {
    try {
      await().until(ExpectedConditions.textToBePresentInElementLocated(By.id(id), text));
    } catch (org.openqa.selenium.TimeoutException e) {
      throw new AssertionError(
          "no '"
              + text
              + "' in #"
              + id
              + "; status: "
              + driver.findElement(By.id("status")).getText()
              + "; result: "
              + driver.findElement(By.id("result")).getText(),
          e);
    }
  }

  private static void screenshot(String name) throws IOException {
    File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
    Files.copy(shot.toPath(), screenshots.resolve(name), StandardCopyOption.REPLACE_EXISTING);
  }

  private void logIn(String user, String password) {
    driver.findElement(By.id("u")).clear();
    driver.findElement(By.id("u")).sendKeys(user);
    driver.findElement(By.id("p")).sendKeys(password);
    driver.findElement(By.cssSelector("button[type=submit]")).click();
  }

  @Test
  void whenAPersonUsesTheLegacyPages_thenFormLoginRedirectBackCookieFlagsAndLogoutWork()
      throws IOException {
    driver.get(base + "app/home");
    await().until(ExpectedConditions.urlContains("/app/login"));
    screenshot("login.png");

    logIn(ALICE, "not-her-password");
    WebElement error =
        await().until(ExpectedConditions.visibilityOfElementLocated(By.id("login-error")));
    assertEquals("alert", error.getDomAttribute("role"));
    screenshot("login-error.png");

    logIn(ALICE, ALICE_PASSWORD);
    await().until(ExpectedConditions.urlContains("/app/home"));
    assertEquals(ALICE, driver.findElement(By.id("user")).getText(), "back on the page asked for");
    Cookie session = driver.manage().getCookieNamed("JSESSIONID");
    assertNotNull(session, "the browser holds the session cookie");
    assertTrue(session.isHttpOnly(), "HttpOnly: scripts cannot read it");
    assertEquals("Lax", session.getSameSite());
    assertEquals("/pathauth", session.getPath());
    screenshot("home.png");

    driver.findElement(By.cssSelector("form[action=logout] button")).click();
    await().until(ExpectedConditions.visibilityOfElementLocated(By.id("logged-out")));
    driver.get(base + "app/home");
    await().until(ExpectedConditions.urlContains("/app/login"));
  }

  @Test
  void whenAPersonUsesTheSpa_thenTokenCallRefreshAndLogoutWork() throws Exception {
    driver.get(base + "public/spa.html");
    driver.findElement(By.id("username")).sendKeys(ALICE);
    driver.findElement(By.id("password")).sendKeys(ALICE_PASSWORD);
    driver.findElement(By.id("login-button")).click();
    await().until(ExpectedConditions.visibilityOfElementLocated(By.id("app")));
    assertEquals(null, driver.manage().getCookieNamed("Bearer"), "no token in a cookie");

    driver.findElement(By.id("call")).click();
    awaitText("result", "alice");
    assertTrue(driver.findElement(By.id("result")).getText().startsWith("200"));
    screenshot("spa.png");

    Thread.sleep(4000); // the 3-second access token expires
    ((org.openqa.selenium.JavascriptExecutor) driver)
        .executeScript("document.getElementById('result').textContent = '';");
    driver.findElement(By.id("call")).click();
    awaitText("result", "alice");
    assertTrue(
        driver.findElement(By.id("status")).getText().contains("refreshed"),
        driver.findElement(By.id("status")).getText());
    assertTrue(driver.findElement(By.id("result")).getText().startsWith("200"));

    driver.findElement(By.id("logout")).click();
    await()
        .until(
            ExpectedConditions.textToBePresentInElementLocated(By.id("result"), "old token now"));
    assertEquals("old token now: 401", driver.findElement(By.id("result")).getText());
    assertTrue(driver.findElement(By.id("login")).isDisplayed());
    screenshot("spa-logged-out.png");
  }

  @Test
  void whenAPersonOpensPublic_thenBothSidesAreExplainedAndLinked() throws IOException {
    driver.get(base + "public/");
    assertTrue(driver.findElement(By.id("legacy")).getDomProperty("href").endsWith("/app/home"));
    assertTrue(
        driver.findElement(By.id("spa")).getDomProperty("href").endsWith("/public/spa.html"));
    assertTrue(driver.getPageSource().contains("session"));
    assertTrue(driver.getPageSource().contains("Authorization: Bearer"));
    screenshot("public.png");
  }
}
