package dev.agentgate.policy.agents;

import dev.agentgate.policy.EgressRequest;
import dev.agentgate.policy.HostNames;
import dev.agentgate.policy.Phase;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The catalog-backed identifier. Host first (an exclusive destination names its agent, a shared one
 * gives candidates), then the JA4 (drops candidates whose runtimes exclude it, never all of them),
 * then the headers (name the agent, unless the JA4 belongs to a runtime the claimed agent does not
 * ship with: an impersonation, which is not believed).
 */
final class CatalogIdentifier implements AgentIdentifier {
  private final String[] ids;
  private final long[] agentFamilies;
  private final HostIndex hosts;
  private final Ja4Families families;
  private final HeaderClaims claims;

  CatalogIdentifier(AgentCatalog catalog) {
    List<AgentDefinition> agents = catalog.agents();
    this.ids = agents.stream().map(AgentDefinition::id).toArray(String[]::new);
    this.families = new Ja4Families(catalog.families());
    this.agentFamilies = new long[ids.length];
    for (int i = 0; i < ids.length; i++) {
      agentFamilies[i] = families.mask(agents.get(i).tlsFamilies());
    }
    this.hosts = new HostIndex(agents, ids);
    this.claims = new HeaderClaims(agents);
  }

  @Override
  public Identification identify(EgressRequest facts) {
    Phase phase = facts.phase();
    String sni = sniForIpLiteral(facts);
    String host = sni != null ? sni : withoutTrailingDot(facts.host());
    HostSite site = hosts.find(host);
    String path = phase.knows(Phase.HTTP) ? facts.path() : null;
    HostView view = site == null ? HostView.NONE : site.view(path);
    String ja4 = phase.knows(Phase.TLS) && facts.tls() ? facts.ja4() : null;
    boolean tlsKnown = ja4 != null && !ja4.isEmpty();
    HeaderClaims.Claim claim =
        phase.knows(Phase.HTTP) ? claims.claim(facts.headers(), view) : HeaderClaims.Claim.NONE;
    if (!tlsKnown && claim == HeaderClaims.Claim.NONE && sni == null) {
      return view.result; // CONNECT, plain HTTP without markers: precomputed, no allocation
    }
    List<String> evidence = new ArrayList<>(8);
    if (sni != null) {
      evidence.add("destination is an IP literal: looked up the SNI " + sni);
    }
    evidence.addAll(view.evidence);
    Narrowed tls = tlsKnown ? narrow(view, families.match(ja4), evidence) : Narrowed.of(view);
    if (claim.agent() >= 0) {
      return claimed(claim.agent(), claim.evidence(), tls, view, evidence);
    }
    if (claim.tied().length > 0) {
      evidence.add(
          "headers fit " + String.join(", ", HostView.names(claim.tied(), ids)) + " alike");
    }
    return result(tls, view.category, evidence, false, null);
  }

  /** The SNI when the client connected to an IP literal and sent one, else {@code null}. */
  private static String sniForIpLiteral(EgressRequest facts) {
    String sni = facts.sni();
    if (facts.phase().knows(Phase.TLS)
        && facts.tls()
        && sni != null
        && !sni.isEmpty()
        && HostNames.isIpLiteral(facts.host())) {
      return withoutTrailingDot(sni.toLowerCase(Locale.ROOT));
    }
    return null;
  }

  private static String withoutTrailingDot(String host) {
    return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
  }

  /** Host-level facts after the JA4: agents left, the identified one, and the confidence. */
  private record Narrowed(int[] agents, int identifying, Confidence confidence, long ja4Families) {
    static Narrowed of(HostView v) {
      Confidence c = v.agents.length == 0 ? Confidence.NONE : Confidence.HOST;
      return new Narrowed(v.agents, v.identifying, c, 0L);
    }
  }

  private Narrowed narrow(HostView view, long fam, List<String> evidence) {
    if (fam == 0) {
      evidence.add("tls: ja4 fits no known runtime family");
      return Narrowed.of(view);
    }
    families.describe(fam, evidence);
    if (view.agents.length == 0) {
      return new Narrowed(view.agents, -1, Confidence.NONE, fam);
    }
    if (view.identifying >= 0) {
      long own = agentFamilies[view.identifying];
      if ((own & fam) != 0) {
        return new Narrowed(view.agents, view.identifying, Confidence.HOST_TLS, fam);
      }
      if (own != 0) {
        evidence.add(
            "tls: " + ids[view.identifying] + " does not ship with " + families.names(fam));
      }
      return new Narrowed(view.agents, view.identifying, Confidence.HOST, fam);
    }
    int[] kept = new int[view.agents.length];
    int n = 0;
    boolean positive = false;
    List<String> dropped = new ArrayList<>();
    for (int a : view.agents) {
      long own = agentFamilies[a];
      if (own == 0 || (own & fam) != 0) {
        kept[n++] = a;
        positive |= (own & fam) != 0;
      } else {
        dropped.add(ids[a]);
      }
    }
    if (n == 0) {
      // The catalog's family lists are never complete: the JA4 narrows, it never empties.
      evidence.add("tls: fits none of the destination's agents; candidates kept");
      return new Narrowed(view.agents, -1, Confidence.HOST, fam);
    }
    if (!dropped.isEmpty()) {
      evidence.add("tls: rules out " + String.join(", ", dropped));
    }
    int[] agents = n == kept.length ? view.agents : Arrays.copyOf(kept, n);
    return new Narrowed(agents, -1, positive ? Confidence.HOST_TLS : Confidence.HOST, fam);
  }

  private Identification claimed(
      int agent, List<String> claimEvidence, Narrowed tls, HostView view, List<String> evidence) {
    evidence.addAll(claimEvidence);
    String id = ids[agent];
    long own = agentFamilies[agent];
    if (tls.ja4Families() != 0 && own != 0 && (own & tls.ja4Families()) == 0) {
      evidence.add(
          "impersonation: headers claim "
              + id
              + " but the ja4 fits "
              + families.names(tls.ja4Families())
              + ", which "
              + id
              + " does not ship with");
      return result(tls, view.category, evidence, true, id);
    }
    if (view.agents.length > 0 && !view.contains(agent)) {
      evidence.add("destination is not one the catalog lists for " + id);
    }
    return new Identification(
        id, List.of(), Confidence.HEADERS, evidence, false, id, view.category);
  }

  private Identification result(
      Narrowed tls, String category, List<String> evidence, boolean impersonation, String claim) {
    if (tls.identifying() >= 0) {
      return new Identification(
          ids[tls.identifying()],
          List.of(),
          tls.confidence(),
          evidence,
          impersonation,
          claim,
          category);
    }
    return new Identification(
        null,
        HostView.names(tls.agents(), ids),
        tls.confidence(),
        evidence,
        impersonation,
        claim,
        category);
  }
}
