package dev.agentgate.proxy.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agentgate.proxy.identity.ClientIdentity.Outcome;
import io.netty.channel.DefaultEventLoop;
import io.netty.util.concurrent.Future;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class IdentityResolverTest {

  private static final String NET = "10.20.1.2"; // in 10.20.0.0/16 -> ci
  private static final String OTHER = "192.0.2.7"; // in no mapped network

  @TempDir Path dir;
  private Path usersFile;

  @BeforeEach
  void writeUsers() throws Exception {
    usersFile = dir.resolve("users.txt");
    Files.writeString(usersFile, TestUsers.file());
  }

  /** The credentials a test client sends. */
  enum Creds {
    GOOD(TestUsers.basic("alice", TestUsers.ALICE_PASSWORD)),
    WRONG_PASSWORD(TestUsers.basic("alice", "not-her-password")),
    UNKNOWN_USER(TestUsers.basic("mallory", TestUsers.ALICE_PASSWORD)),
    MALFORMED("Basic !!!"),
    MISSING(null);

    final String header;

    Creds(String header) {
      this.header = header;
    }
  }

  static Stream<Arguments> matrix() {
    Set<String> alice = Set.of("platform", "devs");
    Set<String> aliceCi = Set.of("platform", "devs", "ci");
    Set<String> ci = Set.of("ci");
    Set<String> none = Set.of();
    // mode, source, credentials, outcome, user, groups, user comparisons, dummy comparisons
    return Stream.of(
        row("required", OTHER, Creds.GOOD, Outcome.OK, "alice", alice, 1, 0),
        row("required", OTHER, Creds.WRONG_PASSWORD, Outcome.BAD_CREDENTIALS, null, none, 1, 0),
        row("required", OTHER, Creds.UNKNOWN_USER, Outcome.BAD_CREDENTIALS, null, none, 0, 1),
        row("required", OTHER, Creds.MALFORMED, Outcome.BAD_CREDENTIALS, null, none, 0, 0),
        row("required", OTHER, Creds.MISSING, Outcome.MISSING, null, none, 0, 0),
        row("required", NET, Creds.GOOD, Outcome.OK, "alice", aliceCi, 1, 0),
        row("required", NET, Creds.WRONG_PASSWORD, Outcome.BAD_CREDENTIALS, null, none, 1, 0),
        row("required", NET, Creds.UNKNOWN_USER, Outcome.BAD_CREDENTIALS, null, none, 0, 1),
        row("required", NET, Creds.MISSING, Outcome.OK, null, ci, 0, 0),
        row("optional", OTHER, Creds.GOOD, Outcome.OK, "alice", alice, 1, 0),
        row("optional", OTHER, Creds.WRONG_PASSWORD, Outcome.BAD_CREDENTIALS, null, none, 1, 0),
        row("optional", OTHER, Creds.UNKNOWN_USER, Outcome.BAD_CREDENTIALS, null, none, 0, 1),
        row("optional", OTHER, Creds.MALFORMED, Outcome.BAD_CREDENTIALS, null, none, 0, 0),
        row("optional", OTHER, Creds.MISSING, Outcome.OK, null, Set.of("anonymous"), 0, 0),
        row("optional", NET, Creds.GOOD, Outcome.OK, "alice", aliceCi, 1, 0),
        row("optional", NET, Creds.MISSING, Outcome.OK, null, ci, 0, 0),
        row("networks", OTHER, Creds.GOOD, Outcome.UNKNOWN_NETWORK, null, none, 0, 0),
        row("networks", OTHER, Creds.WRONG_PASSWORD, Outcome.UNKNOWN_NETWORK, null, none, 0, 0),
        row("networks", OTHER, Creds.MISSING, Outcome.UNKNOWN_NETWORK, null, none, 0, 0),
        row("networks", NET, Creds.GOOD, Outcome.OK, null, ci, 0, 0),
        row("networks", NET, Creds.WRONG_PASSWORD, Outcome.OK, null, ci, 0, 0),
        row("networks", NET, Creds.MISSING, Outcome.OK, null, ci, 0, 0));
  }

  private static Arguments row(
      String mode,
      String source,
      Creds creds,
      Outcome outcome,
      String user,
      Set<String> groups,
      int userComparisons,
      int dummyComparisons) {
    return Arguments.of(
        mode, source, creds, outcome, user, groups, userComparisons, dummyComparisons);
  }

  @ParameterizedTest(name = "{0} from {1} with {2} -> {3}")
  @MethodSource("matrix")
  void identityMatrix(
      String mode,
      String source,
      Creds creds,
      Outcome outcome,
      String user,
      Set<String> groups,
      int userComparisons,
      int dummyComparisons)
      throws Exception {
    try (IdentityResolver resolver = IdentityResolver.start(config(mode))) {
      ClientIdentity identity =
          resolver.resolve(InetAddress.getByName(source), creds.header).get(10, TimeUnit.SECONDS);

      assertThat(identity.outcome()).isEqualTo(outcome);
      assertThat(identity.user()).isEqualTo(user);
      assertThat(identity.groups()).isEqualTo(groups);
      assertThat(identity.authenticated()).isEqualTo(user != null);
      assertThat(identity.allowed()).isEqualTo(outcome == Outcome.OK);
      // An unknown user pays for a bcrypt comparison (against the dummy hash) just like a wrong
      // password does, so the two cannot be told apart by time.
      PasswordVerifier verifier =
          resolver.authenticator() == null ? null : resolver.authenticator().verifier();
      assertThat(verifier == null ? 0 : verifier.userComparisons()).isEqualTo(userComparisons);
      assertThat(verifier == null ? 0 : verifier.dummyComparisons()).isEqualTo(dummyComparisons);
    }
  }

  private IdentityConfig config(String mode) {
    return new IdentityConfig(
        IdentityMode.parse(mode),
        mode.equals("networks") ? null : usersFile,
        Map.of("10.20.0.0/16", List.of("ci")),
        false,
        null,
        0,
        1,
        null);
  }

  @Test
  void nettyFutureCompletesOnTheCallersEventLoop() throws Exception {
    DefaultEventLoop loop = new DefaultEventLoop();
    try (IdentityResolver resolver = IdentityResolver.start(config("required"))) {
      AtomicBoolean onLoop = new AtomicBoolean();
      Future<ClientIdentity> future =
          resolver.resolve(InetAddress.getByName(OTHER), Creds.GOOD.header, loop);
      future.addListener(f -> onLoop.set(loop.inEventLoop()));
      assertThat(future.get(10, TimeUnit.SECONDS).user()).isEqualTo("alice");
      await().untilTrue(onLoop);

      Future<ClientIdentity> immediate = resolver.resolve(InetAddress.getByName(OTHER), null, loop);
      assertThat(immediate.isDone()).isTrue();
      assertThat(immediate.getNow().outcome()).isEqualTo(Outcome.MISSING);
    } finally {
      loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
  }

  @Test
  void outcomesAreCachedSoRepeatedConnectionsCostOneComparison() throws Exception {
    try (IdentityResolver resolver = IdentityResolver.start(config("required"))) {
      InetAddress client = InetAddress.getByName(OTHER);
      for (int i = 0; i < 3; i++) {
        assertThat(resolver.resolve(client, Creds.GOOD.header).get().allowed()).isTrue();
        assertThat(resolver.resolve(client, Creds.UNKNOWN_USER.header).get().allowed()).isFalse();
      }
      PasswordVerifier verifier = resolver.authenticator().verifier();
      assertThat(verifier.userComparisons()).isEqualTo(1);
      assertThat(verifier.dummyComparisons()).isEqualTo(1);
    }
  }

  @Test
  void aReloadedUsersFileOverridesCachedOutcomes() throws Exception {
    try (IdentityResolver resolver = IdentityResolver.start(config("required"))) {
      InetAddress client = InetAddress.getByName(OTHER);
      String bob = TestUsers.basic("bob", TestUsers.BOB_PASSWORD);
      String carol = TestUsers.basic("carol", "carol-pw");
      assertThat(resolver.resolve(client, Creds.GOOD.header).get().allowed()).isTrue();
      assertThat(resolver.resolve(client, bob).get().allowed()).isTrue();
      assertThat(resolver.resolve(client, carol).get().allowed()).isFalse();

      // alice changes her password and group, bob is removed, carol is added.
      Files.writeString(
          usersFile,
          "alice:"
              + TestUsers.hash("alice-new-pw")
              + ":admins\ncarol:"
              + TestUsers.hash("carol-pw")
              + ":devs\n");
      assertThat(resolver.users().reloadNow()).isTrue();

      assertThat(resolver.resolve(client, Creds.GOOD.header).get().outcome())
          .isEqualTo(Outcome.BAD_CREDENTIALS);
      ClientIdentity alice =
          resolver.resolve(client, TestUsers.basic("alice", "alice-new-pw")).get();
      assertThat(alice.groups()).containsExactly("admins");
      assertThat(resolver.resolve(client, bob).get().outcome()).isEqualTo(Outcome.BAD_CREDENTIALS);
      assertThat(resolver.resolve(client, carol).get().groups()).containsExactly("devs");
    }
  }

  @Test
  void aFullPasswordQueueAnswersBusyAtOnce() throws Exception {
    ThreadPoolExecutor executor =
        new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(1));
    CountDownLatch release = new CountDownLatch(1);
    try (UsersFileWatcher users =
            UsersFileWatcher.start(usersFile, Duration.ZERO, new SecureRandom());
        BasicAuthenticator auth =
            new BasicAuthenticator(
                users::current, executor, Duration.ofMinutes(1), new SecureRandom());
        IdentityResolver resolver =
            new IdentityResolver(
                IdentityMode.REQUIRED, IdentityConfig.none().networkGroups(), users, auth)) {
      CountDownLatch started = new CountDownLatch(1);
      executor.execute(
          () -> {
            started.countDown();
            awaitQuietly(release);
          });
      started.await();
      executor.execute(() -> {}); // fills the queue of one

      ClientIdentity identity =
          resolver.resolve(InetAddress.getByName(OTHER), Creds.GOOD.header).get();

      assertThat(identity.outcome()).isEqualTo(Outcome.BUSY);
      assertThat(identity.outcome().httpStatus()).isEqualTo(503);
      release.countDown();
      // Not cached: once the queue drains the same credentials are checked and accepted.
      await()
          .until(
              () ->
                  resolver
                      .resolve(InetAddress.getByName(OTHER), Creds.GOOD.header)
                      .get()
                      .allowed());
    } finally {
      release.countDown();
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
