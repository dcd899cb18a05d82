package dev.agentgate.proxy.observe.audit;

import java.util.List;

/**
 * An attempt to change a policy, as the audit log records it: where it came from, what happened,
 * and for a rejection how many errors and the first few of them (never the policy text).
 *
 * @param role "live" or "shadow"
 * @param source startup, file, api or rollback
 * @param origin the file path or "admin-api"
 * @param result applied, unchanged, rejected or error
 * @param hash SHA-256 of the offered bytes, or {@code null} when nothing could be read
 * @param previousVersion the version in force before the attempt, or {@code null}
 * @param errorCount how many errors the rejection had
 * @param errors the first few errors, each {@code file:line:column: message}, shortened
 */
public record AuditReload(
    String role,
    String source,
    String origin,
    String result,
    String hash,
    String previousVersion,
    int errorCount,
    List<String> errors) {

  public AuditReload {
    errors = errors == null ? List.of() : List.copyOf(errors);
  }
}
