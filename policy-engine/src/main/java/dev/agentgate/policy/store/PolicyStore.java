package dev.agentgate.policy.store;

import dev.agentgate.policy.Action;
import dev.agentgate.policy.Decision;
import dev.agentgate.policy.EgressRequest;
import dev.agentgate.policy.PolicyEngine;
import dev.agentgate.policy.agents.AgentCatalog;
import dev.agentgate.policy.lang.PolicyCompiler;
import dev.agentgate.policy.lang.PolicyError;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The live policy: a {@link PolicyEngine} that delegates every decision to one volatile snapshot,
 * so evaluation takes no lock and a decision is made entirely by one policy version.
 *
 * <p>Changes ({@link #apply}, {@link #rollback}) verify and compile first, then swap in one write;
 * a policy that fails to read, verify, parse or validate is rejected with its errors and the last
 * good one stays. Writers are serialised (the proxy makes every change on its one policy thread); a
 * bounded history of replaced versions allows rollback. Every attempt is reported to the {@link
 * PolicyListener}s.
 */
public final class PolicyStore implements PolicyEngine {
  /** Policies larger than this are refused before they are parsed. */
  public static final int DEFAULT_MAX_BYTES = 32 * 1024 * 1024;

  private static final System.Logger log = System.getLogger(PolicyStore.class.getName());

  private final PolicyRole role;
  private final PolicySignatures signatures;
  private final AgentCatalog catalog;
  private final Clock clock;
  private final int historySize;
  private final int maxBytes;
  private final List<PolicyListener> listeners = new CopyOnWriteArrayList<>();
  // Written under the monitor by the one writer at a time, read by every event loop.
  private volatile PolicySnapshot live;
  private volatile ReloadEvent lastReload;
  // Replaced versions, most recent first; an immutable list swapped under the monitor, so readers
  // (the admin API on an event loop) never wait for a writer.
  private volatile List<PolicySnapshot> history = List.of();
  private long generation;

  private PolicyStore(Builder b) {
    this.role = b.role;
    this.signatures = b.signatures;
    this.catalog = b.catalog;
    this.clock = b.clock;
    this.historySize = b.historySize;
    this.maxBytes = b.maxBytes;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Decides with the live snapshot; blocks everything (fails closed) while there is none. */
  @Override
  public Decision evaluate(EgressRequest request) {
    PolicySnapshot s = live;
    return s == null ? NO_POLICY : evaluate(s, request);
  }

  /** Decides with {@code s} (read by the caller from {@link #live()}), recording its use. */
  Decision evaluate(PolicySnapshot s, EgressRequest request) {
    Decision d = s.policy().evaluate(request);
    s.decided(clock);
    List<Decision.ReportedMatch> reports = d.reports();
    for (int i = 0; i < reports.size(); i++) {
      s.reportCounters().increment(reports.get(i).ruleId());
    }
    return d;
  }

  /** The policy in force, or {@code null} before the first successful load. */
  public PolicySnapshot live() {
    return live;
  }

  /** The most recent attempt to change the policy, or {@code null} before the first. */
  public ReloadEvent lastReload() {
    return lastReload;
  }

  public PolicyRole role() {
    return role;
  }

  public PolicySignatures signatures() {
    return signatures;
  }

  /** Replaced versions, most recent first: what {@link #rollback} goes back to. */
  public List<PolicySnapshot> history() {
    return history;
  }

  public void addListener(PolicyListener listener) {
    listeners.add(Objects.requireNonNull(listener));
  }

  /** Verifies and compiles {@code update} without applying it. Thread-safe, takes no lock. */
  public Validation validate(PolicyUpdate update) {
    long start = System.nanoTime();
    String hash = sha256(update.content());
    List<PolicyError> errors = new ArrayList<>();
    String signedBy = null;
    if (update.content().length > maxBytes) {
      errors.add(
          error(
              update,
              "policy: "
                  + update.content().length
                  + " bytes (expected: at most "
                  + maxBytes
                  + ")"));
    } else {
      PolicySignatures.Verdict verdict = signatures.check(update.content(), update.signature());
      if (!verdict.ok()) {
        // An unsigned or forged policy is not even parsed.
        errors.add(error(update, verdict.error()));
      } else {
        signedBy = verdict.signedBy();
        String text = utf8(update.content());
        if (text == null) {
          errors.add(error(update, "policy: not UTF-8 text (expected: a UTF-8 YAML file)"));
        } else {
          PolicyCompiler.Result result = PolicyCompiler.compile(update.origin(), text, catalog);
          if (result.ok()) {
            return new Validation(result.policy(), List.of(), hash, signedBy, since(start));
          }
          errors.addAll(result.errors());
        }
      }
    }
    return new Validation(null, errors, hash, signedBy, since(start));
  }

  /**
   * Verifies, compiles and, when valid and different from the live policy, swaps {@code update} in.
   * Never throws for a bad policy: the event says what happened. Compiling happens before the
   * monitor is taken, so readers of {@link #history()} and {@link #live()} never wait for it.
   */
  public ReloadEvent apply(PolicyUpdate update) {
    Validation v = validate(update);
    List<String> reportIds = v.ok() ? PolicySnapshot.reportRuleIds(v.policy()) : List.of();
    synchronized (this) {
      return swapIn(update, v, reportIds);
    }
  }

  private ReloadEvent swapIn(PolicyUpdate update, Validation v, List<String> reportIds) {
    PolicySnapshot before = live;
    if (!v.ok()) {
      return report(
          event(
              update.source(),
              update.origin(),
              ReloadEvent.Result.REJECTED,
              v.errors(),
              v.contentHash(),
              before,
              before,
              v.compileTime()));
    }
    if (before != null && before.contentHash().equals(v.contentHash())) {
      return report(
          event(
              update.source(),
              update.origin(),
              ReloadEvent.Result.UNCHANGED,
              List.of(),
              v.contentHash(),
              before,
              before,
              v.compileTime()));
    }
    RuleCounters counters = PolicySnapshot.reportCounters(reportIds, before);
    PolicySnapshot next =
        new PolicySnapshot(
            v.policy(),
            update.source(),
            update.origin(),
            clock.instant(),
            ++generation,
            v.signedBy(),
            counters);
    ReloadEvent applied =
        event(
            update.source(),
            update.origin(),
            ReloadEvent.Result.APPLIED,
            List.of(),
            v.contentHash(),
            next,
            before,
            v.compileTime());
    // The event is recorded before the swap, so whoever sees the new policy sees its event too.
    lastReload = applied;
    swap(next);
    return notifyListeners(applied);
  }

  /** Goes back to the version the live one replaced; rejected when there is none. */
  public synchronized ReloadEvent rollback() {
    PolicySnapshot before = live;
    List<PolicySnapshot> past = history;
    if (past.isEmpty()) {
      PolicyError none =
          new PolicyError(
              "rollback", 0, 0, "history: empty (expected: an earlier policy to go back to)");
      return report(
          event(
              PolicySource.ROLLBACK,
              "rollback",
              ReloadEvent.Result.REJECTED,
              List.of(none),
              null,
              before,
              before,
              Duration.ZERO));
    }
    PolicySnapshot target = past.get(0);
    history = List.copyOf(past.subList(1, past.size()));
    RuleCounters counters = PolicySnapshot.reportCounters(target.reportCounters().ids(), before);
    PolicySnapshot next =
        new PolicySnapshot(
            target.policy(),
            PolicySource.ROLLBACK,
            target.origin(),
            clock.instant(),
            ++generation,
            target.signedBy(),
            counters);
    ReloadEvent back =
        event(
            PolicySource.ROLLBACK,
            target.origin(),
            ReloadEvent.Result.APPLIED,
            List.of(),
            target.contentHash(),
            next,
            before,
            Duration.ZERO);
    lastReload = back;
    live = next;
    return notifyListeners(back);
  }

  /** Records a source that could not be read at all (the last good policy stays). */
  public synchronized ReloadEvent failed(PolicySource source, String origin, String problem) {
    PolicyError e = new PolicyError(origin, 0, 0, problem);
    PolicySnapshot before = live;
    return report(
        event(
            source,
            origin,
            ReloadEvent.Result.ERROR,
            List.of(e),
            null,
            before,
            before,
            Duration.ZERO));
  }

  private void swap(PolicySnapshot next) {
    PolicySnapshot previous = live;
    if (previous != null && historySize > 0) {
      List<PolicySnapshot> kept = new ArrayList<>(historySize);
      kept.add(previous);
      List<PolicySnapshot> past = history;
      kept.addAll(past.subList(0, Math.min(past.size(), historySize - 1)));
      history = List.copyOf(kept);
    }
    live = next;
  }

  private ReloadEvent event(
      PolicySource source,
      String origin,
      ReloadEvent.Result result,
      List<PolicyError> errors,
      String hash,
      PolicySnapshot after,
      PolicySnapshot before,
      Duration compileTime) {
    return new ReloadEvent(
        role, source, origin, result, errors, hash, after, before, clock.instant(), compileTime);
  }

  private ReloadEvent report(ReloadEvent event) {
    lastReload = event;
    return notifyListeners(event);
  }

  private ReloadEvent notifyListeners(ReloadEvent event) {
    for (PolicyListener l : listeners) {
      try {
        l.reloaded(event);
      } catch (RuntimeException e) {
        // A broken listener must not undo a swap that already happened; it is logged, not hidden.
        log.log(System.Logger.Level.WARNING, "policy listener failed: " + e, e);
      }
    }
    return event;
  }

  private static PolicyError error(PolicyUpdate update, String message) {
    return new PolicyError(update.origin(), 0, 0, message);
  }

  private static Duration since(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }

  /** {@code bytes} as UTF-8, or {@code null} when they are not valid UTF-8. */
  private static String utf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  private static final Decision NO_POLICY =
      new Decision(
          Action.BLOCK,
          "builtin:no-policy",
          "no policy is loaded",
          "agentgate has no policy loaded yet",
          null,
          List.of(),
          null);

  /** Settings with defaults: live role, no signatures, built-in catalog, history of 10. */
  public static final class Builder {
    private PolicyRole role = PolicyRole.LIVE;
    private PolicySignatures signatures = PolicySignatures.NONE;
    private AgentCatalog catalog = AgentCatalog.builtIn();
    private Clock clock = Clock.systemUTC();
    private int historySize = 10;
    private int maxBytes = DEFAULT_MAX_BYTES;

    private Builder() {}

    public Builder role(PolicyRole value) {
      this.role = Objects.requireNonNull(value);
      return this;
    }

    public Builder signatures(PolicySignatures value) {
      this.signatures = Objects.requireNonNull(value);
      return this;
    }

    public Builder catalog(AgentCatalog value) {
      this.catalog = Objects.requireNonNull(value);
      return this;
    }

    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value);
      return this;
    }

    /** How many replaced versions are kept for rollback. */
    public Builder historySize(int value) {
      if (value < 0) {
        throw new IllegalArgumentException("history size < 0");
      }
      this.historySize = value;
      return this;
    }

    public Builder maxBytes(int value) {
      this.maxBytes = value;
      return this;
    }

    public PolicyStore build() {
      return new PolicyStore(this);
    }
  }
}
