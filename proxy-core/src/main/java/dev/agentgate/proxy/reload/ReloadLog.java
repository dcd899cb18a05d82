package dev.agentgate.proxy.reload;

import dev.agentgate.policy.lang.PolicyError;
import dev.agentgate.policy.store.PolicyListener;
import dev.agentgate.policy.store.ReloadEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs every policy change and every rejection with its errors (never the policy text). */
final class ReloadLog implements PolicyListener {
  private static final Logger log = LoggerFactory.getLogger(ReloadLog.class);

  @Override
  public void reloaded(ReloadEvent e) {
    String role = e.role().name().toLowerCase(java.util.Locale.ROOT);
    switch (e.result()) {
      case APPLIED ->
          log.info(
              "{} policy {} ({}) from {} {} applied, {} rules, compiled in {} ms",
              role,
              e.live().version(),
              e.live().contentHash().substring(0, 12),
              e.source(),
              e.origin(),
              e.live().ruleCount(),
              e.compileTime().toMillis());
      case UNCHANGED -> log.debug("{} policy from {} {} unchanged", role, e.source(), e.origin());
      case REJECTED, ERROR -> {
        log.warn(
            "{} policy from {} {} {}; {} stays live",
            role,
            e.source(),
            e.origin(),
            e.result() == ReloadEvent.Result.ERROR ? "could not be read" : "rejected",
            e.live() == null ? "no policy" : "version " + e.live().version());
        for (PolicyError error : e.errors()) {
          log.warn("  {}", PolicyRuntime.describe(error));
        }
      }
    }
  }
}
