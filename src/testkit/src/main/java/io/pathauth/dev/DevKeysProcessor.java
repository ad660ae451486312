package io.pathauth.dev;

import java.nio.file.Path;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;

/**
 * DEV ONLY. Makes the demo's dev key pair ({@link DevTokens#ensureKeys}) while the demo's tests
 * compile, when javac is given {@code -Apathauth.dev.keys.dir=DIR}. Compiling is the one build step
 * that {@code ./mvnw liberty:dev} runs on the demo besides its own goals, so a fresh clone's dev
 * server trusts the key from its first start. Without the option (every other module) it does
 * nothing. It claims no annotation, and writes nothing into the compiled classes.
 */
public final class DevKeysProcessor extends AbstractProcessor {

  /** The javac option ({@code -A}) that names the key directory. */
  public static final String OPTION = "pathauth.dev.keys.dir";

  @Override
  public synchronized void init(ProcessingEnvironment env) {
    super.init(env);
    String dir = env.getOptions().get(OPTION);
    if (dir == null || dir.isBlank()) {
      return;
    }
    try {
      if (DevTokens.ensureKeys(Path.of(dir))) {
        env.getMessager()
            .printMessage(
                Diagnostic.Kind.NOTE, "pathauth dev: created a DEV-ONLY key pair in " + dir);
      }
    } catch (Exception e) {
      env.getMessager()
          .printMessage(Diagnostic.Kind.ERROR, "pathauth dev: cannot make the dev keys: " + e);
    }
  }

  @Override
  public Set<String> getSupportedOptions() {
    return Set.of(OPTION);
  }

  /** Every round: javac checks {@link #getSupportedOptions} only of processors that take part. */
  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of("*");
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    return false; // claims nothing: other processors see every annotation
  }
}
