package dev.agentgate.proxy.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentgate.policy.store.PolicyReloader;
import dev.agentgate.policy.store.PolicySnapshot;
import dev.agentgate.policy.store.PolicySource;
import dev.agentgate.policy.store.PolicyStore;
import dev.agentgate.policy.store.PolicyUpdate;
import dev.agentgate.policy.store.ReloadEvent;
import dev.agentgate.policy.store.ShadowedEngine;
import dev.agentgate.policy.store.Validation;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

/**
 * The authenticated policy API under {@code /v1/} (the token was checked by {@link AdminGate}).
 * Reads answer from memory on the event loop; changes, validations and explanations run on the
 * policy thread and are answered when done, so a large policy never holds up an event loop.
 *
 * <ul>
 *   <li>{@code GET /v1/policy}: the live version, hash, source, load time, rule count, history
 *   <li>{@code PUT /v1/policy}: apply the YAML body (200, or 422 with the errors)
 *   <li>{@code POST /v1/policy/validate}: the errors the body would be rejected with (200 or 422)
 *   <li>{@code POST /v1/policy/rollback}: back to the version before the live one (200 or 409)
 *   <li>{@code POST /v1/explain}: facts in, identification and per-phase decisions out
 * </ul>
 *
 * A signature goes in the {@code X-Agentgate-Signature} header (base64, as in a {@code .sig} file).
 */
public final class PolicyApi {
  /** The header carrying a policy's detached Ed25519 signature. */
  public static final String SIGNATURE_HEADER = "X-Agentgate-Signature";

  static final String ORIGIN = "admin-api";

  private final PolicyStore store;
  private final ShadowedEngine shadow;
  private final PolicyReloader reloader;
  private final AdminToken token;
  private final int maxBodyBytes;
  private final ObjectMapper json = new ObjectMapper();

  /**
   * @param shadow the shadow engine, or {@code null} without a shadow policy
   */
  public PolicyApi(
      PolicyStore store, ShadowedEngine shadow, PolicyReloader reloader, AdminToken token) {
    this.store = Objects.requireNonNull(store, "store");
    this.shadow = shadow;
    this.reloader = Objects.requireNonNull(reloader, "reloader");
    this.token = Objects.requireNonNull(token, "token");
    this.maxBodyBytes = PolicyStore.DEFAULT_MAX_BYTES;
  }

  AdminToken token() {
    return token;
  }

  int maxBodyBytes() {
    return maxBodyBytes;
  }

  CompletableFuture<AdminResponse> handle(FullHttpRequest request, String path) {
    HttpMethod method = request.method();
    switch (path) {
      case "/v1/policy":
        if (HttpMethod.GET.equals(method)) {
          return done(policy());
        }
        if (HttpMethod.PUT.equals(method)) {
          PolicyUpdate update = update(request);
          return update == null ? done(emptyBody()) : onPolicyThread(() -> applied(update));
        }
        return done(notAllowed("GET, PUT"));
      case "/v1/policy/validate":
        if (HttpMethod.POST.equals(method)) {
          PolicyUpdate update = update(request);
          return update == null ? done(emptyBody()) : onPolicyThread(() -> validated(update));
        }
        return done(notAllowed("POST"));
      case "/v1/policy/rollback":
        if (HttpMethod.POST.equals(method)) {
          return onPolicyThread(() -> rolledBack(store.rollback()));
        }
        return done(notAllowed("POST"));
      case "/v1/explain":
        if (HttpMethod.POST.equals(method)) {
          // Reading a large policy's rule list takes a while: not on the event loop.
          byte[] facts = ByteBufUtil.getBytes(request.content());
          return onPolicyThread(() -> explain(facts));
        }
        return done(notAllowed("POST"));
      default:
        return done(AdminResponse.error(404, "no such endpoint: " + path));
    }
  }

  /** {@code /readyz}: ready once a policy is live; the live version and the last reload. */
  AdminResponse readiness() {
    PolicySnapshot live = store.live();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("status", live == null ? "not ready" : "ready");
    m.put("policy", live == null ? null : PolicyJson.snapshot(live));
    ReloadEvent last = store.lastReload();
    m.put("last_reload", last == null ? null : PolicyJson.reload(last));
    if (shadow != null) {
      m.put("shadow", shadowStatus());
    }
    return write(live == null ? 503 : 200, m);
  }

