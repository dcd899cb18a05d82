package dev.agentgate.proxy.cli;

import dev.agentgate.policy.lang.CompiledPolicy;
import dev.agentgate.policy.lang.PolicyCompiler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads policy files for the command line, and the policy embedded in the jar. */
public final class PolicyFiles {
  /** Classpath resource of the policy {@code run} uses when none is configured. */
  public static final String DEFAULT_POLICY_RESOURCE = "/default-policy.yaml";

  private PolicyFiles() {}

  /** A policy file that could not be read, with a one-line reason. */
  public static final class UnreadableException extends Exception {
    public UnreadableException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** The file's text (UTF-8), or a one-line reason it cannot be read. */
  public static String read(Path file) throws UnreadableException {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException | AccessDeniedException | CharacterCodingException e) {
      throw new UnreadableException(file + ": " + CliErrors.reason(file, e), e);
    } catch (IOException e) {
      throw new UnreadableException(file + ": cannot read (" + CliErrors.reason(file, e) + ")", e);
    }
  }

  /** Compiles {@code file}, naming it in errors as it was given. */
  public static PolicyCompiler.Result compile(Path file) throws UnreadableException {
    return PolicyCompiler.compile(file.toString(), read(file));
  }

  /**
   * The policy embedded in the jar: allows everything, so that a proxy started without a policy
   * only identifies and records the agents it sees.
   */
  public static CompiledPolicy defaultPolicy() {
    try (InputStream in = PolicyFiles.class.getResourceAsStream(DEFAULT_POLICY_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(DEFAULT_POLICY_RESOURCE + " is missing from the jar");
      }
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return PolicyCompiler.compile("default-policy.yaml", text).orElseThrow();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the embedded default policy", e);
    }
  }
}
