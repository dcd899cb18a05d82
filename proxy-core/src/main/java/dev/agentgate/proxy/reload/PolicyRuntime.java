package dev.agentgate.proxy.reload;

import dev.agentgate.policy.PolicyEngine;
import dev.agentgate.policy.lang.PolicyError;
import dev.agentgate.policy.store.Ed25519Keys;
import dev.agentgate.policy.store.FilePolicySource;
import dev.agentgate.policy.store.PolicyCounts;
import dev.agentgate.policy.store.PolicyListener;
import dev.agentgate.policy.store.PolicyReloader;
import dev.agentgate.policy.store.PolicyRole;
import dev.agentgate.policy.store.PolicySignatures;
import dev.agentgate.policy.store.PolicySource;
import dev.agentgate.policy.store.PolicyStore;
import dev.agentgate.policy.store.PolicyUpdate;
import dev.agentgate.policy.store.ReloadEvent;
import dev.agentgate.policy.store.ShadowedEngine;
import dev.agentgate.proxy.config.ProxyConfig;
import dev.agentgate.proxy.config.ProxyConfig.PolicyOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The live policy of a running proxy, built from the config: the store (with the signature keys),
 * the first load (the policy file, or the embedded default), the poller of the policy file, and the
 * shadow policy beside it. The proxy decides through {@link #engine()}; everything that changes the
 * policy runs on {@link #reloader()}'s one thread.
 */
public final class PolicyRuntime implements PolicyCounts, AutoCloseable {
  /** The policy {@code run} enforces when none is configured (it allows everything). */
  static final String EMBEDDED = "/default-policy.yaml";

  private final PolicyStore store;
  private final ShadowedEngine shadowed;
  private final DisagreementFanOut disagreements;
  private final PolicyReloader reloader;

  private final List<Runnable> polls;
  private final java.time.Duration pollInterval;
  private boolean watching;

  private PolicyRuntime(
      PolicyStore store,
      ShadowedEngine shadowed,
      DisagreementFanOut disagreements,
      PolicyReloader reloader,
      List<Runnable> polls,
      java.time.Duration pollInterval) {
    this.store = store;
    this.shadowed = shadowed;
    this.disagreements = disagreements;
    this.reloader = reloader;
    this.polls = polls;
    this.pollInterval = pollInterval;
  }

  /**
   * Loads the policy (and shadow policy); {@link #watch()} then starts polling their files.
   *
   * @param listener told of every reload and shadow disagreement (metrics, audit)
   * @throws PolicyStartupException when a key file or a policy cannot be read or is rejected
   */
  public static PolicyRuntime start(ProxyConfig config, PolicyListener listener)
      throws PolicyStartupException {
    PolicyOptions options = config.policyOptions();
    if (options.requireSignature() && config.policyFile() == null) {
      throw new PolicyStartupException(
          "policy.require_signature needs policy.file (the embedded default policy is unsigned)",
          List.of(),
          true);
    }
    PolicySignatures signatures = signatures(options);
    PolicyStore store = store(PolicyRole.LIVE, signatures, listener);
    FilePolicySource file =
        config.policyFile() == null ? null : new FilePolicySource(config.policyFile(), store);
    ReloadEvent first =
        file == null
            ? store.apply(
                PolicyUpdate.of(PolicySource.STARTUP, "default-policy.yaml (embedded)", embedded()))
            : firstPoll(file);
    requireLoaded("policy", first);
    // The start-up load is reported by the caller (one line, whatever happens next); from here on
    // every reload is logged.
    ReloadLog log = new ReloadLog();
    store.addListener(log);

    ShadowedEngine shadowed = null;
    FilePolicySource shadowFile = null;
    DisagreementFanOut disagreements = new DisagreementFanOut(listener);
    if (options.shadowPolicy() != null) {
      PolicyStore shadow = store(PolicyRole.SHADOW, signatures, listener);
      shadowFile = new FilePolicySource(options.shadowPolicy(), shadow);
      ReloadEvent shadowFirst = firstPoll(shadowFile);
      requireLoaded("shadow policy", shadowFirst);
      shadow.addListener(log);
      shadowed = new ShadowedEngine(store, shadow, disagreements);
    }
    List<Runnable> polls = new java.util.ArrayList<>();
    if (file != null) {
      polls.add(() -> file.poll(PolicySource.FILE));
    }
    if (shadowFile != null) {
      FilePolicySource s = shadowFile;
      polls.add(() -> s.poll(PolicySource.FILE));
    }
    return new PolicyRuntime(
        store,
        shadowed,
        disagreements,
        new PolicyReloader(),
        List.copyOf(polls),
        options.pollInterval());
  }

  /**
   * Tells {@code listener} of every later reload of the live and the shadow policy (see {@link
   * ReloadEvent#role()}) and of every later shadow disagreement; call before {@link #watch()}.
   */
  public void addListener(PolicyListener listener) {
    store.addListener(listener);
    if (shadowed != null) {
      shadowed.shadowStore().addListener(listener);
    }
    disagreements.add(listener);
  }

  /**
   * Tells {@code listener} of the most recent attempt to change each policy (live, then shadow):
   * before {@link #watch()}, the start-up loads, for a listener that joined after them.
   */
  public void replayLastReloads(PolicyListener listener) {
    replay(store, listener);
    if (shadowed != null) {
      replay(shadowed.shadowStore(), listener);
    }
  }

  private static void replay(PolicyStore store, PolicyListener listener) {
    ReloadEvent last = store.lastReload();
    if (last != null) {
      listener.reloaded(last);
    }
  }

  /** Starts polling the policy files on the policy thread (once; later calls do nothing). */
  public synchronized void watch() {
    if (!watching) {
      watching = true;
      polls.forEach(poll -> reloader.every(pollInterval, poll));
    }
  }

  /** What the proxy evaluates: the store, or the store with the shadow beside it. */
  public PolicyEngine engine() {
    return shadowed != null ? shadowed : store;
  }

  public PolicyStore store() {
    return store;
  }

  /** The shadow engine, or {@code null} without a shadow policy. */
  public ShadowedEngine shadow() {
    return shadowed;
  }

  public PolicyReloader reloader() {
    return reloader;
  }

  @Override
  public Map<String, Long> reportHits() {
    return store.live() == null ? Map.of() : store.live().reportHits();
  }

  @Override
  public Map<String, Long> shadowDisagreements() {
    return shadowed == null ? Map.of() : shadowed.disagreements();
  }

  @Override
  public long shadowComparisons() {
    return shadowed == null ? 0 : shadowed.compared();
  }

  /** Stops polling. */
  @Override
  public void close() {
    reloader.close();
  }

  private static PolicyStore store(
      PolicyRole role, PolicySignatures signatures, PolicyListener listener) {
    PolicyStore store = PolicyStore.builder().role(role).signatures(signatures).build();
    store.addListener(listener);
    return store;
  }

  private static PolicySignatures signatures(PolicyOptions options) throws PolicyStartupException {
    Path keyFile = options.publicKey();
    if (keyFile == null) {
      return PolicySignatures.NONE;
    }
    try {
      return PolicySignatures.of(
          Ed25519Keys.readPublicKeys(Files.readString(keyFile)), options.requireSignature());
    } catch (IOException e) {
      throw new PolicyStartupException(
          "policy.public_key: " + keyFile + ": cannot read (" + e.getMessage() + ")",
          List.of(),
          true);
    } catch (IllegalArgumentException e) {
      throw new PolicyStartupException(
          "policy.public_key: " + keyFile + ": " + e.getMessage(), List.of(), true);
    }
  }

  private static void requireLoaded(String what, ReloadEvent event) throws PolicyStartupException {
    if (event != null && event.live() != null) {
      return;
    }
    List<String> errors =
        event == null ? List.of() : event.errors().stream().map(PolicyRuntime::describe).toList();
    String origin = event == null ? "" : " " + event.origin();
    throw new PolicyStartupException(
        what
            + origin
            + " "
            + (event != null && event.result() == ReloadEvent.Result.ERROR
                ? "cannot be read"
                : "was rejected"),
        errors,
        false);
  }

  /** {@code file:line:column: message}, or {@code file: message} for a whole-file problem. */
  public static String describe(PolicyError e) {
    return e.line() > 0 ? e.toString() : e.file() + ": " + e.message();
  }

  /** The first read; a file caught while being written is read again (a few times at most). */
  private static ReloadEvent firstPoll(FilePolicySource file) {
    ReloadEvent event = null;
    for (int i = 0; i < 5 && event == null; i++) {
      event = file.poll(PolicySource.STARTUP);
    }
    return event;
  }

  static byte[] embedded() {
    try (InputStream in = PolicyRuntime.class.getResourceAsStream(EMBEDDED)) {
      if (in == null) {
        throw new IllegalStateException("the embedded default policy is missing: " + EMBEDDED);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the embedded default policy", e);
    }
  }
}