  private AdminResponse policy() {
    PolicySnapshot live = store.live();
    if (live == null) {
      return AdminResponse.error(503, "no policy loaded");
    }
    Map<String, Object> m = PolicyJson.snapshot(live);
    m.put("report_hits", live.reportHits());
    List<Map<String, Object>> history = new ArrayList<>();
    for (PolicySnapshot s : store.history()) {
      history.add(PolicyJson.brief(s));
    }
    m.put("history", history);
    ReloadEvent last = store.lastReload();
    m.put("last_reload", last == null ? null : PolicyJson.reload(last));
    if (shadow != null) {
      m.put("shadow", shadowStatus());
    }
    return write(200, m);
  }

  private Map<String, Object> shadowStatus() {
    PolicySnapshot s = shadow.shadowStore().live();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("policy", s == null ? null : PolicyJson.brief(s));
    ReloadEvent last = shadow.shadowStore().lastReload();
    m.put("last_reload", last == null ? null : PolicyJson.reload(last));
    m.put("compared", shadow.compared());
    m.put("disagreements", shadow.disagreements());
    return m;
  }

  private AdminResponse applied(PolicyUpdate update) {
    ReloadEvent e = store.apply(update);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("result", PolicyJson.name(e.result()));
    m.put("changed", e.changed());
    m.put("compile_ms", PolicyJson.millis(e.compileTime()));
    if (e.result() == ReloadEvent.Result.REJECTED) {
      m.put("errors", PolicyJson.errors(e.errors()));
      m.put("live", e.live() == null ? null : PolicyJson.brief(e.live()));
      return write(422, m);
    }
    m.put("policy", PolicyJson.snapshot(e.live()));
    return write(200, m);
  }

  private AdminResponse validated(PolicyUpdate update) {
    Validation v = store.validate(update);
    return write(v.ok() ? 200 : 422, PolicyJson.validation(v));
  }

  private AdminResponse rolledBack(ReloadEvent e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("result", PolicyJson.name(e.result()));
    if (!e.changed()) {
      m.put("errors", PolicyJson.errors(e.errors()));
      return write(409, m);
    }
    m.put("policy", PolicyJson.snapshot(e.live()));
    m.put("replaced", PolicyJson.brief(e.previous()));
    return write(200, m);
  }

  private AdminResponse explain(byte[] body) {
    PolicySnapshot live = store.live();
    if (live == null) {
      return AdminResponse.error(503, "no policy loaded");
    }
    ExplainFacts facts;
    try {
      JsonNode root = json.readTree(body);
      facts = ExplainFacts.parse(root);
    } catch (JsonProcessingException e) {
      return AdminResponse.error(400, "body: not JSON (" + e.getOriginalMessage() + ")");
    } catch (java.io.IOException | IllegalArgumentException e) {
      return AdminResponse.error(400, e.getMessage());
    }
    Map<String, Object> out = Explainer.explain(live, facts);
    PolicySnapshot shadowLive = shadow == null ? null : shadow.shadowStore().live();
    if (shadowLive != null) {
      out.put("shadow", Explainer.explain(shadowLive, facts));
    }
    return write(200, out);
  }

  private PolicyUpdate update(FullHttpRequest request) {
    if (request.content().readableBytes() == 0) {
      return null;
    }
    return new PolicyUpdate(
        PolicySource.API,
        ORIGIN,
        ByteBufUtil.getBytes(request.content()),
        request.headers().get(SIGNATURE_HEADER));
  }

  private CompletableFuture<AdminResponse> onPolicyThread(Supplier<AdminResponse> work) {
    try {
      return reloader.submit(work);
    } catch (RejectedExecutionException e) {
      return done(AdminResponse.error(503, "shutting down"));
    }
  }

  private AdminResponse write(int status, Map<String, Object> body) {
    try {
      return AdminResponse.json(status, json.writeValueAsString(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("admin JSON of plain maps cannot fail", e);
    }
  }

  private static AdminResponse emptyBody() {
    return AdminResponse.error(400, "body: empty (expected: the policy YAML)");
  }

  private static AdminResponse notAllowed(String allow) {
    return AdminResponse.error(405, "method not allowed (use " + allow + ")")
        .withHeader("Allow", allow);
  }

  private static CompletableFuture<AdminResponse> done(AdminResponse r) {
    return CompletableFuture.completedFuture(r);
  }
}
